import { and, desc, eq, isNull, lt, max, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { flowRunEvents, flowRuns } from '../db/schema';
import { timestamptz } from '../db/sql-time';
import type { FlowRunEventKind } from '../enums';
import { inBrand, type Tx } from '../scope';
import type { InterruptedRunDTO, SweepInput } from './dto';

type RunRow = typeof flowRuns.$inferSelect;

/**
 * Marks every run still `running` past its budget plus the margin as `interrupted`, and records on
 * each what the sweep found. One conditional UPDATE claims the rows: when two sweeps run at once,
 * the second waits on the first's row locks, sees the status changed and claims nothing, so each
 * run is claimed (and later cleaned up) by exactly one sweep.
 */
export async function claimOverdueRuns(
  db: Database,
  sweep: SweepInput,
  now: Date,
): Promise<(RunRow & { lastEvent: InterruptedRunDTO['lastEvent'] })[]> {
  return db.transaction(async (tx) => {
    const overdueAt = sql`${flowRuns.startedAt} + (coalesce(${flowRuns.budgetMs}, ${sweep.defaultBudgetMs}::int) + ${sweep.marginMs}::int) * interval '1 millisecond'`;
    const claimed = await tx
      .update(flowRuns)
      .set({
        status: 'interrupted',
        finishedAt: now,
        error: 'Interrupted: the run did not finish within its time budget',
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(flowRuns.status, 'running'),
          isNull(flowRuns.deletedAt),
          lt(overdueAt, timestamptz(now)),
          sweep.scope ? inBrand(flowRuns, sweep.scope) : undefined,
        ),
      )
      .returning();
    const result = [];
    for (const run of claimed) {
      const [last] = await tx
        .select({ seq: flowRunEvents.seq, node: flowRunEvents.node, kind: flowRunEvents.kind })
        .from(flowRunEvents)
        .where(eq(flowRunEvents.runId, run.id))
        .orderBy(desc(flowRunEvents.seq))
        .limit(1);
      const lastEvent = last ? { seq: last.seq, node: last.node, kind: last.kind } : null;
      await appendEvent(
        tx,
        run,
        'sweep',
        'hard_error',
        {
          reason: 'interrupted',
          budgetMs: run.budgetMs,
          marginMs: sweep.marginMs,
          lastEvent,
          packageId: run.packageId,
        },
        now,
      );
      result.push({ ...run, lastEvent });
    }
    return result;
  });
}

/** Records what the sweep's cleanup did on a run it marked interrupted. */
export async function recordSweepCleanup(db: Database, runId: string, payload: unknown, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [run] = await tx
      .select()
      .from(flowRuns)
      .where(and(eq(flowRuns.id, runId), eq(flowRuns.status, 'interrupted'), isNull(flowRuns.deletedAt)))
      .for('update');
    if (!run) return false;
    await appendEvent(tx, run, 'sweep', 'engine_mutation', payload, now);
    return true;
  });
}

async function appendEvent(tx: Tx, run: RunRow, node: string, kind: FlowRunEventKind, payload: unknown, at: Date): Promise<void> {
  const [last] = await tx
    .select({ seq: max(flowRunEvents.seq) })
    .from(flowRunEvents)
    .where(eq(flowRunEvents.runId, run.id));
  await tx.insert(flowRunEvents).values({
    tenantId: run.tenantId,
    brandId: run.brandId,
    runId: run.id,
    seq: (last?.seq ?? 0) + 1,
    node,
    kind,
    payload: payload as Record<string, unknown>,
    at,
  });
}
