import { type SQL, sql } from 'drizzle-orm';
import { bigint, doublePrecision, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Database } from '../db/client';
import { rows } from '../db/migrator';
import { brands, contentPackages, executionEvents, variants } from '../db/schema';
import { columnName } from '../db/sql-columns';
import { timestamptz } from '../db/sql-time';
import { ENGAGEMENT_WEIGHTS, type METRIC_FIELDS } from './engagement';
import type { LearningWindow } from './window';

// Everything built on this runs in the database as one statement: a brand may hold a million execution
// events, and only one row per variant (or per pattern / opportunity) ever comes back to JavaScript.

/**
 * A learning run's aggregate of the window's events (`materializeWindowTotals`): one row per brand and
 * variant of the tenant, so the run reads the events once and every later step reads these rows. A
 * temporary table, private to the run's transaction and dropped when it ends; never in a migration.
 */
export const windowTotals = pgTable('learning_window_totals', {
  brandId: uuid('brand_id').notNull(),
  variantId: uuid('variant_id').notNull(),
  impressions: doublePrecision('impressions').notNull(),
  likes: doublePrecision('likes').notNull(),
  comments: doublePrecision('comments').notNull(),
  shares: doublePrecision('shares').notNull(),
  saves: doublePrecision('saves').notNull(),
  clicks: doublePrecision('clicks').notNull(),
  linkClicks: doublePrecision('link_clicks').notNull(),
  profileVisits: doublePrecision('profile_visits').notNull(),
  /** The events behind the row, their summed counts and the latest receipt: the evidence fingerprint's part. */
  events: bigint('events', { mode: 'number' }).notNull(),
  units: bigint('units', { mode: 'number' }).notNull(),
  lastReceivedAt: timestamp('last_received_at', { withTimezone: true }).notNull(),
});

/** The `totals` column that sums each event type. */
const TOTAL_COLUMN = {
  impression: windowTotals.impressions,
  like: windowTotals.likes,
  comment: windowTotals.comments,
  share: windowTotals.shares,
  save: windowTotals.saves,
  click: windowTotals.clicks,
  link_click: windowTotals.linkClicks,
  profile_visit: windowTotals.profileVisits,
} satisfies Record<keyof typeof METRIC_FIELDS, unknown>;

/** Where a query finds the window's totals: the events themselves, or the run's aggregate of them. */
export type TotalsSource = 'events' | 'run aggregate';

/**
 * `select brand_id, variant_id, <one total per event type> … group by brand_id, variant_id` over the
 * window's events of the brands `brandMatch` names, a condition on brand ids (never a join to brands),
 * so the (brand_id, occurred_at) index can serve the window scan. With `receipts`, also the events,
 * their summed counts and the latest receipt per variant (windowTotals' last three columns).
 */
function totalsOfEvents(tenantId: string, brandMatch: SQL, window: LearningWindow, receipts: boolean): SQL {
  // sum() of int4 counts accumulates in int8: at the per-event bound (dto.ts) one variant would need
  // billions of events to overflow it. Weights apply to the float8 totals, never to int4 counts.
  const sums = sql.join(
    Object.entries(TOTAL_COLUMN).map(
      ([type, column]) =>
        sql`coalesce(sum(${executionEvents.count}) filter (where ${executionEvents.eventType} = ${type}), 0)::float8 as ${columnName(column)}`,
    ),
    sql`, `,
  );
  const receiptColumns = receipts
    ? sql`, count(*) as ${columnName(windowTotals.events)}, sum(${executionEvents.count}) as ${columnName(windowTotals.units)},
        max(${executionEvents.receivedAt}) as ${columnName(windowTotals.lastReceivedAt)}`
    : sql``;
  return sql`
    select ${executionEvents.brandId} as brand_id, ${executionEvents.variantId} as variant_id, ${sums}${receiptColumns}
    from ${executionEvents}
    where ${executionEvents.tenantId} = ${tenantId} and ${brandMatch} and ${executionEvents.deletedAt} is null
      and ${executionEvents.occurredAt} >= ${timestamptz(window.windowStart)} and ${executionEvents.occurredAt} < ${timestamptz(window.windowEnd)}
    group by ${executionEvents.brandId}, ${executionEvents.variantId}`;
}

/**
 * Aggregates the window's events of every brand of the tenant once into `windowTotals`, for the rest of
 * the caller's transaction (a learning run's: its steps then read `scoredVariants(…, 'run aggregate')`).
 * Every brand, archived or deleted ones included, because the evidence fingerprint counts them all;
 * scoring leaves the deleted ones out. A second call in the same transaction needs
 * `dropWindowTotals` first.
 */
