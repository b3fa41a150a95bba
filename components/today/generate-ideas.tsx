'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRef } from 'react';
import { brandSectionHref } from '@/components/app-shell/sections';
import { isOfflineModelLabel } from '@/lib/labels';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';

type GenerationRunResult = NonNullable<RouterOutputs['opportunities']['generationStatus']>;

const CLASS_LABELS: Record<GenerationRunResult['boardClass']['class'], string> = {
  good: 'Good board',
  partial: 'Partial board',
  bad: 'Bad board',
};

/**
 * "Generate ideas" on the Today page: one run of the generation flow (strategy and the newest signals
 * → scored ideas → the rubric's rules), then the board is refetched. Shows the run's counts, the
 * board's class with its reason, and what was dropped and why; before any click, the latest run's.
 */
export function GenerateIdeas({ brandId }: { brandId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.opportunities.generationStatus.queryOptions({ brandId }));
  // One key per attempt, kept until it succeeds: a retry after a lost answer gets the first run's
  // result (or, after a failed run, a new run) instead of a second batch of ideas.
  const attemptKey = useRef<string | null>(null);
  const generate = useMutation(
    trpc.opportunities.generate.mutationOptions({
      onSuccess: async (result) => {
        attemptKey.current = null;
        queryClient.setQueryData(trpc.opportunities.generationStatus.queryKey({ brandId }), result);
        // The focus strip's sentence ("N high-scoring ideas are waiting") is today.summary: refetched
        // with the board, or it keeps counting the board from before the run.
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.today.get.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.today.summary.pathKey() }),
        ]);
      },
    }),
  );
  const latest = generate.data ?? status.data ?? null;
  const calibrate = generate.error?.message.startsWith('Calibrate the strategy first');

  return (
    <section className="generate-ideas" aria-label="Generate ideas">
      <div className="generate-ideas__bar">
        <button
          type="button"
          className="button"
          disabled={generate.isPending}
          aria-describedby="generate-ideas-hint"
          onClick={() => {
            attemptKey.current ??= crypto.randomUUID();
            generate.mutate({ brandId, idempotencyKey: attemptKey.current });
          }}
        >
          {generate.isPending ? 'Generating…' : 'Generate ideas'}
        </button>
        <p id="generate-ideas-hint" className="small muted generate-ideas__hint">
          From the strategy and the newest signals of your sources, scored on the rubric.
        </p>
      </div>
      <div aria-live="polite" aria-busy={generate.isPending}>
        {generate.isPending && <p className="small">Reading the strategy and the newest signals, then scoring each idea…</p>}
        {!generate.isPending && latest && <GenerationOutcome result={latest} fresh={generate.data === latest} />}
      </div>
      {generate.error && (
        <div className="notice notice--error" role="alert">
          <span>
            {generate.error.message}
            {calibrate && (
              <>
                {' '}
                <Link href={brandSectionHref(brandId, 'strategy')}>Open the strategy</Link>
              </>
            )}
          </span>
          <button type="button" className="button button--quiet" onClick={() => generate.reset()}>
            Dismiss
          </button>
        </div>
      )}
    </section>
  );
}

function GenerationOutcome({ result, fresh }: { result: GenerationRunResult; fresh: boolean }) {
  const { boardClass } = result;
  return (
    <div className="generate-ideas__outcome">
      <p className="small" role={fresh ? 'status' : undefined}>
        {fresh ? '' : 'Last run: '}
        {result.proposed} proposed, {result.landed} landed, {result.dropped} dropped
        {isOfflineModelLabel(result.model) && (
          <>
            {' '}
            <span className="badge badge--offline">Offline model</span>
          </>
        )}
      </p>
      <p className="small generate-ideas__class" data-board-class={boardClass.class}>
        <span className="badge" data-board-class={boardClass.class}>
          {CLASS_LABELS[boardClass.class]}
        </span>{' '}
        {boardClass.reason}
      </p>
      {result.droppedIdeas.length > 0 && (
        <details className="small">
          <summary>Why {result.dropped === 1 ? 'one idea was' : `${result.dropped} ideas were`} dropped</summary>
          <ul className="generate-ideas__dropped">
            {result.droppedIdeas.map((idea, index) => (
              // Titles may repeat, so the position keeps keys apart; the list is replaced whole, never reordered.
              <li key={`${index}-${idea.title}`}>
                <strong>{idea.title}</strong>: {idea.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
