'use client';

import { Channel } from '@/engines/enums';
import type { BoardFilter } from '@/engines/opportunities/dto';
import type { TodayBoardView } from '@/server/orchestrator/views/today-board-view';
import { CHANNEL_LABELS } from '@/components/packages/channel-labels';
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
      <label className="field field--inline">
        <span>Pillar</span>
        <select value={filter.pillarId ?? ''} onChange={(e) => onChange({ ...filter, pillarId: e.target.value || undefined })}>
          <option value="">All pillars</option>
          {strategy.pillars.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>Persona</span>
        <select value={filter.personaId ?? ''} onChange={(e) => onChange({ ...filter, personaId: e.target.value || undefined })}>
          <option value="">All personas</option>
          {strategy.personas.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline">
        <span>Channel</span>
        <select
          value={filter.channel ?? ''}
          onChange={(e) => onChange({ ...filter, channel: Channel.safeParse(e.target.value).data })}
        >
          <option value="">All channels</option>
          {strategy.channels.map(({ channel: c }) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
      {isFiltered(filter) && (
        <button type="button" className="button button--quiet" onClick={() => onChange({})}>
          Clear filters
        </button>
      )}
    </form>
  );
}
