'use client';

import { useQuery } from '@tanstack/react-query';
import { ErrorInPlace } from '@/components/errors/error-in-place';
import { useTRPC } from '@/trpc/react';
import { formatUntil } from './format';
import { actionKey, type BoardActions } from './use-board-actions';

/** The ideas snoozed until later, each with "Bring back" (snooze until null). Loaded when opened. */
export function SnoozedView({ brandId, actions }: { brandId: string; actions: BoardActions }) {
  const trpc = useTRPC();
  const snoozed = useQuery(trpc.opportunities.snoozed.queryOptions({ brandId }));
  if (snoozed.isPending) return <p className="muted">Loading snoozed ideas…</p>;
  if (snoozed.isError) return <ErrorInPlace message={snoozed.error.message} />;
  if (snoozed.data.length === 0) {
    return <p className="empty-state">Nothing is snoozed. Snoozed ideas wait here until their snooze ends.</p>;
  }
  return (
    <ul className="snoozed-list" aria-label="Snoozed ideas">
      {snoozed.data.map((o) => {
        const key = actionKey('unsnooze', o.id);
        return (
          <li key={o.id} className="snoozed-list__item" data-snoozed-id={o.id}>
            <div>
              <strong>{o.title}</strong>
              <p className="small muted">Back on the board {o.snoozedUntil ? formatUntil(o.snoozedUntil) : 'soon'}</p>
            </div>
            <button
              type="button"
              className="button button--quiet"
              disabled={actions.bringingBack(o.id)}
              aria-describedby={actions.errors.idFor(key)}
              onClick={() => actions.bringBack(o.id)}
            >
              {actions.bringingBack(o.id) ? 'Bringing back…' : 'Bring back now'}
            </button>
            <ErrorInPlace
              message={actions.errors.messageFor(key)}
              id={actions.errors.idFor(key)}
              onDismiss={() => actions.errors.clear(key)}
            />
          </li>
        );
      })}
    </ul>
  );
}