export async function materializeWindowTotals(db: Database, tenantId: string, window: LearningWindow): Promise<void> {
  // The tenant's brand ids as a constant array, not a join nor a subquery: the planner then estimates
  // each brand's events from its statistics, so a brand with a million events gets the parallel scan
  // of the table and a small one the (brand_id, occurred_at) index. Unknown ids (a subquery) are
  // planned as an average brand: a non-parallel bitmap scan over a million rows took twice as long.
  // An array also checks each event against a handful of ids instead of probing a hash table.
  const ids = rows<{ id: string }>(await db.execute(sql`select ${brands.id} as id from ${brands} where ${brands.tenantId} = ${tenantId}`));
  const tenantBrands = sql`${executionEvents.brandId} = any(${sql.param(ids.map((brand) => brand.id))}::uuid[])`;
  await db.execute(sql`create temporary table ${windowTotals} on commit drop as ${totalsOfEvents(tenantId, tenantBrands, window, true)}`);
  // Autovacuum never analyzes a temporary table: without statistics the planner takes it for a handful
  // of rows and recomputes each channel's reference once per variant instead of once.
  await db.execute(sql`analyze ${windowTotals}`);
}

export async function dropWindowTotals(db: Database): Promise<void> {
  await db.execute(sql`drop table ${windowTotals}`);
}

/**
 * `with … scored as (…)`: one row per variant with events in the window, carrying its totals, its
 * engagement rate and its 0–100 score against the same brand and channel (the formula of
 * engagement.ts). `brandId` null scores every brand of the tenant, each against its own channels.
 * `source` 'run aggregate' reads the totals `materializeWindowTotals` left in the caller's transaction
 * instead of the events, with the same result.
 */
export function scoredVariants(tenantId: string, brandId: string | null, window: LearningWindow, source: TotalsSource = 'events'): SQL {
  const weighted = sql.raw(
    Object.entries(ENGAGEMENT_WEIGHTS)
      .map(([type, weight]) => `${weight} * t.${TOTAL_COLUMN[type as keyof typeof TOTAL_COLUMN].name}`)
      .join(' + '),
  );
  const brandColumn = source === 'events' ? executionEvents.brandId : windowTotals.brandId;
  const brandMatch =
    brandId === null
      ? sql`${brandColumn} in (select ${brands.id} from ${brands} where ${brands.tenantId} = ${tenantId} and ${brands.deletedAt} is null)`
      : sql`${brandColumn} = ${brandId}`;
  const totals =
    source === 'events'
      ? totalsOfEvents(tenantId, brandMatch, window, false)
      : sql`select ${sql.join([windowTotals.brandId, windowTotals.variantId, ...Object.values(TOTAL_COLUMN)].map(columnName), sql`, `)}
        from ${windowTotals} where ${brandMatch}`;
  return sql`
    with totals as (${totals}),
    rated as (
      select t.*, ${variants.channel} as channel, ${variants.packageId} as package_id, ${variants.patternTemplateId} as pattern_template_id,
        ${variants.publishedAt} as published_at, ${contentPackages.originOpportunityId} as origin_opportunity_id,
        case when t.impressions > 0 then (${weighted}) / t.impressions end as rate
      from totals t
      join ${variants} on ${variants.id} = t.variant_id and ${variants.tenantId} = ${tenantId} and ${variants.brandId} = t.brand_id
        and ${variants.deletedAt} is null
      join ${contentPackages} on ${contentPackages.id} = ${variants.packageId} and ${contentPackages.tenantId} = ${tenantId}
        and ${contentPackages.deletedAt} is null
    ),
    -- Materialized: computed once, whatever the estimates. A brand's variants are often estimated at a
    -- handful of rows (tenant and brand filters taken as independent), and the planner then re-ran this
    -- aggregate once per variant inside a nested loop.
    channel_reference as materialized (
      select brand_id, channel,
        case when percentile_cont(0.5) within group (order by rate) > 0
          then 2 * percentile_cont(0.5) within group (order by rate)
          else max(rate) end as reference_rate
      from rated where rate is not null
      group by brand_id, channel
    ),
    scored as (
      select r.*,
        case when r.rate is not null and f.reference_rate > 0
          then round((100 * least(1.0, r.rate / f.reference_rate))::numeric, 2)::float8
          else 0::float8 end as engagement_score
      from rated r left join channel_reference f on f.brand_id = r.brand_id and f.channel = r.channel
    )`;
}
