import { sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client';
import { learningEvents } from '../../db/schema';
import type { LearningSignalType } from '../../enums';
import type { BrandScope } from '../../scope';
import type { LearningWindow } from '../window';

export interface LearningSignal {
  signalType: LearningSignalType;
  subject: { variantId: string } | { patternId: string } | { opportunityId: string } | { decisionWeightId: string };
  payload: Record<string, unknown>;
}

const ROWS_PER_INSERT = 500;

/** The value the conflicting insert proposed for `column` (ON CONFLICT's `excluded` row). */
const excluded = (column: AnyPgColumn) => sql`excluded.${sql.identifier(column.name)}`;

/**
 * Writes one learning event per signal, unique on (brand, signal type, subject, window). Re-running a
 * window with the same events leaves every row as it is; if late events changed a figure, the row
 * takes the new payload rather than keeping a stale one beside the state it no longer describes.
 * Returns how many rows are new.
 */
export async function writeLearningEvents(
  db: Database,
  scope: BrandScope,
  window: LearningWindow,
  effectiveAt: Date,
  signals: readonly LearningSignal[],
): Promise<number> {
  const values = signals.map((signal) => {
    const subject = signal.subject;
    const patternId = 'patternId' in subject ? subject.patternId : null;
    const opportunityId = 'opportunityId' in subject ? subject.opportunityId : null;
    const variantId = 'variantId' in subject ? subject.variantId : null;
    const decisionWeightId = 'decisionWeightId' in subject ? subject.decisionWeightId : null;
    return {
      tenantId: scope.tenantId,
      brandId: scope.brandId,
      signalType: signal.signalType,
      subjectId: (patternId ?? opportunityId ?? variantId ?? decisionWeightId)!,
      patternId,
      opportunityId,
      variantId,
      decisionWeightId,
      payload: signal.payload,
      windowStart: window.windowStart,
      windowEnd: window.windowEnd,
      effectiveAt,
    };
  });
  let inserted = 0;
  for (let start = 0; start < values.length; start += ROWS_PER_INSERT) {
    const written = await db
      .insert(learningEvents)
      .values(values.slice(start, start + ROWS_PER_INSERT))
      .onConflictDoUpdate({
        target: [
          learningEvents.brandId,
          learningEvents.signalType,
          learningEvents.subjectId,
          learningEvents.windowStart,
          learningEvents.windowEnd,
        ],
        set: { payload: excluded(learningEvents.payload), effectiveAt: excluded(learningEvents.effectiveAt), updatedAt: sql`now()` },
        setWhere: sql`${learningEvents.payload} is distinct from ${excluded(learningEvents.payload)}`,
      })
      // xmax is 0 only on a row this statement inserted, not on one it updated.
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    inserted += written.filter((row) => row.inserted).length;
  }
  return inserted;
}
