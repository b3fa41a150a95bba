'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useState, useTransition } from 'react';
import { useTRPC } from '@/trpc/react';
import type { BoardFilter } from '@/trpc/types';
import { BoardFilters } from './board-filters';
import { FocusStrip } from './focus-strip';
import { OpportunityCard } from './opportunity-card';
import { filterFromSearchParams, isFiltered, searchParamsWithFilter } from './today-filter';
import { useBoardActions } from './use-board-actions';

/** The Today page's client part: focus strip, filters and the ranked cards (first view from the server). */
export function TodayBoard({ brandId }: { brandId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const filter = filterFromSearchParams(searchParams);
  const { data: view } = useSuspenseQuery(trpc.today.get.queryOptions({ brandId, ...filter }));
  const actions = useBoardActions(brandId);
  const [filtering, startFiltering] = useTransition();
  // One "now" per render of the list, so every card's age is measured from the same instant.
  const [now] = useState(() => new Date());

  const changeFilter = (next: BoardFilter) =>
    startFiltering(() => router.replace(`${pathname}${searchParamsWithFilter(searchParams.toString(), next)}`, { scroll: false }));

  return (
    <div className="today">
      <FocusStrip view={view} />
      <BoardFilters filter={filter} strategy={view.strategy} pending={filtering} onChange={changeFilter} />
      {actions.error && (
        <div className="notice notice--error" role="alert">
          <span>{actions.error}</span>
          <button type="button" className="button button--quiet" onClick={actions.dismissError}>
            Dismiss
          </button>
        </div>
      )}
      {view.opportunities.length === 0 ? (
        <div className="empty-state">
          {isFiltered(filter) ? (
            <>
              <p>No live opportunities match these filters.</p>
              <button type="button" className="button button--quiet" onClick={() => changeFilter({})}>
                Clear filters
              </button>
            </>
          ) : (
            <p>Nothing on the board right now. Snoozed ideas come back when their snooze ends, and new ones arrive as they are found.</p>
          )}
        </div>
      ) : (
        <ol className="board" aria-label="Opportunities, best first" aria-busy={filtering}>
          {view.opportunities.map((opportunity) => (
            <li key={opportunity.id}>
              <OpportunityCard
                brandId={brandId}
                opportunity={opportunity}
                now={now}
                onPinnedChange={(pinned) => actions.setPinned(opportunity.id, pinned)}
                onSnooze={(until) => actions.snoozeUntil(opportunity.id, until)}
                onDismiss={(reason) => actions.dismiss(opportunity.id, reason)}
              />
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
