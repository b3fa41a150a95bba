import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { rows } from '../../db/migrator';
import { opportunities, patternTemplates, variants } from '../../db/schema';
import { epochMs, timestamptz } from '../../db/sql-time';
import type { Channel } from '../../enums';
import { type BrandScope, inBrand } from '../../scope';
import type { PerformanceSummary } from '../dto';
import { scoredVariants, type TotalsSource } from '../scored-variants';
import type { LearningWindow } from '../window';

// The evidence a window's learning update reads, each one statement over scored-variants.ts; `source`
// says whether it reads the window's events or the run's aggregate of them (LearningUpdate.claimWindow).

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
  scope: BrandScope,
  window: LearningWindow,
  source: TotalsSource,
): Promise<PerformanceSummary[]> {
  const found = rows<SummaryRow>(
    await db.execute(sql`${scoredVariants(scope.tenantId, scope.brandId, window, source)}
      select s.*, ${epochMs(sql`s.published_at`)} as published_at_ms
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
  scope: BrandScope,
  window: LearningWindow,
  source: TotalsSource,
): Promise<PatternEvidence[]> {
  const { tenantId, brandId } = scope;
  const found = rows<{
    pattern_id: string;
    shared: boolean;
    usage_count: number;
    last_used_at_ms: number | null;
    avg_engagement_score: number;
    variants_scored: number;
  }>(
    await db.execute(sql`${scoredVariants(tenantId, null, window, source)},
      patterns as (
        select ${patternTemplates.id} as id, ${patternTemplates.brandId} as brand_id from ${patternTemplates}
        where ${patternTemplates.tenantId} = ${tenantId} and ${patternTemplates.deletedAt} is null
          and (${patternTemplates.brandId} = ${brandId} or ${patternTemplates.brandId} is null)
          and ${patternTemplates.id} in (select s.pattern_template_id from scored s where s.brand_id = ${brandId} and s.rate is not null)
      ),
      engagement as (
        select pt.id as pattern_id, avg(s.engagement_score)::float8 as avg_engagement_score, count(*)::int as variants_scored
        from patterns pt
        join scored s on s.pattern_template_id = pt.id and s.rate is not null and (pt.brand_id is null or s.brand_id = pt.brand_id)
        group by pt.id
      ),
      usage as (
        select pt.id as pattern_id, count(*)::int as usage_count, max(${variants.publishedAt}) as last_used_at
        from patterns pt
        join ${variants} on ${variants.patternTemplateId} = pt.id and ${variants.tenantId} = ${tenantId} and ${variants.deletedAt} is null
          and ${variants.publishedAt} is not null and ${variants.publishedAt} < ${timestamptz(window.windowEnd)}
          and (pt.brand_id is null or ${variants.brandId} = pt.brand_id)
        group by pt.id
      )
      select p.id as pattern_id, (p.brand_id is null) as shared, coalesce(u.usage_count, 0)::int as usage_count,
        ${epochMs(sql`u.last_used_at`)} as last_used_at_ms, e.avg_engagement_score, e.variants_scored
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
  scope: BrandScope,
  window: LearningWindow,
  source: TotalsSource,
): Promise<OpportunityEvidence[]> {
  const found = rows<{ opportunity_id: string; avg_engagement_score: number; variants_scored: number; package_ids: string[] }>(
    await db.execute(sql`${scoredVariants(scope.tenantId, scope.brandId, window, source)}
      select ${opportunities.id} as opportunity_id, avg(s.engagement_score)::float8 as avg_engagement_score, count(*)::int as variants_scored,
        to_jsonb(array_agg(distinct s.package_id order by s.package_id)) as package_ids
      from scored s
      join ${opportunities} on ${opportunities.id} = s.origin_opportunity_id and ${inBrand(opportunities, scope)}
      where s.rate is not null
      group by ${opportunities.id}
      order by ${opportunities.id}`),
  );
  return found.map((row) => ({
    opportunityId: row.opportunity_id,
    avgEngagementScore: roundScore(Number(row.avg_engagement_score)),
    variantsScored: Number(row.variants_scored),
    packageIds: row.package_ids,
  }));
}

export interface FadedOpportunity {
  opportunityId: string;
  previousAdjustment: number;
}

/**
 * The brand's opportunities that still carry a learned adjustment but have no scored variant in the
 * window: what they learned came from evidence the window no longer holds, so it fades back to 0.
 */
export async function selectFadedOpportunities(
  db: Database,
  scope: BrandScope,
  withEvidence: readonly string[],
): Promise<FadedOpportunity[]> {
  const found = rows<{ opportunity_id: string; learned_adjustment: number }>(
    await db.execute(sql`
      select ${opportunities.id} as opportunity_id, ${opportunities.learnedAdjustment} as learned_adjustment
      from ${opportunities}
      where ${inBrand(opportunities, scope)} and ${opportunities.learnedAdjustment} <> 0
        ${
          withEvidence.length > 0
            ? sql`and ${opportunities.id}::text not in (${sql.join(
                withEvidence.map((id) => sql`${id}`),
                sql`, `,
              )})`
            : sql``
        }
      order by ${opportunities.id}`),
  );
  return found.map((row) => ({ opportunityId: row.opportunity_id, previousAdjustment: Number(row.learned_adjustment) }));
}

export interface FadedPattern {
  patternId: string;
  usageCount: number;
  lastUsedAt: Date | null;
  previousAvgEngagementScore: number;
}

/**
 * Patterns visible to the brand that still carry an engagement figure though no scored variant used
 * them in the window: the brand's own pattern by this brand's variants, a shared one by any brand's
 * (another brand's evidence keeps a shared figure alive). Their usage stays; the figure fades.
 */
export async function selectFadedPatterns(
  db: Database,
  scope: BrandScope,
  window: LearningWindow,
  source: TotalsSource,
): Promise<FadedPattern[]> {
  const { tenantId, brandId } = scope;
  const found = rows<{ pattern_id: string; usage_count: number; last_used_at_ms: number | null; avg_engagement_score: number }>(
    await db.execute(sql`${scoredVariants(tenantId, null, window, source)}
      select ${patternTemplates.id} as pattern_id, ${patternTemplates.usageCount} as usage_count,
        ${epochMs(patternTemplates.lastUsedAt)} as last_used_at_ms, ${patternTemplates.avgEngagementScore} as avg_engagement_score
      from ${patternTemplates}
      where ${patternTemplates.tenantId} = ${tenantId} and ${patternTemplates.deletedAt} is null
        and (${patternTemplates.brandId} = ${brandId} or ${patternTemplates.brandId} is null)
        and ${patternTemplates.avgEngagementScore} is not null
        and not exists (
          select 1 from scored s
          where s.pattern_template_id = ${patternTemplates.id} and s.rate is not null
            and (${patternTemplates.brandId} is null or s.brand_id = ${patternTemplates.brandId})
        )
      order by ${patternTemplates.id}`),
  );
  return found.map((row) => ({
    patternId: row.pattern_id,
    usageCount: Number(row.usage_count),
    lastUsedAt: row.last_used_at_ms === null ? null : new Date(Number(row.last_used_at_ms)),
    previousAvgEngagementScore: Number(row.avg_engagement_score),
  }));
}

function roundScore(score: number): number {
  return Math.round(score * 100) / 100;
}
