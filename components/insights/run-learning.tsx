'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '@/trpc/react';
import { formatDay, lastDayOf } from './format';

/** "Run learning now" for owners and admins: F3 for this brand and window, then fresh figures. */
export function RunLearning({ brandId, windowDays }: { brandId: string; windowDays: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const run = useMutation(
    trpc.learning.run.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.learning.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.runs.pathKey() }),
          // Learned scores reorder the Today board.
          queryClient.invalidateQueries({ queryKey: trpc.today.pathKey() }),
        ]),
    }),
  );
  const result = run.data;

  return (
    <div className="run-learning">
      <button type="button" className="button" disabled={run.isPending} onClick={() => run.mutate({ brandId, windowDays })}>
        {run.isPending ? 'Running learning…' : 'Run learning now'}
      </button>
      <div aria-live="polite" className="run-learning__result" data-testid="learning-result">
        {run.isError && (
          <p className="form-error" role="alert">
            {run.error.message}
          </p>
        )}
        {result &&
          (result.skipped > 0 ? (
            <p>
              Already up to date for {formatDay(result.windowStart)}–{formatDay(lastDayOf(result.windowEnd))}: no new metrics since the last
              run, nothing changed.
            </p>
          ) : (
            <p>
              Learned from {formatDay(result.windowStart)}–{formatDay(lastDayOf(result.windowEnd))}: {result.variantsScored} posts scored,{' '}
              {result.patternsUpdated} patterns updated, {result.opportunitiesRescored} opportunities re-scored,{' '}
              {result.learningEventsWritten} new learning events.
            </p>
          ))}
      </div>
    </div>
  );
}
