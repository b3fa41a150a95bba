'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { isOfflineModelLabel } from '@/lib/labels';
import { rateLimitMessage } from './rate-limited';

export interface ModelWrittenSummary {
  summary: string;
  source: 'model' | 'fallback';
  model: string | null;
}

/**
 * A sentence a model writes after the page's figures are on screen, in a slot the caller gives a fixed
 * height, with who wrote it: a named model, the offline model, or the standard sentence when no model
 * answered.
 */
export function ModelSummary({
  query,
  pendingText,
  className,
}: {
  query: UseQueryResult<ModelWrittenSummary, unknown>;
  pendingText: string;
  className: string;
}) {
  return (
    <div className={className} aria-live="polite" aria-busy={query.isPending}>
      {query.isPending ? (
        <p className="skeleton-line muted">{pendingText}</p>
      ) : query.isError ? (
        <p className="muted">{unavailableText(query.error)}</p>
      ) : (
        <p>
          {query.data.summary} <span className="muted small">({authorLabel(query.data)})</span>
        </p>
      )}
    </div>
  );
}

function unavailableText(error: unknown): string {
  const limited = rateLimitMessage(error);
  return limited
    ? `${limited}. You have asked for many summaries in a short time; the figures here are unaffected.`
    : 'The summary is unavailable right now.';
}

function authorLabel({ source, model }: ModelWrittenSummary): string {
  if (source === 'fallback' || !model) return 'standard summary: the model did not answer';
  return isOfflineModelLabel(model) ? 'offline model' : model;
}
