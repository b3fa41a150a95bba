'use client';

import { CHANNEL_LABELS } from '@/lib/labels';
import type { BoardFilter, TodayBoardView } from '@/trpc/types';
import { isFiltered } from './today-filter';

interface BoardFiltersProps {
  filter: BoardFilter;
  strategy: TodayBoardView['strategy'];
  pending: boolean;
  onChange: (filter: BoardFilter) => void;
}

/** Pillar / persona / channel filters; the page keeps them in the URL. */
export function BoardFilters({ filter, strategy, pending, onChange }: BoardFiltersProps) {
  return (
    <form className="filters" aria-label="Filter the board" aria-busy={pending} onSubmit={(e) => e.preventDefault()}>
      <FilterSelect
        label="Pillar"
        allLabel="All pillars"
        value={filter.pillarId}
        options={strategy.pillars.map((p) => ({ value: p.id, label: p.name }))}
        onChange={(pillarId) => onChange({ ...filter, pillarId })}
      />
      <FilterSelect
        label="Persona"
        allLabel="All personas"
        value={filter.personaId}
        options={strategy.personas.map((p) => ({ value: p.id, label: p.name }))}
        onChange={(personaId) => onChange({ ...filter, personaId })}
      />
      <FilterSelect
        label="Channel"
        allLabel="All channels"
        value={filter.channel}
        options={strategy.channels.map(({ channel }) => ({ value: channel, label: CHANNEL_LABELS[channel] }))}
        onChange={(channel) => onChange({ ...filter, channel: strategy.channels.find((entry) => entry.channel === channel)?.channel })}
      />
      {isFiltered(filter) && (
        <button type="button" className="button button--quiet" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </form>
  );
}

interface FilterSelectProps {
  label: string;
  allLabel: string;
  value: string | undefined;
  options: { value: string; label: string }[];
  /** Undefined when "all" is chosen. */
  onChange: (value: string | undefined) => void;
}

function FilterSelect({ label, allLabel, value, options, onChange }: FilterSelectProps) {
  return (
    <label className="field field--inline">
      <span>{label}</span>
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
