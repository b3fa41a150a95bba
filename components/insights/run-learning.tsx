'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { FormError } from '@/components/ui/field';
import { CRON_LEARNING_WINDOW_DAYS } from '@/lib/learning-window';
import { useTRPC } from '@/trpc/react';
import { formatWindow } from './format';

/**
 * "Run learning now" for owners and admins: F3 for this brand over the daily run's window, then fresh
 * figures. Over another window it is "Preview learning": the same computation, nothing stored.
 */
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
  const preview = windowDays !== CRON_LEARNING_WINDOW_DAYS;
  const idleLabel = preview ? 'Preview learning' : 'Run learning now';

  return (
    <div className="run-learning">
      <p className="muted small" id="run-learning-what">
        {preview
          ? `The daily learning covers the last ${CRON_LEARNING_WINDOW_DAYS} days. Over these ${windowDays} days it is a preview: it shows what it would learn and changes no score, pattern or weight.`
          : `Learns from the last ${CRON_LEARNING_WINDOW_DAYS} days now, as the daily run does: re-scores ideas, updates patterns and the weights your decisions teach.`}
      </p>
      <button
        type="button"
        className="button"
        aria-describedby="run-learning-what"
        disabled={run.isPending}
        onClick={() => run.mutate({ brandId, windowDays })}
      >
        {run.isPending ? (preview ? 'Previewing…' : 'Running learning…') : idleLabel}
      </button>
      <div aria-live="polite" className="run-learning__result" data-testid="learning-result">
        <FormError message={run.error?.message} />
        {result &&
          (result.preview ? (
            <p>
              Preview of {formatWindow(result.windowStart, result.windowEnd)}, nothing stored: {result.variantsScored} posts would be
              scored, {result.patternsUpdated} patterns updated, {result.opportunitiesRescored} opportunities re-scored
              {result.adjustmentsFaded > 0 ? ` and ${result.adjustmentsFaded} back to their base score` : ''}
              {result.decisionWeights.length > 0
                ? `; decisions would weigh ${result.decisionWeights.map((w) => `${w.name} ${w.weight > 0 ? '+' : ''}${w.weight.toFixed(2)}`).join(', ')}`
                : ''}
              .
            </p>
          ) : result.skipped > 0 ? (
            <p>
              Already up to date for {formatWindow(result.windowStart, result.windowEnd)}: no new metrics or decisions since the last run,
              nothing changed.
            </p>
          ) : (
            <p>
              Learned from {formatWindow(result.windowStart, result.windowEnd)}: {result.variantsScored} posts scored,{' '}
              {result.patternsUpdated} patterns updated, {result.opportunitiesRescored} opportunities re-scored,{' '}
              {result.adjustmentsFaded > 0 ? `${result.adjustmentsFaded} back to their base score, ` : ''}
              {result.decisionWeights.length} decision weights, {result.learningEventsWritten} new learning events.
            </p>
          ))}
      </div>
    </div>
  );
}
