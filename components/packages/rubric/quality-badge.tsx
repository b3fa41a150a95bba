'use client';

import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { PUBLISH_READY_SCORE } from '@/lib/draft-rules';
import { useTRPC } from '@/trpc/react';
import type { VariantDTO } from '@/trpc/types';
import { useWorkspaceCache } from '../use-workspace-cache';

function band(score: number): { label: string; tone: 'bad' | 'weak' | 'good' } {
  if (score === 0) return { label: 'invalid', tone: 'bad' };
  return score >= PUBLISH_READY_SCORE ? { label: 'publish-ready', tone: 'good' } : { label: 'weak', tone: 'weak' };
}

/**
 * The variant's rubric score (eval_score) as a badge, its reasons (eval_notes, one a line) behind a
 * toggle, and Evaluate: the checks plus the judge node, run again on the current text.
 */
export function QualityBadge({ brandId, variant, dirty }: { brandId: string; variant: VariantDTO; dirty: boolean }) {
  const trpc = useTRPC();
  const cache = useWorkspaceCache(brandId, variant.packageId);
  const ids = useId();
  const [open, setOpen] = useState(false);
  const evaluate = useMutation(trpc.variants.evaluate.mutationOptions({ onSuccess: cache.setVariant }));
  const score = variant.evalScore;
  const reasons = (variant.evalNotes ?? '').split('\n').filter((line) => line.trim());
  const graded = score === null ? null : band(score);

  return (
    <span className="quality">
      {graded ? (
        <button
          type="button"
          className="badge quality__badge"
          data-quality={graded.tone}
          aria-expanded={open}
          aria-controls={`${ids}-reasons`}
          onClick={() => setOpen((value) => !value)}
          title="Why this score"
        >
          Quality {score} · {graded.label}
        </button>
      ) : (
        <span className="badge">Not scored</span>
      )}
      <button
        type="button"
        className="button button--quiet"
        disabled={evaluate.isPending || dirty}
        title={dirty ? 'Save the edit first: the saved text is what gets scored' : undefined}
        onClick={() => evaluate.mutate({ brandId, variantId: variant.id })}
      >
        {evaluate.isPending ? 'Evaluating…' : score === null ? 'Evaluate' : 'Re-evaluate'}
      </button>
      {evaluate.isError && (
        <span className="form-error small" role="alert">
          {evaluate.error.message}
        </span>
      )}
      {open && reasons.length > 0 && (
        <ul id={`${ids}-reasons`} className="quality__reasons small">
          {reasons.map((reason, index) => (
            <li key={index}>{reason}</li>
          ))}
        </ul>
      )}
    </span>
  );
}
