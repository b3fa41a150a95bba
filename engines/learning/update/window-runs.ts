import { and, eq, sql } from 'drizzle-orm';
import { PgTransaction } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client';
import { rows } from '../../db/migrator';
import { decisions, learningWindowRuns, opportunities, variants } from '../../db/schema';
import { timestamptz } from '../../db/sql-time';
import { InvariantViolationError } from '../../errors';
import { type BrandScope, inBrand } from '../../scope';
import { windowTotals } from '../scored-variants';
import type { LearningWindow } from '../window';

/**
 * Takes the brand's learning lock until the surrounding transaction ends. A transaction-scoped
 * advisory lock, so it is released on commit or rollback alike (a crashed run never leaves it held)
 * and it behaves the same on PostgreSQL and PGlite. Outside a transaction it would be released at
 * once, so that is refused.
 */
export async function lockBrandLearning(db: Database, brandId: string): Promise<void> {
  if (!(db instanceof PgTransaction)) {
    throw new InvariantViolationError('The learning lock is only held inside a transaction (SystemContext.transaction)');
  }
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`kairo.f3.learning:${brandId}`}, 0))`);
}

/**
 * A digest of everything a window's learning reads: the tenant's execution events in the window
 * (shared patterns pool every brand's), the tenant's variants (publication, pattern) and the brand's
 * opportunity base scores, and the brand's decisions in the window (the decision weights' evidence:
 * a new or withdrawn decision redoes the window). Learning writes none of these, so it is the same before and after a run
 * and changes only when new evidence arrives. Computed by aggregates, never by reading the rows out;
 * the events' part (how many, their summed counts, the latest receipt) from the run's aggregate
 * (`materializeWindowTotals`, which the caller ran first in this transaction), so the digest names
 * exactly the events the run learns from.
 */
export async function evidenceFingerprint(db: Database, scope: BrandScope, window: LearningWindow): Promise<string> {
  const [row] = rows<{ fingerprint: string }>(
    await db.execute(sql`
      select md5(concat_ws('|',
        (select concat_ws(':', coalesce(sum(${windowTotals.events}), 0), coalesce(sum(${windowTotals.units}), 0),
            coalesce(max(extract(epoch from ${windowTotals.lastReceivedAt})), 0))
           from ${windowTotals}),
        (select concat_ws(':', count(*), coalesce(max(extract(epoch from ${variants.updatedAt})), 0))
           from ${variants} where ${variants.tenantId} = ${scope.tenantId}),
        (select concat_ws(':', count(*), coalesce(sum(${opportunities.baseScore}), 0))
           from ${opportunities} where ${inBrand(opportunities, scope)}),
        (select concat_ws(':', count(*), coalesce(max(extract(epoch from ${decisions.updatedAt})), 0))
           from ${decisions}
           where ${decisions.tenantId} = ${scope.tenantId} and ${decisions.brandId} = ${scope.brandId} and ${decisions.deletedAt} is null
             and ${decisions.decidedAt} >= ${timestamptz(window.windowStart)} and ${decisions.decidedAt} < ${timestamptz(window.windowEnd)})
      )) as fingerprint`),
  );
  return row!.fingerprint;
}

export interface WindowCompletion {
  fingerprint: string;
  runId: string | null;
  completedAt: Date;
}

export async function findWindowCompletion(db: Database, scope: BrandScope, window: LearningWindow): Promise<WindowCompletion | null> {
  const [row] = await db
    .select({
      fingerprint: learningWindowRuns.evidenceFingerprint,
      runId: learningWindowRuns.runId,
      completedAt: learningWindowRuns.completedAt,
    })
    .from(learningWindowRuns)
    .where(
      and(
        eq(learningWindowRuns.tenantId, scope.tenantId),
        eq(learningWindowRuns.brandId, scope.brandId),
        eq(learningWindowRuns.windowStart, window.windowStart),
        eq(learningWindowRuns.windowEnd, window.windowEnd),
      ),
    );
  return row ?? null;
}

export async function recordWindowCompletion(
  db: Database,
  scope: BrandScope,
  window: LearningWindow,
  completion: WindowCompletion,
): Promise<void> {
  await db
    .insert(learningWindowRuns)
    .values({
      ...scope,
      ...window,
      evidenceFingerprint: completion.fingerprint,
      runId: completion.runId,
      completedAt: completion.completedAt,
    })
    .onConflictDoUpdate({
      target: [learningWindowRuns.brandId, learningWindowRuns.windowStart, learningWindowRuns.windowEnd],
      set: {
        evidenceFingerprint: completion.fingerprint,
        runId: completion.runId,
        completedAt: completion.completedAt,
        updatedAt: sql`now()`,
        deletedAt: null,
      },
    });
}
