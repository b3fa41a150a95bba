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
      <PillarBalanceHints balance={view.pillarBalance} />
    </section>
  );
}

/** "Neglected: Cash flow — none of the last 8 packages" / "Over-served: …", one plain line each when the mix is lopsided. */
function PillarBalanceHints({ balance }: { balance: TodayBoardView['pillarBalance'] }) {
  const lines = [
    ...balance.neglected.map((hint) => ({ ...hint, label: 'Neglected' })),
    ...balance.overServed.map((hint) => ({ ...hint, label: 'Over-served' })),
  ];
  if (lines.length === 0) return null;
  return (
    <ul className="focus-strip__balance small muted" data-testid="pillar-balance">
      {lines.map((line) => (
        <li key={`${line.label}:${line.pillarId}`}>
          {line.label}: {line.name} — {line.detail}
        </li>
      ))}
    </ul>
  );
}
