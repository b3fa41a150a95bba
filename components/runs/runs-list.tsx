'use client';

import { useSuspenseQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { formatDuration, formatStamp } from '@/components/insights/format';
import type { FlowName, FlowRunStatus } from '@/engines/enums';
import { useTRPC } from '@/trpc/react';
import type { FlowRunDTO } from '@/trpc/types';
import { RUNS_SHOWN } from './runs-limit';

const FLOW_LABELS: Record<FlowName, string> = {
  f0_strategy: 'Brand strategy draft',
  f1_today: 'Today board',
  f1_summary: 'Today summary',
  f2_package_build: 'Package build',
  f2_regenerate: 'Regenerate variants',
  f3_learning: 'Learning update',
  f3_summary: 'Learning summary',
  opportunity_generation: 'Idea generation',
  variant_evaluation: 'Draft evaluation',
};

const STATUS_LABELS: Record<FlowRunStatus, string> = {
  running: 'Running',
  succeeded: 'Succeeded',
  succeeded_with_warnings: 'Succeeded with warnings',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

/** The audit trail: each recent flow run, expandable to the events it recorded in order. */
export function RunsList({ brandId }: { brandId: string }) {
  const trpc = useTRPC();
  const { data: runs } = useSuspenseQuery(trpc.runs.list.queryOptions({ brandId, limit: RUNS_SHOWN }));
  if (runs.length === 0) return <p className="muted">No flow has run for this brand yet.</p>;
  return (
    <ol className="runs" data-testid="runs-list">
      {runs.map((run) => (
        <li key={run.id}>
          <details className="run">
            <summary className="run__summary">
              <span className="run__flow">{FLOW_LABELS[run.flow]}</span>
              <span className={`status status--${run.status}`}>{STATUS_LABELS[run.status]}</span>
              <span className="muted small">{formatStamp(run.startedAt)}</span>
              <span className="muted small">
                {run.finishedAt ? formatDuration(run.finishedAt.getTime() - run.startedAt.getTime()) : 'not finished'} · {run.events.length}{' '}
                {run.events.length === 1 ? 'event' : 'events'}
                {run.budgetMs !== null && ` · budget ${formatDuration(run.budgetMs)}`}
              </span>
            </summary>
            {run.error && <p className="form-error small">{run.error}</p>}
            {run.status === 'interrupted' && <InterruptedNote run={run} />}
            <ol className="run__events">
              {run.events.map((event) => (
                <li key={event.id} className={`run-event run-event--${event.kind}`}>
                  <span className="run-event__head">
                    <span className="run-event__seq muted">#{event.seq}</span> <strong>{event.node}</strong>{' '}
                    <span className="tag">{event.kind.replace('_', ' ')}</span>
                  </span>
                  <pre className="run-event__payload">{preview(event.payload)}</pre>
                </li>
              ))}
            </ol>
          </details>
          {run.packageId && (
            <Link href={`/brands/${brandId}/packages/${run.packageId}`} className="small run__package" data-testid="run-package-link">
              Open package
            </Link>
          )}
        </li>
      ))}
    </ol>
  );
}

/**
 * How far an interrupted run got: the last step it recorded before its process died, and what the
 * sweep removed. Read from the sweep's own events.
 */
function InterruptedNote({ run }: { run: FlowRunDTO }) {
  const sweep = run.events.filter((e) => e.node === 'sweep');
  const marked = sweep.find((e) => e.kind === 'hard_error')?.payload as { lastEvent?: { node: string } | null } | undefined;
  const cleaned = sweep.find((e) => e.kind === 'engine_mutation')?.payload as
    | { removedPackageId?: string | null; keptPackageId?: string | null }
    | undefined;
  const reached = marked?.lastEvent ? `It got as far as “${marked.lastEvent.node}”` : 'It recorded no step';
  const budget = run.budgetMs !== null ? ` within its budget of ${formatDuration(run.budgetMs)}` : '';
  const removed = cleaned?.removedPackageId
    ? '; its unfinished package was removed'
    : cleaned?.keptPackageId
      ? '; its package was kept (a person had changed it)'
      : '';
  return (
    <p className="small" data-testid="run-interrupted">
      Interrupted: the run did not finish{budget}. {reached}
      {removed}. Try again.
    </p>
  );
}

/** The recorded payload, pretty-printed and cut so one large event does not swamp the page. */
function preview(payload: unknown): string {
  const text = JSON.stringify(payload, null, 2) ?? '';
  return text.length > 2_000 ? `${text.slice(0, 2_000)}\n…` : text;
}
