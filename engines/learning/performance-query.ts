import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rows } from '../db/migrator';
import type { Channel } from '../enums';
import { ENGAGEMENT_WEIGHTS, METRIC_FIELDS } from './engagement';
import type { PerformanceSummary } from './dto';
import type { LearningWindow } from './window';

// Everything here runs in the database as one statement: a brand may hold a million execution events,
// and only one row per variant (or per pattern / opportunity) ever comes back to JavaScript.

const COLUMN: Record<keyof typeof METRIC_FIELDS, string> = {
  impression: 'impressions',
  like: 'likes',
  comment: 'comments',
  share: 'shares',
  save: 'saves',
  click: 'clicks',
  link_click: 'link_clicks',
  profile_visit: 'profile_visits',
};

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const epochMs = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

/**
 * `with … scored as (…)`: one row per variant with events in the window, carrying its totals, its
 * engagement rate and its 0–100 score against the same brand and channel (the formula of
 * engagement.ts). `brandId` null scores every brand of the tenant, each against its own channels.
 */
export function scoredVariants(tenantId: string, brandId: string | null, window: LearningWindow): SQL {
  // sum() of int4 counts accumulates in int8: at the per-event bound (dto.ts) one variant would need
  // billions of events to overflow it. Weights apply to the float8 totals, never to int4 counts.
  const sums = sql.join(
    Object.entries(COLUMN).map(
      ([type, column]) => sql`coalesce(sum(e.count) filter (where e.event_type = ${type}), 0)::float8 as ${sql.identifier(column)}`,
    ),
    sql`, `,
  );
  const weighted = sql.raw(
    Object.entries(ENGAGEMENT_WEIGHTS)
      .map(([type, weight]) => `${weight} * t.${COLUMN[type as keyof typeof COLUMN]}`)
      .join(' + '),
  );
  // Spelled as brand ids either way so the (brand_id, occurred_at) index serves the window scan.
  const brandFilter =
    brandId === null
      ? sql`and e.brand_id in (select b.id from brands b where b.tenant_id = ${tenantId} and b.deleted_at is null)`
      : sql`and e.brand_id = ${brandId}`;
  return sql`
    with totals as (
      select e.brand_id, e.variant_id, ${sums}
      from execution_events e
      where e.tenant_id = ${tenantId} ${brandFilter} and e.deleted_at is null
        and e.occurred_at >= ${ts(window.windowStart)} and e.occurred_at < ${ts(window.windowEnd)}
      group by e.brand_id, e.variant_id
    ),
    rated as (
      select t.*, v.channel, v.package_id, v.pattern_template_id, v.published_at, p.origin_opportunity_id,
        case when t.impressions > 0 then (${weighted}) / t.impressions end as rate
      from totals t
      join variants v on v.id = t.variant_id and v.tenant_id = ${tenantId} and v.brand_id = t.brand_id and v.deleted_at is null
      join content_packages p on p.id = v.package_id and p.tenant_id = ${tenantId} and p.deleted_at is null
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

interface SummaryRow {
  variant_id: string;
  package_id: string;
  channel: Channel;
  engagement_score: number;
  rate: number | null;
  pattern_template_id: string | null;
  origin_opportunity_id: string | null;
  published_at_ms: number | null;
  impressions: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  link_clicks: number;
  profile_visits: number;
}

export async function selectPerformanceSummaries(
  db: Database,
  tenantId: string,
  brandId: string,
  window: LearningWindow,
): Promise<PerformanceSummary[]> {
  const found = rows<SummaryRow>(
    await db.execute(sql`${scoredVariants(tenantId, brandId, window)}
      select s.*, ${epochMs('s.published_at')} as published_at_ms
      from scored s
      order by s.channel, s.engagement_score desc, s.variant_id`),
  );
  return found.map((row) => ({
    variantId: row.variant_id,
    packageId: row.package_id,
    channel: row.channel,
    engagementScore: Number(row.engagement_score),
    engagementRate: row.rate === null ? null : Number(row.rate),
    platformMetrics: {
      impressions: Number(row.impressions),
      likes: Number(row.likes),
      comments: Number(row.comments),
      shares: Number(row.shares),
      saves: Number(row.saves),
      clicks: Number(row.clicks),
      linkClicks: Number(row.link_clicks),
      profileVisits: Number(row.profile_visits),
    },
    patternId: row.pattern_template_id,
    originOpportunityId: row.origin_opportunity_id,
    publishedAt: row.published_at_ms === null ? null : new Date(Number(row.published_at_ms)),
  }));
}

export interface PatternEvidence {
  patternId: string;
  shared: boolean;
  usageCount: number;
  lastUsedAt: Date | null;
  avgEngagementScore: number;
  variantsScored: number;
}

/**
 * The patterns this brand's scored variants used in the window, with their performance. A pattern
 * shared by the tenant's brands is one object, so its usage and engagement cover every brand that
 * used it (each variant still scored against its own brand's channel); a brand's own pattern counts
 * only that brand's variants. Variants without impressions carry no evidence and are left out.
 */
export async function selectPatternEvidence(
  db: Database,
  tenantId: string,
  brandId: string,
  window: LearningWindow,
): Promise<PatternEvidence[]> {
  const found = rows<{
    pattern_id: string;
    shared: boolean;
    usage_count: number;
    last_used_at_ms: number | null;
    avg_engagement_score: number;
    variants_scored: number;
  }>(
    await db.execute(sql`${scoredVariants(tenantId, null, window)},
      patterns as (
        select pt.id, pt.brand_id from pattern_templates pt
        where pt.tenant_id = ${tenantId} and pt.deleted_at is null
          and (pt.brand_id = ${brandId} or pt.brand_id is null)
          and pt.id in (select s.pattern_template_id from scored s where s.brand_id = ${brandId} and s.rate is not null)
      ),
      engagement as (
        select pt.id as pattern_id, avg(s.engagement_score)::float8 as avg_engagement_score, count(*)::int as variants_scored
        from patterns pt
        join scored s on s.pattern_template_id = pt.id and s.rate is not null and (pt.brand_id is null or s.brand_id = pt.brand_id)
        group by pt.id
      ),
      usage as (
        select pt.id as pattern_id, count(*)::int as usage_count, max(v.published_at) as last_used_at
        from patterns pt
        join variants v on v.pattern_template_id = pt.id and v.tenant_id = ${tenantId} and v.deleted_at is null
          and v.published_at is not null and v.published_at < ${ts(window.windowEnd)}
          and (pt.brand_id is null or v.brand_id = pt.brand_id)
        group by pt.id
      )
      select p.id as pattern_id, (p.brand_id is null) as shared, coalesce(u.usage_count, 0)::int as usage_count,
        ${epochMs('u.last_used_at')} as last_used_at_ms, e.avg_engagement_score, e.variants_scored
      from patterns p
      join engagement e on e.pattern_id = p.id
      left join usage u on u.pattern_id = p.id
      order by p.id`),
  );
  return found.map((row) => ({
    patternId: row.pattern_id,
    shared: row.shared,
    usageCount: Number(row.usage_count),
    lastUsedAt: row.last_used_at_ms === null ? null : new Date(Number(row.last_used_at_ms)),
    avgEngagementScore: roundScore(Number(row.avg_engagement_score)),
    variantsScored: Number(row.variants_scored),
  }));
}

export interface OpportunityEvidence {
  opportunityId: string;
  avgEngagementScore: number;
  variantsScored: number;
  packageIds: string[];
}

/** The brand's live opportunities whose packages' variants were scored in the window. */
export async function selectOpportunityEvidence(
  db: Database,
  tenantId: string,
  brandId: string,
  window: LearningWindow,
): Promise<OpportunityEvidence[]> {
  const found = rows<{ opportunity_id: string; avg_engagement_score: number; variants_scored: number; package_ids: string[] }>(
    await db.execute(sql`${scoredVariants(tenantId, brandId, window)}
      select o.id as opportunity_id, avg(s.engagement_score)::float8 as avg_engagement_score, count(*)::int as variants_scored,
        to_jsonb(array_agg(distinct s.package_id order by s.package_id)) as package_ids
      from scored s
      join opportunities o on o.id = s.origin_opportunity_id and o.tenant_id = ${tenantId} and o.brand_id = ${brandId}
        and o.deleted_at is null
      where s.rate is not null
      group by o.id
      order by o.id`),
  );
  return found.map((row) => ({
    opportunityId: row.opportunity_id,
    avgEngagementScore: roundScore(Number(row.avg_engagement_score)),
    variantsScored: Number(row.variants_scored),
    packageIds: row.package_ids,
  }));
}

function roundScore(score: number): number {
  return Math.round(score * 100) / 100;
}
