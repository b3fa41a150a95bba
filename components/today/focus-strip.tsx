'use client';

import { useQuery } from '@tanstack/react-query';
import { ModelSummary } from '@/components/llm/model-summary';
import { retryUnlessRateLimited } from '@/components/llm/rate-limited';
import { CHANNEL_LABELS } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { TodayBoardView } from '@/trpc/types';

/**
 * "Focus on {pillar} / {channel} / {persona} today", the high-score count, and the one-sentence
 * summary. The summary comes from a model after the board is on screen, so its slot keeps a fixed
 * height: nothing below it moves when the sentence arrives.
 */
export function FocusStrip({ view }: { view: TodayBoardView }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.today.summary.queryOptions({ brandId: view.brand.id }, { retry: retryUnlessRateLimited }));
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
      <ModelSummary query={summary} pendingText="Writing today’s summary…" className="focus-strip__summary" />
    </section>
  );
}
