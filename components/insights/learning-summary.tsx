'use client';

import { useQuery } from '@tanstack/react-query';
import { isOfflineModelLabel } from '@/server/orchestrator/llm/model-label';
import { useTRPC } from '@/trpc/react';

/** F3.1: what the window taught, written after the figures are on screen, in a slot of fixed height. */
export function LearningSummary({ brandId, windowDays }: { brandId: string; windowDays: number }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.learning.summary.queryOptions({ brandId, windowDays }));
  return (
    <div className="insights-summary" aria-live="polite" aria-busy={summary.isPending} data-testid="learning-summary">
      {summary.isPending ? (
        <p className="skeleton-line muted">Summarising the last {windowDays} days…</p>
      ) : summary.isError ? (
        <p className="muted">The summary is unavailable right now.</p>
      ) : (
        <p>
          {summary.data.summary}{' '}
          <span className="muted small">
            {summary.data.source === 'fallback'
              ? '(standard summary: the model did not answer)'
              : isOfflineModelLabel(summary.data.model)
                ? '(offline model)'
                : `(${summary.data.model})`}
          </span>
        </p>
      )}
    </div>
  );
}
