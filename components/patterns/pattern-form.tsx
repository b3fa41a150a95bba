'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { CHANNEL_LABELS, PATTERN_CATEGORY_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { PatternDTO } from '@/trpc/types';
import { Field, FormError } from '../ui/field';
import { beatsFromText, beatsProblem, MAX_BEATS, type PatternChannel } from './pattern-filter';

type Category = PatternDTO['category'];
type EditableStatus = Exclude<PatternDTO['status'], 'retired'>;

const CHANNELS = Object.keys(CHANNEL_LABELS) as PatternChannel[];
const CATEGORIES = Object.keys(PATTERN_CATEGORY_LABELS) as Category[];

/** Field → its message, from the server's zod field errors (`structure.2` belongs to `structure`). */
function serverFieldErrors(fieldErrors: Record<string, string[] | undefined> | undefined): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, messages] of Object.entries(fieldErrors ?? {})) {
    const field = path.split('.')[0]!;
    if (messages?.[0] && !errors[field]) errors[field] = messages[0];
  }
  return errors;
}

/**
 * Creates a brand pattern, or edits one (`pattern` given). Checks what it can before sending; the
 * server's refusals land next to the field they name, a name clash next to the name.
 */
export function PatternForm({
  brandId,
  pattern,
  onSaved,
  onCancel,
}: {
  brandId: string;
  pattern?: PatternDTO;
  onSaved: (savedName: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [name, setName] = useState(pattern?.name ?? '');
  const [channels, setChannels] = useState<PatternChannel[]>(pattern?.supportedChannels ?? ['linkedin']);
  const [structure, setStructure] = useState((pattern?.beats ?? ['Hook', 'Context', 'CTA']).join('\n'));
  const [category, setCategory] = useState<Category>(pattern?.category ?? 'evergreen');
  const [status, setStatus] = useState<EditableStatus>(pattern?.status === 'experimental' ? 'experimental' : 'active');
  const [snippet, setSnippet] = useState(pattern?.exampleSnippet ?? '');
  const [checks, setChecks] = useState<Record<string, string>>({});

  const saved = (result: PatternDTO) => {
    void queryClient.invalidateQueries({ queryKey: trpc.patterns.list.queryKey({ brandId }) });
    onSaved(result.name);
  };
  const create = useMutation(trpc.patterns.create.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.patterns.update.mutationOptions({ onSuccess: saved }));
  const save = pattern ? update : create;
  const retired = pattern?.status === 'retired';

  const fromServer = serverFieldErrors(save.error?.data?.zodError?.fieldErrors);
  if (save.error?.data?.code === 'CONFLICT') fromServer.name = save.error.message;
  const errors = { ...fromServer, ...checks };
  const unplaced = save.error && Object.keys(fromServer).length === 0 ? save.error.message : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const beats = beatsFromText(structure);
    const found: Record<string, string> = {};
    if (!name.trim()) found.name = 'Name the pattern.';
    if (channels.length === 0) found.channel = 'Pick at least one channel.';
    const beatsError = beatsProblem(beats);
    if (beatsError) found.structure = beatsError;
    setChecks(found);
    if (Object.keys(found).length > 0) return;
    const fields = { name, channel: channels, structure: beats, category, exampleSnippet: snippet.trim() ? snippet : null };
    if (pattern) update.mutate({ brandId, patternId: pattern.id, ...fields, ...(retired ? {} : { status }) });
    else create.mutate({ brandId, ...fields, status });
  };

  const toggleChannel = (channel: PatternChannel, on: boolean) =>
    setChannels((current) => (on ? CHANNELS.filter((c) => c === channel || current.includes(c)) : current.filter((c) => c !== channel)));

  const channelsErrorId = `${id}-channel-error`;

  return (
    <form className="pattern-form" onSubmit={submit} noValidate>
      <Field label="Name" error={errors.name}>
        {(control) => <input {...control} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} required />}
      </Field>
      <fieldset className="pattern-form__channels" aria-describedby={errors.channel ? channelsErrorId : undefined}>
        <legend>Channels</legend>
        {CHANNELS.map((channel) => (
          <label key={channel} className="pattern-form__channel">
            <input type="checkbox" checked={channels.includes(channel)} onChange={(e) => toggleChannel(channel, e.target.checked)} />
            {CHANNEL_LABELS[channel]}
          </label>
        ))}
        {errors.channel && (
          <span className="form-error small" id={channelsErrorId} role="alert">
            {errors.channel}
          </span>
        )}
      </fieldset>
      <Field label={`Structure: one beat per line, up to ${MAX_BEATS}`} error={errors.structure}>
        {(control) => (
          <textarea
            {...control}
            value={structure}
            onChange={(e) => setStructure(e.target.value)}
            rows={Math.min(MAX_BEATS, Math.max(3, structure.split('\n').length))}
          />
        )}
      </Field>
      <div className="pattern-form__row">
        <Field label="Category" error={errors.category}>
          {(control) => (
            <select {...control} value={category} onChange={(e) => setCategory(e.target.value as Category)}>
              {CATEGORIES.map((value) => (
                <option key={value} value={value}>
                  {PATTERN_CATEGORY_LABELS[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {retired ? (
          <p className="small muted">Retired: restore it from the list to have it recommended again.</p>
        ) : (
          <Field label="Status" error={errors.status}>
            {(control) => (
              <select {...control} value={status} onChange={(e) => setStatus(e.target.value as EditableStatus)}>
                <option value="active">Active</option>
                <option value="experimental">Experimental (ranked a little lower while it earns a record)</option>
              </select>
            )}
          </Field>
        )}
      </div>
      <Field label="Example snippet (optional)" error={errors.exampleSnippet}>
        {(control) => <textarea {...control} value={snippet} onChange={(e) => setSnippet(e.target.value)} rows={2} maxLength={2_000} />}
      </Field>
      <FormError message={unplaced} />
      <div className="pattern-form__actions">
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : pattern ? 'Save changes' : 'Create pattern'}
        </button>
        <button type="button" className="button button--quiet" disabled={save.isPending} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
