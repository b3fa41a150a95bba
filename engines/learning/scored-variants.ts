import { type SQL, sql } from 'drizzle-orm';
import { brands, contentPackages, executionEvents, variants } from '../db/schema';
import { timestamptz } from '../db/sql-time';
import { ENGAGEMENT_WEIGHTS, type METRIC_FIELDS } from './engagement';
import type { LearningWindow } from './window';

// Everything built on this runs in the database as one statement: a brand may hold a million execution
// events, and only one row per variant (or per pattern / opportunity) ever comes back to JavaScript.

/** The `totals` column that sums each event type. */
const TOTAL_COLUMN: Record<keyof typeof METRIC_FIELDS, string> = {
  impression: 'impressions',
  like: 'likes',
  comment: 'comments',
  share: 'shares',
  save: 'saves',
  click: 'clicks',
  link_click: 'link_clicks',
  profile_visit: 'profile_visits',
};

/**
 * `with … scored as (…)`: one row per variant with events in the window, carrying its totals, its
 * engagement rate and its 0–100 score against the same brand and channel (the formula of
 * engagement.ts). `brandId` null scores every brand of the tenant, each against its own channels.
 */
export function scoredVariants(tenantId: string, brandId: string | null, window: LearningWindow): SQL {
  // sum() of int4 counts accumulates in int8: at the per-event bound (dto.ts) one variant would need
  // billions of events to overflow it. Weights apply to the float8 totals, never to int4 counts.
  const sums = sql.join(
    Object.entries(TOTAL_COLUMN).map(
      ([type, column]) =>
        sql`coalesce(sum(${executionEvents.count}) filter (where ${executionEvents.eventType} = ${type}), 0)::float8 as ${sql.identifier(column)}`,
    ),
    sql`, `,
  );
  const weighted = sql.raw(
    Object.entries(ENGAGEMENT_WEIGHTS)
      .map(([type, weight]) => `${weight} * t.${TOTAL_COLUMN[type as keyof typeof TOTAL_COLUMN]}`)
      .join(' + '),
  );
  // Spelled as brand ids either way so the (brand_id, occurred_at) index serves the window scan.
  const brandFilter =
    brandId === null
      ? sql`and ${executionEvents.brandId} in (select ${brands.id} from ${brands} where ${brands.tenantId} = ${tenantId} and ${brands.deletedAt} is null)`
      : sql`and ${executionEvents.brandId} = ${brandId}`;
  return sql`
    with totals as (
      select ${executionEvents.brandId} as brand_id, ${executionEvents.variantId} as variant_id, ${sums}
      from ${executionEvents}
      where ${executionEvents.tenantId} = ${tenantId} ${brandFilter} and ${executionEvents.deletedAt} is null
        and ${executionEvents.occurredAt} >= ${timestamptz(window.windowStart)} and ${executionEvents.occurredAt} < ${timestamptz(window.windowEnd)}
      group by ${executionEvents.brandId}, ${executionEvents.variantId}
    ),
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
    channel_reference as (
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
