'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { CHANNEL_LABELS, PATTERN_CATEGORY_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { PatternDTO } from '@/trpc/types';
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

  const errorOf = (field: string) =>
    errors[field] ? (
      <span className="form-error small" id={`${id}-${field}-error`} role="alert">
        {errors[field]}
      </span>
    ) : null;
  const describedBy = (field: string) => (errors[field] ? `${id}-${field}-error` : undefined);

  return (
    <form className="pattern-form" onSubmit={submit} noValidate>
      <label className="field">
        <span>Name</span>
        <input
          value={name}
          onChange={(e) => setName(e.target.value)}
          maxLength={120}
          required
          aria-invalid={!!errors.name}
          aria-describedby={describedBy('name')}
        />
        {errorOf('name')}
      </label>
      <fieldset className="pattern-form__channels" aria-describedby={describedBy('channel')}>
        <legend>Channels</legend>
        {CHANNELS.map((channel) => (
          <label key={channel} className="pattern-form__channel">
            <input type="checkbox" checked={channels.includes(channel)} onChange={(e) => toggleChannel(channel, e.target.checked)} />
            {CHANNEL_LABELS[channel]}
          </label>
        ))}
        {errorOf('channel')}
      </fieldset>
      <label className="field">
        <span>Structure: one beat per line, up to {MAX_BEATS}</span>
        <textarea
          value={structure}
          onChange={(e) => setStructure(e.target.value)}
          rows={Math.min(MAX_BEATS, Math.max(3, structure.split('\n').length))}
          aria-invalid={!!errors.structure}
          aria-describedby={describedBy('structure')}
        />
        {errorOf('structure')}
      </label>
      <div className="pattern-form__row">
        <label className="field">
          <span>Category</span>
          <select value={category} onChange={(e) => setCategory(e.target.value as Category)} aria-describedby={describedBy('category')}>
            {CATEGORIES.map((value) => (
              <option key={value} value={value}>
                {PATTERN_CATEGORY_LABELS[value]}
              </option>
            ))}
          </select>
          {errorOf('category')}
        </label>
        {retired ? (
          <p className="small muted">Retired: restore it from the list to have it recommended again.</p>
        ) : (
          <label className="field">
            <span>Status</span>
            <select value={status} onChange={(e) => setStatus(e.target.value as EditableStatus)} aria-describedby={describedBy('status')}>
              <option value="active">Active</option>
              <option value="experimental">Experimental (ranked a little lower while it earns a record)</option>
            </select>
            {errorOf('status')}
          </label>
        )}
      </div>
      <label className="field">
        <span>Example snippet (optional)</span>
        <textarea
          value={snippet}
          onChange={(e) => setSnippet(e.target.value)}
          rows={2}
          maxLength={2_000}
          aria-invalid={!!errors.exampleSnippet}
          aria-describedby={describedBy('exampleSnippet')}
        />
        {errorOf('exampleSnippet')}
      </label>
      {unplaced && (
        <p className="form-error" role="alert">
          {unplaced}
        </p>
      )}
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
