'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, useId, useRef, useState } from 'react';
import { CHANNELS, errorsForFields } from '@/components/brands/brand-fields';
import type { Channel } from '@/engines/enums';
import { expiryAfterDay } from '@/lib/dates';
import { CHANNEL_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { TodayBoardView } from '@/trpc/types';

const IDEA_FIELDS = [
  'title',
  'angle',
  'type',
  'pillarId',
  'personaId',
  'primaryChannel',
  'suggestedChannels',
  'sourceUrl',
  'expiresAt',
] as const;
type IdeaField = (typeof IDEA_FIELDS)[number];

const FIELD_LABELS: Record<IdeaField, string> = {
  title: 'Title',
  angle: 'Angle',
  type: 'Type',
  pillarId: 'Pillar',
  personaId: 'Persona',
  primaryChannel: 'Primary channel',
  suggestedChannels: 'Suggested channels',
  sourceUrl: 'Source link',
  expiresAt: 'Expiry',
};

const TYPES = [
  { value: 'trend', label: 'Trend (time-bound, starts highest)' },
  { value: 'evergreen', label: 'Evergreen' },
  { value: 'competitive', label: 'Competitive' },
  { value: 'campaign', label: 'Campaign' },
] as const;
type IdeaType = (typeof TYPES)[number]['value'];

/** The CSV import's size limit, checked here too so a too-large file is refused before it is sent. */
const MAX_CSV_BYTES = 1_048_576;
const CSV_COLUMNS = 'title, angle, type, pillar, persona, primary_channel, suggested_channels, source_url, expires_at';

/** A message the server phrases after the field's name ("is required") reads with the label in front. */
const withLabel = (field: IdeaField, message: string) => (/^[a-z]/.test(message) ? `${FIELD_LABELS[field]} ${message}` : message);

/**
 * "Add idea" on the Today board: a panel with the idea's fields (pillar and persona from the brand's
 * strategy) and a CSV import. Either way the board is refetched, so the new cards show in their place.
 */
export function AddIdea({ brandId }: { brandId: string }) {
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const panelId = useId();
  return (
    <section className="add-idea" aria-label="Add ideas">
      <div className="add-idea__bar">
        <button
          type="button"
          className="button button--quiet"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => {
            setOpen(!open);
            setAdded(null);
          }}
        >
          {open ? 'Close' : 'Add idea'}
        </button>
        {added && (
          <p className="small add-idea__added" role="status">
            {added}
          </p>
        )}
      </div>
      {open && (
        <div id={panelId} className="panel add-idea__panel">
          <IdeaForm
            brandId={brandId}
            onAdded={(message) => {
              setAdded(message);
              setOpen(false);
            }}
          />
          <CsvImport brandId={brandId} onImported={setAdded} />
        </div>
      )}
    </section>
  );
}

/** Refetches every cached board of the brand (one per filter) and its summary. */
function useRefreshBoard(brandId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.today.get.queryFilter({ brandId })),
      queryClient.invalidateQueries(trpc.today.summary.queryFilter({ brandId })),
    ]);
}

/** Scrolls the new card into view as soon as the board renders it (a second at most). */
function scrollToCardOnceRendered(opportunityId: string, framesLeft = 60) {
  const card = document.querySelector<HTMLElement>(`[data-opportunity-id="${opportunityId}"]`);
  if (card) card.scrollIntoView({ block: 'center' });
  else if (framesLeft > 0) requestAnimationFrame(() => scrollToCardOnceRendered(opportunityId, framesLeft - 1));
}

