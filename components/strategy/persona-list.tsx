'use client';

import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { STRATEGY_BOUNDS } from '@/lib/strategy-rules';
import { useTRPC } from '@/trpc/react';
import type { PersonaDTO } from '@/trpc/types';
import { Problems } from './draft-review';
import { PERSONA_PRIORITIES, type PersonaFields, type PersonaPriority } from './draft-state';
import { joinLines, linesOf } from './lines';
import { SaveState, useReportDirty, useStrategyRefresh } from './save-state';

interface PersonaListProps {
  brandId: string;
  personas: PersonaDTO[];
  canEdit: boolean;
  reportDirty: (key: string, dirty: boolean) => void;
}

const EMPTY: PersonaFields = { name: '', role: '', summary: '', priorities: '', pains: '', priority: 'medium' };

const fieldsOf = (persona: PersonaDTO): PersonaFields => ({
  name: persona.name,
  role: persona.role ?? '',
  summary: persona.summary,
  priorities: joinLines(persona.priorities),
  pains: joinLines(persona.pains),
  priority: persona.priority,
});

/** What is wrong with a persona's fields before it is sent, beside each field. */
function fieldProblems(fields: PersonaFields): Partial<Record<keyof PersonaFields, string>> {
  const count = linesOf(fields.priorities).length;
  return {
    ...(fields.name.trim() ? {} : { name: 'A persona needs a name' }),
    ...(fields.summary.trim() ? {} : { summary: 'Describe them in a sentence' }),
    ...(count >= 3 && count <= 7 ? {} : { priorities: `List three to seven; there are ${count}` }),
  };
}

/** The brand's personas: edit each, add one (at most five, at most three high priority; the server holds both). */
export function PersonaList({ brandId, personas, canEdit, reportDirty }: PersonaListProps) {
  return (
    <div className="stack">
      {personas.length === 0 && <p className="muted">No personas yet.</p>}
      <ul className="strategy-list">
        {personas.map((persona) => (
          <li key={persona.id}>
            <PersonaForm brandId={brandId} persona={persona} canEdit={canEdit} reportDirty={reportDirty} />
          </li>
        ))}
      </ul>
      {canEdit && personas.length < STRATEGY_BOUNDS.personas.max && <PersonaForm brandId={brandId} canEdit reportDirty={reportDirty} />}
    </div>
  );
}

interface PersonaFormProps {
  brandId: string;
  /** Unset: the form adds a new persona. */
  persona?: PersonaDTO;
  canEdit: boolean;
  reportDirty: (key: string, dirty: boolean) => void;
}

function PersonaForm({ brandId, persona, canEdit, reportDirty }: PersonaFormProps) {
  const trpc = useTRPC();
  const refresh = useStrategyRefresh(brandId);
  const [fields, setFields] = useState<PersonaFields>(persona ? fieldsOf(persona) : EMPTY);
  const [dirty, setDirty] = useState(false);
  const form = useEarlyInput();
  const save = useMutation(trpc.strategy.upsertPersona.mutationOptions({ onSuccess: () => refresh() }));
  useReportDirty(`persona:${persona?.id ?? 'new'}`, dirty, reportDirty);
  const problems = fieldProblems(fields);
  const set = (patch: Partial<PersonaFields>) => {
    setFields({ ...fields, ...patch });
    setDirty(true);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        brandId,
        id: persona?.id,
        name: fields.name.trim(),
        role: fields.role.trim() || null,
        summary: fields.summary.trim(),
        priorities: linesOf(fields.priorities),
        pains: linesOf(fields.pains),
        priority: fields.priority,
        // Not edited here: sent back as stored, so saving never drops them.
        successMetrics: persona?.successMetrics ?? [],
        channelBiases: persona?.channelBiases ?? {},
      },
      {
        onSuccess: () => {
          setDirty(false);
          if (!persona) setFields(EMPTY);
        },
      },
    );
  };
  const disabled = !canEdit || save.isPending;
  const show = (field: keyof PersonaFields) => (canEdit && (dirty || persona) && problems[field] ? [problems[field]!] : undefined);
  const idPrefix = `persona-${persona?.id ?? 'new'}`;

  return (
    <form
      ref={form}
      className="strategy-row strategy-row--persona"
      onSubmit={submit}
      noValidate
      aria-label={persona ? `Persona ${persona.name}` : 'New persona'}
    >
      <label className="field">
        <span>{persona ? 'Name' : 'New persona'}</span>
        <input value={fields.name} maxLength={120} disabled={disabled} onChange={(e) => set({ name: e.target.value })} />
        <Problems messages={show('name')} />
      </label>
      <label className="field">
        <span>Role</span>
        <input value={fields.role} maxLength={120} disabled={disabled} onChange={(e) => set({ role: e.target.value })} />
      </label>
      <label className="field">
        <span>Priority</span>
        <select value={fields.priority} disabled={disabled} onChange={(e) => set({ priority: e.target.value as PersonaPriority })}>
          {PERSONA_PRIORITIES.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field strategy-row__wide">
        <span>Summary</span>
        <textarea rows={2} maxLength={1000} value={fields.summary} disabled={disabled} onChange={(e) => set({ summary: e.target.value })} />
        <Problems messages={show('summary')} />
      </label>
      <label className="field">
        <span>What they care about</span>
        <textarea
          rows={3}
          value={fields.priorities}
          disabled={disabled}
          aria-describedby={`${idPrefix}-priorities-hint`}
          onChange={(e) => set({ priorities: e.target.value })}
        />
        <span id={`${idPrefix}-priorities-hint`} className="muted small">
          Three to seven, one per line
        </span>
        <Problems messages={show('priorities')} />
      </label>
      <label className="field">
        <span>Their pains</span>
        <textarea rows={3} value={fields.pains} disabled={disabled} onChange={(e) => set({ pains: e.target.value })} />
        <span className="muted small">Optional, one per line</span>
      </label>
      {canEdit && (
        <div className="strategy-row__actions">
          <button type="submit" className="button" disabled={save.isPending || !dirty || Object.keys(problems).length > 0}>
            {save.isPending ? 'Saving…' : persona ? 'Save' : 'Add persona'}
          </button>
          <SaveState pending={save.isPending} dirty={dirty} saved={save.isSuccess} error={save.error} />
        </div>
      )}
    </form>
  );
}
