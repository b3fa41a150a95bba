'use client';

import { useQuery } from '@tanstack/react-query';
import { isOfflineModelLabel } from '@/server/orchestrator/llm/model-label';
import type { TodayBoardView } from '@/server/orchestrator/views/today-board-view';
import { useTRPC } from '@/trpc/react';
import { CHANNEL_LABELS } from '@/components/packages/channel-labels';

/**
 * "Focus on {pillar} / {channel} / {persona} today", the high-score count, and the one-sentence
 * summary. The summary comes from a model after the board is on screen, so its slot keeps a fixed
 * height: nothing below it moves when the sentence arrives.
 */
export function FocusStrip({ view }: { view: TodayBoardView }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.today.summary.queryOptions({ brandId: view.brand.id }));
  const { focus, focusLabels } = view;
  const parts = [focusLabels.pillarName, CHANNEL_LABELS[focus.primaryChannel], focusLabels.personaName].filter(Boolean);
  const high = focus.metrics.highScoreCount;

  return (
    <section className="focus-strip" aria-labelledby="focus-heading">
      <h2 id="focus-heading" className="focus-strip__title">
        {focus.metrics.total === 0 ? 'Nothing to focus on yet' : `Focus on ${parts.join(' / ')} today`}
      </h2>
      <p className="focus-strip__counts small">
        <strong>{high}</strong> high-score {high === 1 ? 'opportunity' : 'opportunities'} of {focus.metrics.total} live
      </p>
      <div className="focus-strip__summary" aria-live="polite" aria-busy={summary.isPending}>
        {summary.isPending ? (
          <p className="skeleton-line muted">Writing today&apos;s summary…</p>
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
    </section>
  );
}
