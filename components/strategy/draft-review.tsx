'use client';

import type { ReactNode } from 'react';
import { STRATEGY_BOUNDS } from '@/lib/strategy-rules';
import { type EditableDraft, PERSONA_PRIORITIES, type PersonaPriority, type problemsByField, rowKey } from './draft-state';
import { linesOf } from './lines';

interface DraftReviewProps {
  draft: EditableDraft;
  onChange: (draft: EditableDraft) => void;
  problems: ReturnType<typeof problemsByField>;
  disabled: boolean;
}

/** The proposed strategy, editable in place; each rule the draft breaks is shown beside its field. */
export function DraftReview({ draft, onChange, problems, disabled }: DraftReviewProps) {
  const set = <K extends keyof EditableDraft>(key: K, value: EditableDraft[K]) => onChange({ ...draft, [key]: value });
  const setPillar = (index: number, patch: Partial<EditableDraft['pillars'][number]>) =>
    set(
      'pillars',
      draft.pillars.map((p, i) => (i === index ? { ...p, ...patch } : p)),
    );
  const setPersona = (index: number, patch: Partial<EditableDraft['personas'][number]>) =>
    set(
      'personas',
      draft.personas.map((p, i) => (i === index ? { ...p, ...patch } : p)),
    );
  const movePillar = (index: number, by: -1 | 1) => {
    const pillars = [...draft.pillars];
    [pillars[index], pillars[index + by]] = [pillars[index + by]!, pillars[index]!];
    set('pillars', pillars);
  };

  return (
    <div className="strategy-draft stack">
      <label className="field">
        <span>Positioning</span>
        <textarea
          rows={3}
          maxLength={600}
          value={draft.positioning}
          disabled={disabled}
          aria-invalid={problems.positioning ? true : undefined}
          onChange={(e) => set('positioning', e.target.value)}
        />
        <span className="muted small">One to three sentences: what the brand does and for whom.</span>
        <Problems messages={problems.positioning} />
      </label>

      <fieldset className="strategy-rows">
        <legend>
          Pillars{' '}
          <span className="muted small">
            ({STRATEGY_BOUNDS.pillars.min}–{STRATEGY_BOUNDS.pillars.max}, most important first)
          </span>
        </legend>
        <Problems messages={problems.pillars} />
        {draft.pillars.map((pillar, index) => (
          <div key={pillar.key} className="strategy-row" role="group" aria-label={`Pillar ${index + 1}`}>
            <span className="strategy-row__rank">{index + 1}</span>
            <label className="field">
              <span>Name</span>
              <input value={pillar.name} maxLength={120} disabled={disabled} onChange={(e) => setPillar(index, { name: e.target.value })} />
              {!pillar.name.trim() && <Problems messages={['A pillar needs a name']} />}
            </label>
            <label className="field">
              <span>Description</span>
              <textarea
                rows={2}
                maxLength={1000}
                value={pillar.description}
                disabled={disabled}
                onChange={(e) => setPillar(index, { description: e.target.value })}
              />
              {!pillar.description.trim() && <Problems messages={['Say what the pillar covers']} />}
            </label>
            <RowActions
              label={`pillar ${index + 1}`}
              disabled={disabled}
              onUp={index > 0 ? () => movePillar(index, -1) : undefined}
              onDown={index < draft.pillars.length - 1 ? () => movePillar(index, 1) : undefined}
              onRemove={() =>
                set(
                  'pillars',
                  draft.pillars.filter((_, i) => i !== index),
                )
              }
            />
          </div>
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={disabled}
          onClick={() => set('pillars', [...draft.pillars, { key: rowKey(), name: '', description: '' }])}
        >
          Add a pillar
        </button>
      </fieldset>

      <fieldset className="strategy-rows">
        <legend>
          Personas{' '}
          <span className="muted small">
            ({STRATEGY_BOUNDS.personas.min}–{STRATEGY_BOUNDS.personas.max}, at most {STRATEGY_BOUNDS.highPriorityPersonas.max} high
            priority)
          </span>
        </legend>
        <Problems messages={problems.personas} />
        {draft.personas.map((persona, index) => (
          <PersonaRow
            key={persona.key}
            index={index}
            persona={persona}
            disabled={disabled}
            onChange={(patch) => setPersona(index, patch)}
            onRemove={() =>
              set(
                'personas',
                draft.personas.filter((_, i) => i !== index),
              )
            }
          />
        ))}
        <button
          type="button"
          className="button button--quiet"
          disabled={disabled}
          onClick={() =>
            set('personas', [
              ...draft.personas,
              { key: rowKey(), name: '', role: '', summary: '', priorities: '', pains: '', priority: 'medium' },
            ])
          }
        >
          Add a persona
        </button>
      </fieldset>

      <div className="strategy-lists">
        <LinesField
          label="Tone tags"
          hint={`${STRATEGY_BOUNDS.toneTags.min}–${STRATEGY_BOUNDS.toneTags.max}, one per line (e.g. "plain", "never salesy")`}
          value={draft.toneTags}
          maxItemLength={40}
          disabled={disabled}
          onChange={(value) => set('toneTags', value)}
          problems={problems.toneTags}
        />
        <LinesField
          label="Taboos"
          hint="Topics the brand never touches, one per line"
          value={draft.taboos}
          maxItemLength={120}
          disabled={disabled}
          onChange={(value) => set('taboos', value)}
          problems={problems.taboos}
        />
      </div>
    </div>
  );
}

interface PersonaRowProps {
  index: number;
  persona: EditableDraft['personas'][number];
  disabled: boolean;
  onChange: (patch: Partial<EditableDraft['personas'][number]>) => void;
  onRemove: () => void;
}

function PersonaRow({ index, persona, disabled, onChange, onRemove }: PersonaRowProps) {
  const priorities = linesOf(persona.priorities).length;
  return (
    <div className="strategy-row strategy-row--persona" role="group" aria-label={`Persona ${index + 1}`}>
      <label className="field">
        <span>Name</span>
        <input value={persona.name} maxLength={120} disabled={disabled} onChange={(e) => onChange({ name: e.target.value })} />
        {!persona.name.trim() && <Problems messages={['A persona needs a name']} />}
      </label>
      <label className="field">
        <span>Role</span>
        <input value={persona.role} maxLength={120} disabled={disabled} onChange={(e) => onChange({ role: e.target.value })} />
        {!persona.role.trim() && <Problems messages={['Name their role, e.g. "Head of finance"']} />}
      </label>
      <label className="field">
        <span>Priority</span>
        <select value={persona.priority} disabled={disabled} onChange={(e) => onChange({ priority: e.target.value as PersonaPriority })}>
          {PERSONA_PRIORITIES.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field strategy-row__wide">
        <span>Summary</span>
        <textarea
          rows={2}
          maxLength={1000}
          value={persona.summary}
          disabled={disabled}
          onChange={(e) => onChange({ summary: e.target.value })}
        />
        {!persona.summary.trim() && <Problems messages={['Describe them in a sentence']} />}
      </label>
      <label className="field">
        <span>What they care about</span>
        <textarea rows={3} value={persona.priorities} disabled={disabled} onChange={(e) => onChange({ priorities: e.target.value })} />
        <span className="muted small">Three to seven, one per line</span>
        {(priorities < 3 || priorities > 7) && <Problems messages={[`List three to seven; there are ${priorities}`]} />}
      </label>
      <label className="field">
        <span>Their pains</span>
        <textarea rows={3} value={persona.pains} disabled={disabled} onChange={(e) => onChange({ pains: e.target.value })} />
        <span className="muted small">Optional, at most ten, one per line</span>
        {linesOf(persona.pains).length > 10 && <Problems messages={[`List at most ten; there are ${linesOf(persona.pains).length}`]} />}
      </label>
      <RowActions label={`persona ${index + 1}`} disabled={disabled} onRemove={onRemove} />
    </div>
  );
}

interface RowActionsProps {
  label: string;
  disabled: boolean;
  onUp?: () => void;
  onDown?: () => void;
  onRemove: () => void;
}

function RowActions({ label, disabled, onUp, onDown, onRemove }: RowActionsProps) {
  return (
    <div className="strategy-row__actions">
      {(onUp || onDown) && <MoveButtons label={label} disabled={disabled} onUp={onUp} onDown={onDown} />}
      <button type="button" className="button button--quiet" disabled={disabled} onClick={onRemove} aria-label={`Remove ${label}`}>
        Remove
      </button>
    </div>
  );
}

interface LinesFieldProps {
  label: string;
  hint: ReactNode;
  value: string;
  maxItemLength: number;
  disabled: boolean;
  onChange: (value: string) => void;
  problems?: string[];
}

/** A list typed one item per line, with the item length checked as the person types. */
export function LinesField({ label, hint, value, maxItemLength, disabled, onChange, problems }: LinesFieldProps) {
  const tooLong = linesOf(value).find((line) => line.length > maxItemLength);
  const messages = [...(problems ?? []), ...(tooLong ? [`"${tooLong.slice(0, 30)}…" is over ${maxItemLength} characters`] : [])];
  return (
    <label className="field">
      <span>{label}</span>
      <textarea
        rows={5}
        value={value}
        disabled={disabled}
        aria-invalid={messages.length ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <span className="muted small">{hint}</span>
      <Problems messages={messages} />
    </label>
  );
}

export function Problems({ messages }: { messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <span className="form-error small" role="alert">
      {messages.join(' · ')}
    </span>
  );
}

/** A row's ↑ and ↓ (the draft review's pillars, the Strategy page's pillars); a missing move is disabled. */
export function MoveButtons({ label, disabled, onUp, onDown }: Omit<RowActionsProps, 'onRemove'>) {
  return (
    <>
      <button type="button" className="button button--quiet" disabled={disabled || !onUp} onClick={onUp} aria-label={`Move ${label} up`}>
        ↑
      </button>
      <button
        type="button"
        className="button button--quiet"
        disabled={disabled || !onDown}
        onClick={onDown}
        aria-label={`Move ${label} down`}
      >
        ↓
      </button>
    </>
  );
}
