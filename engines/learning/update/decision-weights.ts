import { and, desc, eq, isNull, ne, notInArray, or, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { CHANNEL_LABELS } from '../../../lib/labels';
import type { Database } from '../../db/client';
import { rows } from '../../db/migrator';
import { brands, contentPillars, decisions, decisionWeights, patternTemplates, personas } from '../../db/schema';
import { timestamptz } from '../../db/sql-time';
import type { Channel, DecisionDimension, DecisionKind } from '../../enums';
import { NotFoundError } from '../../errors';
import { type BrandScope, liveBrand } from '../../scope';
import type { DecisionWeight } from '../dto';
import type { LearningWindow } from '../window';

/**
 * What one decision says about the pillar, persona, channel and pattern it was about. Choosing to
 * work on an idea counts more the further it goes (a pin is interest, a package is effort, a
 * published variant is the team standing behind it); setting one aside counts against it, a
 * dismissal ("not relevant") most. An unpin only takes a pin back, so it weighs a little less than
 * the pin gave. Editing a variant is work on it, so a small plus.
 *
 * | decision           | value  |
 * | ------------------ | ------ |
 * | pinned             | +0.10  |
 * | unpinned           | −0.05  |
 * | snoozed            | −0.05  |
 * | dismissed          | −0.15  |
 * | opened_as_package  | +0.15  |
 * | sent_to_review     | +0.15  |
 * | variant_edited     | +0.05  |
 * | variant_published  | +0.20  |
 * | approved           | +0.10  |
 * | variant_approved   | +0.05  |
 * | variant_scheduled  | +0.10  |
 * | sent_back_to_draft | −0.05  |
 * | archived           | −0.05  |
 * | variant_rejected   | −0.05  |
 * | thesis_edited      | +0.05  |
 * | variant_rescheduled, variant_unscheduled, restored | 0 |
 *
 * Approving and scheduling are the team committing to the work, smaller than publishing it; sending a
 * package back, archiving it or rejecting a draft sets it aside, lightly (it is often timing, not the idea). Moving a
 * date or taking a schedule back says nothing about the subject.
 */
export const DECISION_VALUES: Record<DecisionKind, number> = {
  pinned: 0.1,
  unpinned: -0.05,
  snoozed: -0.05,
  dismissed: -0.15,
  opened_as_package: 0.15,
  sent_to_review: 0.15,
  variant_edited: 0.05,
  variant_published: 0.2,
  approved: 0.1,
  variant_approved: 0.05,
  variant_scheduled: 0.1,
  sent_back_to_draft: -0.05,
  archived: -0.05,
  variant_rejected: -0.05,
  thesis_edited: 0.05,
  variant_rescheduled: 0,
  variant_unscheduled: 0,
  restored: 0,
};

/** No pillar, persona, channel or pattern moves by more than this in one run, however many decisions. */
export const MAX_DECISION_WEIGHT = 0.5;

/** The sum of a key's decision values, bounded to ±MAX_DECISION_WEIGHT and rounded to 3 places. */
export function boundedDecisionWeight(values: readonly number[]): number {
  const sum = values.reduce((total, value) => total + value, 0);
  const bounded = Math.max(-MAX_DECISION_WEIGHT, Math.min(MAX_DECISION_WEIGHT, sum));
  // `+ 0` folds −0 into 0.
  return Math.round(bounded * 1000) / 1000 + 0;
}

interface Tally {
  dimension: DecisionDimension;
  key: string;
  sum: number;
  decisions: number;
}

/**
 * The brand's decisions in the window, summed per (dimension, key) in one statement. The values come
 * from DECISION_VALUES as a CASE, so the database adds them up without reading the decisions out.
 */
async function selectDecisionTallies(db: Database, scope: BrandScope, window: LearningWindow): Promise<Tally[]> {
  const values = sql.raw(
    Object.entries(DECISION_VALUES)
      .map(([kind, value]) => `when '${kind}' then ${value}`)
      .join(' '),
  );
  const found = rows<{ dimension: DecisionDimension; key: string; sum: number; decisions: number }>(
    await db.execute(sql`
      with d as (
        select ${decisions.pillarId}::text as pillar, ${decisions.personaId}::text as persona, ${decisions.channel} as channel,
          ${decisions.patternId}::text as pattern, (case ${decisions.kind} ${values} else 0 end)::float8 as value
        from ${decisions}
        where ${decisions.tenantId} = ${scope.tenantId} and ${decisions.brandId} = ${scope.brandId} and ${decisions.deletedAt} is null
          and ${decisions.decidedAt} >= ${timestamptz(window.windowStart)} and ${decisions.decidedAt} < ${timestamptz(window.windowEnd)}
      )
      select 'pillar' as dimension, pillar as key, sum(value)::float8 as sum, count(*)::int as decisions from d where pillar is not null group by pillar
      union all
      select 'persona', persona, sum(value)::float8, count(*)::int from d where persona is not null group by persona
      union all
      select 'channel', channel, sum(value)::float8, count(*)::int from d where channel is not null group by channel
      union all
      select 'pattern', pattern, sum(value)::float8, count(*)::int from d where pattern is not null group by pattern
      order by 1, 2`),
  );
  return found.map((row) => ({ dimension: row.dimension, key: row.key, sum: Number(row.sum), decisions: Number(row.decisions) }));
}

export interface DecisionWeightChange extends DecisionWeight {
  id: string;
}

/**
 * Replaces the brand's decision weights with the ones the window's decisions give, and returns the
 * window's weights together with those whose decisions all left the window (back to 0, so nothing
 * learned from a decision outlives its window). The same decisions set the same rows again.
 */
export async function storeDecisionWeights(db: Database, scope: BrandScope, window: LearningWindow): Promise<DecisionWeightChange[]> {
  const tallies = await selectDecisionTallies(db, scope, window);
  const stored: { id: string; dimension: DecisionDimension; key: string; weight: number; decisions: number }[] = [];
  for (const tally of tallies) {
    // A sum of exactly 0 still stores its row: the decisions were seen, and the insights page counts them.
    const weight = boundedDecisionWeight([tally.sum]);
    const [row] = await db
      .insert(decisionWeights)
      .values({ ...scope, dimension: tally.dimension, key: tally.key, weight, decisions: tally.decisions, ...window })
      .onConflictDoUpdate({
        target: [decisionWeights.brandId, decisionWeights.dimension, decisionWeights.key],
        set: { weight, decisions: tally.decisions, ...window, updatedAt: sql`now()`, deletedAt: null },
      })
      .returning({ id: decisionWeights.id });
    stored.push({ id: row!.id, dimension: tally.dimension, key: tally.key, weight, decisions: tally.decisions });
  }
  const seen = tallies.map((tally) => `${tally.dimension}:${tally.key}`);
  const faded = await db
    .update(decisionWeights)
    .set({ weight: 0, decisions: 0, ...window, updatedAt: sql`now()` })
    .where(
      and(
        eq(decisionWeights.tenantId, scope.tenantId),
        eq(decisionWeights.brandId, scope.brandId),
        or(ne(decisionWeights.weight, 0), ne(decisionWeights.decisions, 0)),
        seen.length > 0 ? notInArray(sql<string>`${decisionWeights.dimension} || ':' || ${decisionWeights.key}`, seen) : undefined,
      ),
    )
    .returning({ id: decisionWeights.id, dimension: decisionWeights.dimension, key: decisionWeights.key });
  const changes = [...stored, ...faded.map((row) => ({ ...row, weight: 0, decisions: 0 }))];
  const names = await nameDecisionKeys(db, scope, changes);
  return changes.map((change) => ({ ...change, name: names.get(`${change.dimension}:${change.key}`) ?? null }));
}

/**
 * The people-facing name of each key: the pillar's, persona's or pattern's name, the channel's label.
 * A key whose pillar, persona or pattern is gone has none (and is never shown by its id).
 */
export async function nameDecisionKeys(
  db: Database,
  scope: BrandScope,
  keys: readonly { dimension: DecisionDimension; key: string }[],
): Promise<Map<string, string>> {
  const ids = (dimension: DecisionDimension) => keys.filter((k) => k.dimension === dimension).map((k) => k.key);
  const names = new Map<string, string>();
  for (const { dimension, key } of keys) {
    if (dimension === 'channel' && key in CHANNEL_LABELS) names.set(`channel:${key}`, CHANNEL_LABELS[key as Channel]);
  }
  const lookups: [DecisionDimension, string[], () => Promise<{ id: string; name: string }[]>][] = [
    [
      'pillar',
      ids('pillar'),
      () =>
        db
          .select({ id: contentPillars.id, name: contentPillars.name })
          .from(contentPillars)
          .where(
            and(
              eq(contentPillars.tenantId, scope.tenantId),
              eq(contentPillars.brandId, scope.brandId),
              inIds(contentPillars.id, ids('pillar')),
            ),
          ),
    ],
    [
      'persona',
      ids('persona'),
      () =>
        db
          .select({ id: personas.id, name: personas.name })
          .from(personas)
          .where(and(eq(personas.tenantId, scope.tenantId), eq(personas.brandId, scope.brandId), inIds(personas.id, ids('persona')))),
    ],
    [
      'pattern',
      ids('pattern'),
      () =>
        db
          .select({ id: patternTemplates.id, name: patternTemplates.name })
          .from(patternTemplates)
          .where(and(eq(patternTemplates.tenantId, scope.tenantId), inIds(patternTemplates.id, ids('pattern')))),
    ],
  ];
  for (const [dimension, wanted, lookup] of lookups) {
    if (wanted.length === 0) continue;
    for (const row of await lookup()) names.set(`${dimension}:${row.id}`, row.name);
  }
  return names;
}

/** `column in (ids)` over text, so a key that is not a uuid matches nothing instead of failing the cast. */
function inIds(column: AnyPgColumn, ids: string[]) {
  return sql`${column}::text in (${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/**
 * The brand's non-zero decision weights, largest moves first, named; with the window the latest
 * stored run learned them over (null before any). NotFound unless the brand is live and the tenant's.
 */
export async function selectDecisionWeights(
  db: Database,
  scope: BrandScope,
): Promise<{ weights: DecisionWeight[]; window: LearningWindow | null }> {
  // From the brand row, so the brand check is this statement's: no row when the brand is not live,
  // one row of nulls when it is and has no weights yet.
  const joined = await db
    .select({
      weight: {
        dimension: decisionWeights.dimension,
        key: decisionWeights.key,
        weight: decisionWeights.weight,
        decisions: decisionWeights.decisions,
        windowStart: decisionWeights.windowStart,
        windowEnd: decisionWeights.windowEnd,
      },
    })
    .from(brands)
    .leftJoin(
      decisionWeights,
      and(eq(decisionWeights.tenantId, brands.tenantId), eq(decisionWeights.brandId, brands.id), isNull(decisionWeights.deletedAt)),
    )
    .where(liveBrand(scope))
    .orderBy(desc(decisionWeights.windowEnd), desc(sql`abs(${decisionWeights.weight})`), decisionWeights.dimension, decisionWeights.key);
  if (joined.length === 0) throw new NotFoundError('Brand', scope.brandId);
  const found = joined.flatMap(({ weight }) => (weight ? [weight] : []));
  const latest = found[0] ? { windowStart: found[0].windowStart, windowEnd: found[0].windowEnd } : null;
  const live = found.filter((row) => row.weight !== 0);
  const names = await nameDecisionKeys(db, scope, live);
  const weights = live
    .map(({ windowStart: _, windowEnd: __, ...row }) => ({ ...row, name: names.get(`${row.dimension}:${row.key}`) ?? null }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight) || a.dimension.localeCompare(b.dimension) || a.key.localeCompare(b.key));
  return { weights, window: latest };
}