function IdeaForm({ brandId, onAdded }: { brandId: string; onAdded: (message: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const refreshBoard = useRefreshBoard(brandId);
  const strategy = useQuery(trpc.brands.strategy.queryOptions({ brandId }));
  const [title, setTitle] = useState('');
  const [angle, setAngle] = useState('');
  const [type, setType] = useState<IdeaType>('evergreen');
  const [pillarId, setPillarId] = useState('');
  const [personaId, setPersonaId] = useState('');
  const [primaryChannel, setPrimaryChannel] = useState<Channel | ''>('');
  const [suggested, setSuggested] = useState<Channel[]>([]);
  const [sourceUrl, setSourceUrl] = useState('');
  const [expiryDay, setExpiryDay] = useState('');
  const [checks, setChecks] = useState<Partial<Record<IdeaField, string>>>({});

  const create = useMutation(
    trpc.opportunities.create.mutationOptions({
      onSuccess: async ({ opportunity }) => {
        await refreshBoard();
        const added = `Added “${opportunity.title}” with a score of ${opportunity.score}`;
        // The refetched board shows its best cards only (and the filter's): say so when the new one is not
        // among them. Read from the board on screen's data, not the DOM, which may not have re-rendered yet.
        const shown = queryClient
          .getQueriesData<TodayBoardView>({ ...trpc.today.get.queryFilter({ brandId }), type: 'active' })
          .some(([, view]) => view?.opportunities.some((o) => o.id === opportunity.id));
        if (shown) {
          onAdded(`${added}; it is on the board below.`);
          scrollToCardOnceRendered(opportunity.id);
        } else {
          onAdded(`${added}; it ranks below the cards shown here (or outside the current filters).`);
        }
      },
    }),
  );
  const server = errorsForFields(create.error, IDEA_FIELDS);
  const errors: Partial<Record<IdeaField, string>> = { ...server.fields, ...checks };

  const brandChannels = strategy.data?.channels.map((entry) => entry.channel) ?? CHANNELS;
  const primary: Channel = primaryChannel || strategy.data?.primaryChannel || 'linkedin';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Partial<Record<IdeaField, string>> = {};
    if (!title.trim()) found.title = 'Give the idea a title.';
    if (!angle.trim()) found.angle = 'Say what the post would argue.';
    const expiresAt = expiryDay ? expiryAfterDay(expiryDay) : null;
    if (expiryDay && !expiresAt) found.expiresAt = 'Pick a date.';
    setChecks(found);
    if (Object.keys(found).length > 0) return;
    create.mutate({
      brandId,
      title,
      angle,
      type,
      pillarId: pillarId || null,
      personaId: personaId || null,
      primaryChannel: primary,
      suggestedChannels: suggested.filter((channel) => channel !== primary),
      sourceUrl: sourceUrl.trim() || null,
      expiresAt,
    });
  };

  const errorOf = (field: IdeaField) =>
    errors[field] ? (
      <span className="form-error small" id={`${id}-${field}-error`} role="alert">
        {withLabel(field, errors[field])}
      </span>
    ) : null;
  const described = (field: IdeaField) => ({
    'aria-invalid': errors[field] ? true : undefined,
    'aria-describedby': errors[field] ? `${id}-${field}-error` : undefined,
  });

  return (
    <form className="add-idea__form" onSubmit={submit} noValidate aria-label="New idea">
      <label className="field">
        <span>Title</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} required {...described('title')} />
        {errorOf('title')}
      </label>
      <label className="field">
        <span>Angle: why now, and what the post would argue</span>
        <textarea value={angle} onChange={(e) => setAngle(e.target.value)} rows={3} maxLength={2000} required {...described('angle')} />
        {errorOf('angle')}
      </label>
      <div className="add-idea__row">
        <label className="field">
          <span>Type</span>
          <select value={type} onChange={(e) => setType(e.target.value as IdeaType)} {...described('type')}>
            {TYPES.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          {errorOf('type')}
        </label>
        <label className="field">
          <span>Pillar</span>
          <select value={pillarId} onChange={(e) => setPillarId(e.target.value)} disabled={!strategy.data} {...described('pillarId')}>
            <option value="">No pillar</option>
            {strategy.data?.pillars.map((pillar) => (
              <option key={pillar.id} value={pillar.id}>
                {pillar.name}
              </option>
            ))}
          </select>
          {errorOf('pillarId')}
        </label>
        <label className="field">
          <span>Persona</span>
          <select value={personaId} onChange={(e) => setPersonaId(e.target.value)} disabled={!strategy.data} {...described('personaId')}>
            <option value="">No persona</option>
            {strategy.data?.personas.map((persona) => (
              <option key={persona.id} value={persona.id}>
                {persona.name}
              </option>
            ))}
          </select>
          {errorOf('personaId')}
        </label>
        <label className="field">
          <span>Primary channel</span>
          <select value={primary} onChange={(e) => setPrimaryChannel(e.target.value as Channel)} {...described('primaryChannel')}>
            {brandChannels.map((channel) => (
              <option key={channel} value={channel}>
                {CHANNEL_LABELS[channel]}
              </option>
            ))}
          </select>
          {errorOf('primaryChannel')}
        </label>
      </div>
      {strategy.error && (
        <p className="form-error small">The strategy did not load ({strategy.error.message}); the idea can still be added.</p>
      )}
      {/* A brand with one channel has nothing else to suggest: no empty group to puzzle over. */}
      {brandChannels.some((channel) => channel !== primary) && (
        <fieldset className="add-idea__channels" {...described('suggestedChannels')}>
          <legend>Also suits</legend>
          {brandChannels
            .filter((channel) => channel !== primary)
            .map((channel) => (
              <label key={channel} className="add-idea__channel">
                <input
                  type="checkbox"
                  checked={suggested.includes(channel)}
                  onChange={(e) =>
                    setSuggested((current) => (e.target.checked ? [...current, channel] : current.filter((c) => c !== channel)))
                  }
                />
                {CHANNEL_LABELS[channel]}
              </label>
            ))}
          {errorOf('suggestedChannels')}
        </fieldset>
      )}
      <div className="add-idea__row">
        <label className="field">
          <span>Source link (optional)</span>
          <input
            type="url"
            inputMode="url"
            value={sourceUrl}
            onChange={(e) => setSourceUrl(e.target.value)}
            placeholder="https://"
            {...described('sourceUrl')}
          />
          {errorOf('sourceUrl')}
        </label>
        <label className="field">
          <span>Worth doing until (optional)</span>
          <input type="date" value={expiryDay} onChange={(e) => setExpiryDay(e.target.value)} {...described('expiresAt')} />
          {errorOf('expiresAt')}
        </label>
      </div>
      {server.form && (
        <p className="form-error small" role="alert">
          {server.form}
        </p>
      )}
      <div className="add-idea__actions">
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Adding…' : 'Add to the board'}
        </button>
      </div>
    </form>
  );
}

/** "Import CSV": the whole file lands or none of it, and every refused line is listed. */
function CsvImport({ brandId, onImported }: { brandId: string; onImported: (message: string) => void }) {
  const trpc = useTRPC();
  const id = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const refreshBoard = useRefreshBoard(brandId);
  const [fileName, setFileName] = useState<string | null>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  const importCsv = useMutation(
    trpc.opportunities.importCsv.mutationOptions({
      onSuccess: async ({ imported }) => {
        await refreshBoard();
        onImported(`Imported ${imported} idea${imported === 1 ? '' : 's'} from ${fileName ?? 'the file'}.`);
        if (fileInput.current) fileInput.current.value = '';
      },
    }),
  );

  const chosen = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    setLocalError(null);
    importCsv.reset();
    if (!file) return;
    setFileName(file.name);
    if (file.size > MAX_CSV_BYTES) {
      setLocalError(`${file.name} is larger than 1 MB; split it into smaller files.`);
      return;
    }
    importCsv.mutate({ brandId, csv: await file.text() });
  };

  const lines = importCsv.error?.message.split('\n') ?? [];
  return (
    <div className="add-idea__import">
      <label className="field" htmlFor={`${id}-file`}>
        <span>Import CSV</span>
      </label>
      <p className="small muted" id={`${id}-help`}>
        A header row, then one idea per row: {CSV_COLUMNS}. Pillar and persona by name; suggested channels separated by “;”; expiry as
        YYYY-MM-DD. Up to 1,000 rows and 1 MB; a file with any bad row imports nothing.
      </p>
      <input
        id={`${id}-file`}
        ref={fileInput}
        type="file"
        accept=".csv,text/csv"
        onChange={chosen}
        disabled={importCsv.isPending}
        aria-describedby={`${id}-help${lines.length > 0 || localError ? ` ${id}-errors` : ''}`}
      />
      {importCsv.isPending && (
        <p className="small" role="status">
          Importing {fileName}…
        </p>
      )}
      {(localError || lines.length > 0) && (
        <div className="form-error small" id={`${id}-errors`} role="alert">
          {localError ?? lines[0]}
          {lines.length > 1 && (
            <ul className="add-idea__import-errors">
              {lines.slice(1).map((line, index) => (
                <li key={index}>{line}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
