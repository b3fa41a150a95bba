'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState, useTransition } from 'react';
import { useEarlyInput } from '@/components/ui/use-early-input';
import { useTRPC } from '@/trpc/react';
import type { BoardFilter, CardPackage } from '@/trpc/types';
import { BoardFilters } from './board-filters';
import { BOARD_PAGE_SIZE, BOARD_SORTS, type BoardSort, viewBoard } from './board-view';
import { FocusStrip } from './focus-strip';
import { formatUntil } from './format';
import { OpportunityCard } from './opportunity-card';
import { SnoozedView } from './snoozed-view';
import { isFiltered, searchParamsWithFilter } from './today-filter';
import { useBoardActions } from './use-board-actions';

/** How long a pinned card stays where the person pinned it before the board re-ranks it. */
const PIN_HOLD_MS = 1_200;

/**
 * The Today page's client part: focus strip, filters, sort/search and the ranked cards (first view from the server).
 * `filter` is the page's, read from the URL on the server: a filter change replaces the URL and the page hands the new one.
 */
export function TodayBoard({ brandId, filter }: { brandId: string; filter: BoardFilter }) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const { data: view } = useSuspenseQuery(trpc.today.get.queryOptions({ brandId, ...filter }));
  const actions = useBoardActions(brandId);
  const [filtering, startFiltering] = useTransition();
  // One "now" per render of the list, so every card's age is measured from the same instant.
  const [now] = useState(() => new Date());
  const [sort, setSort] = useState<BoardSort>('score');
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState(BOARD_PAGE_SIZE);
  const [tab, setTab] = useState<'board' | 'snoozed'>('board');
  // While set, the cards keep this order: a pin changes the card in place, and the board re-ranks a moment later.
  const [heldOrder, setHeldOrder] = useState<string[] | null>(null);
  const [revealId, setRevealId] = useState<string | null>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const searchId = useId();
  const earlySearch = useEarlyInput();
  const controlsId = useId();
  const [controlsOpen, setControlsOpen] = useState(false);

  // The board brings its cards' packages, so a card never offers "Create package" before it knows.
  const packagesOf = useMemo(() => {
    const byOpportunity = new Map<string, CardPackage[]>();
    for (const link of view.packages) byOpportunity.set(link.opportunityId, [...(byOpportunity.get(link.opportunityId) ?? []), link]);
    return byOpportunity;
  }, [view.packages]);

  const ordered = useMemo(() => {
    const viewed = viewBoard(view.opportunities, sort, search);
    if (!heldOrder) return viewed;
    const place = new Map(heldOrder.map((id, index) => [id, index]));
    return [...viewed].sort((a, b) => (place.get(a.id) ?? Number.MAX_SAFE_INTEGER) - (place.get(b.id) ?? Number.MAX_SAFE_INTEGER));
  }, [view.opportunities, sort, search, heldOrder]);
  const visible = ordered.slice(0, Math.max(shown, revealIndex(ordered, revealId) + 1));

  useEffect(() => {
    if (!heldOrder) return;
    const timer = setTimeout(() => setHeldOrder(null), PIN_HOLD_MS);
    return () => clearTimeout(timer);
  }, [heldOrder]);
  useEffect(() => {
    // After the re-rank, the pinned card is scrolled into view with focus on its pin button, so the person is where they were.
    if (heldOrder || !revealId) return;
    const article = listRef.current?.querySelector<HTMLElement>(`article[data-opportunity-id="${revealId}"]`);
    article?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    // A refused pin has put focus on its reason: leave it there.
    if (!article?.querySelector('.error-in-place'))
      article?.querySelector<HTMLButtonElement>('button[aria-pressed]')?.focus({ preventScroll: true });
    setRevealId(null);
  }, [heldOrder, revealId]);

  const changeFilter = (next: BoardFilter) =>
    startFiltering(() => router.replace(`${pathname}${searchParamsWithFilter(searchParams.toString(), next)}`, { scroll: false }));

  const pin = (opportunityId: string, pinned: boolean) => {
    setHeldOrder(ordered.map((o) => o.id));
    setRevealId(opportunityId);
    actions.setPinned(opportunityId, pinned);
  };

  return (
    <div className="today">
      <FocusStrip view={view} />
      <div className="board-tools">
        <div className="board-tabs" role="group" aria-label="Which ideas">
          <button type="button" className="button button--quiet" aria-pressed={tab === 'board'} onClick={() => setTab('board')}>
            On the board
          </button>
          <button type="button" className="button button--quiet" aria-pressed={tab === 'snoozed'} onClick={() => setTab('snoozed')}>
            Snoozed
          </button>
        </div>
        {/* On a phone the controls fold behind one button, so the first card shows without scrolling. */}
        <button
          type="button"
          className="button button--quiet board-controls__toggle"
          aria-expanded={controlsOpen}
          aria-controls={controlsId}
          onClick={() => setControlsOpen((open) => !open)}
        >
          {isFiltered(filter) || search || sort !== 'score' ? 'Filter and sort (on)' : 'Filter and sort'}
        </button>
      </div>
      <div id={controlsId} className="board-controls" data-open={controlsOpen}>
        <BoardFilters filter={filter} strategy={view.strategy} pending={filtering} onChange={changeFilter} />
        {tab === 'board' && (
          // A form so that a search typed before hydration is kept (useEarlyInput), and a search landmark.
          <form
            ref={earlySearch}
            role="search"
            aria-label="Sort and search the board"
            className="board-controls__view"
            onSubmit={(event) => event.preventDefault()}
          >
            <label className="field field--inline">
              <span>Sort</span>
              <select value={sort} onChange={(e) => setSort(e.target.value as BoardSort)}>
                {BOARD_SORTS.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field field--inline board-tools__search" htmlFor={searchId}>
              <span>Search</span>
              <input
                id={searchId}
                type="search"
                value={search}
                placeholder="Title, angle, pillar…"
                onChange={(e) => {
                  setSearch(e.target.value);
                  setShown(BOARD_PAGE_SIZE);
                }}
              />
            </label>
          </form>
        )}
      </div>
      {actions.recentSnooze && (
        <div className="snooze-undo" role="status" data-testid="snooze-undo">
          <span>
            Snoozed “{actions.recentSnooze.title}” until {formatUntil(actions.recentSnooze.until)}.
          </span>
          <button type="button" className="button button--quiet" onClick={() => actions.bringBack(actions.recentSnooze!.opportunityId)}>
            Undo
          </button>
          <button type="button" className="button button--quiet" aria-label="Close" onClick={actions.forgetRecentSnooze}>
            ×
          </button>
        </div>
      )}
      {tab === 'snoozed' ? (
        <SnoozedView brandId={brandId} actions={actions} />
      ) : view.opportunities.length === 0 ? (
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
      ) : ordered.length === 0 ? (
        <div className="empty-state">
          <p>No idea on the board matches “{search}”.</p>
          <button type="button" className="button button--quiet" onClick={() => setSearch('')}>
            Clear search
          </button>
        </div>
      ) : (
        <>
          <p className="small muted" aria-live="polite">
            Showing {visible.length} of {ordered.length}
            {search ? ` matching “${search}”` : ''}
          </p>
          <ol
            ref={listRef}
            className="board"
            aria-label={
              sort === 'score'
                ? 'Opportunities, best first'
                : `Opportunities, ${BOARD_SORTS.find((option) => option.id === sort)?.label.toLowerCase()}`
            }
            aria-busy={filtering}
          >
            {visible.map((opportunity) => (
              <li key={opportunity.id}>
                <OpportunityCard
                  brandId={brandId}
                  opportunity={opportunity}
                  now={now}
                  packages={packagesOf.get(opportunity.id) ?? []}
                  errors={actions.errors}
                  onPinnedChange={(pinned) => pin(opportunity.id, pinned)}
                  onSnooze={(until) => actions.snooze(opportunity, until)}
                  onDismiss={(reason) => actions.dismiss(opportunity.id, reason)}
                />
              </li>
            ))}
          </ol>
          {visible.length < ordered.length && (
            <button type="button" className="button board__more" onClick={() => setShown(visible.length + BOARD_PAGE_SIZE)}>
              Show {Math.min(BOARD_PAGE_SIZE, ordered.length - visible.length)} more ({ordered.length - visible.length} not shown)
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** A card being revealed after a pin is kept on the page even when the re-rank moves it past "Show more". */
function revealIndex(ordered: { id: string }[], revealId: string | null): number {
  return revealId ? ordered.findIndex((o) => o.id === revealId) : -1;
}
