'use client';

import { useQuery } from '@tanstack/react-query';
import { ModelSummary } from '@/components/llm/model-summary';
import { retryUnlessRateLimited } from '@/components/llm/rate-limited';
import { useTRPC } from '@/trpc/react';

/** F3.1: what the window taught, written after the figures are on screen, in a slot of fixed height. */
export function LearningSummary({ brandId, windowDays }: { brandId: string; windowDays: number }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.learning.summary.queryOptions({ brandId, windowDays }, { retry: retryUnlessRateLimited }));
  return (
    <div data-testid="learning-summary">
      <ModelSummary query={summary} pendingText={`Summarising the last ${windowDays} days…`} className="insights-summary" />
    </div>
  );
}
