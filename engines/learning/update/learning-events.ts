import { sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client';
import { rows } from '../../db/migrator';
import { learningEvents } from '../../db/schema';
import { columnName as name } from '../../db/sql-columns';
import { timestamptz } from '../../db/sql-time';
import type { LearningSignalType } from '../../enums';
import type { BrandScope } from '../../scope';
import type { LearningWindow } from '../window';

export interface LearningSignal {
  signalType: LearningSignalType;
  subject: { variantId: string } | { patternId: string } | { opportunityId: string } | { decisionWeightId: string };
  payload: Record<string, unknown>;
}

/** The value the conflicting insert proposed for `column` (ON CONFLICT's `excluded` row). */
const excluded = (column: PgColumn) => sql`excluded.${name(column)}`;

/**
 * Writes one learning event per signal, unique on (brand, signal type, subject, window). Re-running a
 * window with the same events leaves every row as it is; if late events changed a figure, the row
 * takes the new payload rather than keeping a stale one beside the state it no longer describes.
 * Returns how many rows are new. One statement whatever the number of signals: each column travels as
 * one array parameter and `unnest` turns them back into rows (a run over a brand's variants writes
 * hundreds, and a VALUES list built row by row in JavaScript was most of the step's own time).
 */
export async function writeLearningEvents(
  db: Database,
  scope: BrandScope,
  window: LearningWindow,
  effectiveAt: Date,
  signals: readonly LearningSignal[],
): Promise<number> {
  if (signals.length === 0) return 0;
  const subjects = signals.map(({ subject }) => ({
    patternId: 'patternId' in subject ? subject.patternId : null,
    opportunityId: 'opportunityId' in subject ? subject.opportunityId : null,
    variantId: 'variantId' in subject ? subject.variantId : null,
    decisionWeightId: 'decisionWeightId' in subject ? subject.decisionWeightId : null,
  }));
  const ids = (key: keyof (typeof subjects)[number]) => sql`${sql.param(subjects.map((subject) => subject[key]))}::uuid[]`;
  const table = learningEvents;
  const result = await db.execute(sql`
    insert into ${table} (${name(table.tenantId)}, ${name(table.brandId)}, ${name(table.signalType)}, ${name(table.subjectId)}, ${name(table.patternId)},
      ${name(table.opportunityId)}, ${name(table.variantId)}, ${name(table.decisionWeightId)}, ${name(table.payload)}, ${name(table.windowStart)},
      ${name(table.windowEnd)}, ${name(table.effectiveAt)})
    select ${scope.tenantId}::uuid, ${scope.brandId}::uuid, signal_type,
      coalesce(pattern_id, opportunity_id, variant_id, decision_weight_id), pattern_id, opportunity_id, variant_id, decision_weight_id,
      payload, ${timestamptz(window.windowStart)}, ${timestamptz(window.windowEnd)}, ${timestamptz(effectiveAt)}
    from unnest(
      ${sql.param(signals.map((signal) => signal.signalType))}::text[],
      ${ids('patternId')}, ${ids('opportunityId')}, ${ids('variantId')}, ${ids('decisionWeightId')},
      ${sql.param(signals.map((signal) => JSON.stringify(signal.payload)))}::jsonb[]
    ) as signal(signal_type, pattern_id, opportunity_id, variant_id, decision_weight_id, payload)
    on conflict (${name(table.brandId)}, ${name(table.signalType)}, ${name(table.subjectId)}, ${name(table.windowStart)}, ${name(table.windowEnd)})
    do update set ${name(table.payload)} = ${excluded(table.payload)}, ${name(table.effectiveAt)} = ${excluded(table.effectiveAt)}, ${name(table.updatedAt)} = now()
      where ${table.payload} is distinct from ${excluded(table.payload)}
    -- xmax is 0 only on a row this statement inserted, not on one it updated.
    returning (xmax = 0) as inserted`);
  return rows<{ inserted: boolean }>(result).filter((row) => row.inserted).length;
}
