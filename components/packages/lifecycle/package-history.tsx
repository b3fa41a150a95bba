'use client';

import { useQuery } from '@tanstack/react-query';
import { CHANNEL_LABELS } from '@/lib/labels';
import { DECISION_LABELS } from '@/lib/package-lifecycle';
import { formatInTimeZone } from '@/lib/time-zones';
import { useTRPC } from '@/trpc/react';

/** The package's lifecycle as people took it, newest first: what, who, when, and the note or override. */
export function PackageHistory({ brandId, packageId }: { brandId: string; packageId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.packages.history.queryOptions({ brandId, packageId }));
  const { data: strategy } = useQuery(trpc.brands.strategy.queryOptions({ brandId }));
  const timeZone = strategy?.timeZone ?? 'UTC';
  return (
    <section className="workspace__card package-history" aria-labelledby="ws-history">
      <h2 id="ws-history">History</h2>
      {history.isPending ? (
        <p className="muted small">Loading…</p>
      ) : history.isError ? (
        <p className="form-error small" role="alert">
          {history.error.message}
        </p>
      ) : history.data.length === 0 ? (
        <p className="muted small">Nothing decided yet.</p>
      ) : (
        <ol className="package-history__list">
          {history.data.map((entry) => (
            <li key={entry.id}>
              <strong>{DECISION_LABELS[entry.kind]}</strong>
              {entry.channel && entry.variantId ? ` · ${CHANNEL_LABELS[entry.channel]}` : ''}
              <span className="small muted">
                {' — '}
                {entry.userName ?? 'a script'} ·{' '}
                <time dateTime={entry.decidedAt.toISOString()}>{formatInTimeZone(entry.decidedAt, timeZone)}</time>
              </span>
              {entry.reason && (
                <p className="small package-history__note">{entry.overridden.length > 0 ? `Override: ${entry.reason}` : entry.reason}</p>
              )}
              {entry.overridden.length > 0 && (
                <ul className="small package-history__overridden" aria-label="Overridden">
                  {entry.overridden.map((violation) => (
                    <li key={violation}>{violation}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
