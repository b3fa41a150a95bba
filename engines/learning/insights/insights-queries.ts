import { and, desc, eq, gte, lt, lte, sql } from 'drizzle-orm';
import type { Database } from '../../db/client';
import { rows } from '../../db/migrator';
import { contentPackages, contentPillars, executionEvents, learningEvents, opportunities, patternTemplates } from '../../db/schema';
import { epochMs, timestamptz } from '../../db/sql-time';
import type { Channel } from '../../enums';
import { type BrandScope, inBrand } from '../../scope';
import {
  type EngagementPoint,
  LearningEventDTO,
  type ListLearningEventsInput,
  type PatternInsight,
  type PillarInsight,
  type ScoreChange,
} from '../dto';
import { ENGAGEMENT_WEIGHTS } from '../engagement';
import { scoredVariants } from '../scored-variants';
import type { LearningWindow } from '../window';

// The read side of learning for the insights page and the F3.1 summary: aggregates only, computed in
// the database like the learning update itself, so a brand with a million events returns a few rows.

const MAX_PATTERNS = 50;
const MAX_SCORE_CHANGES = 50;
const MAX_PACKAGE_LINKS = 5;
const MAX_RECENT_LEARNING_EVENTS = 20;

export async function selectEngagementSeries(db: Database, scope: BrandScope, window: LearningWindow): Promise<EngagementPoint[]> {
  const weights = sql.raw(
    Object.entries(ENGAGEMENT_WEIGHTS)
      .map(([type, weight]) => `when '${type}' then ${weight}`)
      .join(' '),
  );
  const found = rows<{ day_ms: number; channel: Channel; impressions: number; interactions: number }>(
    await db.execute(sql`
      select ${epochMs(sql`date_trunc('day', ${executionEvents.occurredAt} at time zone 'UTC')`)} as day_ms, ${executionEvents.channel} as channel,
        coalesce(sum(${executionEvents.count}) filter (where ${executionEvents.eventType} = 'impression'), 0)::float8 as impressions,
        -- Widened before weighting: in int4, a share count of 536,870,912 or more overflowed (× 4).
        coalesce(sum(${executionEvents.count}::int8 * case ${executionEvents.eventType} ${weights} else 0 end), 0)::float8 as interactions
      from ${executionEvents}
      where ${inBrand(executionEvents, scope)}
        and ${executionEvents.occurredAt} >= ${timestamptz(window.windowStart)} and ${executionEvents.occurredAt} < ${timestamptz(window.windowEnd)}
      group by 1, 2
      order by 1, 2`),
  );
  return found.map((row) => {
    const impressions = Number(row.impressions);
    const interactions = Number(row.interactions);
    return {
      day: new Date(Number(row.day_ms)),
      channel: row.channel,
      impressions,
      interactions,
      ratePer100: impressions > 0 ? Math.round((10_000 * interactions) / impressions) / 100 : null,
    };
  });
}

export async function selectPatternInsights(db: Database, scope: BrandScope, window: LearningWindow): Promise<PatternInsight[]> {
  const midpoint = new Date((window.windowStart.getTime() + window.windowEnd.getTime()) / 2);
  const found = rows<{
    pattern_id: string;
    name: string;
    status: string;
    shared: boolean;
    usage_count: number;
    last_used_at_ms: number | null;
    avg_engagement_score: number | null;
    variants_in_window: number;
    trend: number | null;
    package_ids: string[];
  }>(
    await db.execute(sql`${scoredVariants(scope.tenantId, scope.brandId, window)},
      in_window as (
        select s.pattern_template_id as pattern_id, count(*)::int as n,
          avg(s.engagement_score) filter (where s.published_at >= ${timestamptz(midpoint)}) as later,
          avg(s.engagement_score) filter (where s.published_at < ${timestamptz(midpoint)}) as earlier,
          to_jsonb((array_agg(distinct s.package_id order by s.package_id))[1:${MAX_PACKAGE_LINKS}]) as package_ids
        from scored s where s.pattern_template_id is not null and s.rate is not null
        group by s.pattern_template_id
      )
      select ${patternTemplates.id} as pattern_id, ${patternTemplates.name} as name, ${patternTemplates.status} as status,
        (${patternTemplates.brandId} is null) as shared, ${patternTemplates.usageCount} as usage_count,
        ${epochMs(patternTemplates.lastUsedAt)} as last_used_at_ms, ${patternTemplates.avgEngagementScore} as avg_engagement_score,
        coalesce(w.n, 0)::int as variants_in_window, round((w.later - w.earlier)::numeric, 2)::float8 as trend,
        coalesce(w.package_ids, '[]'::jsonb) as package_ids
      from ${patternTemplates}
      left join in_window w on w.pattern_id = ${patternTemplates.id}
      where ${patternTemplates.tenantId} = ${scope.tenantId} and ${patternTemplates.deletedAt} is null
        and (${patternTemplates.brandId} = ${scope.brandId} or ${patternTemplates.brandId} is null)
      order by coalesce(w.n, 0) desc, ${patternTemplates.avgEngagementScore} desc nulls last, ${patternTemplates.name}, ${patternTemplates.id}
      limit ${MAX_PATTERNS}`),
  );
  return found.map((row) => ({
    patternId: row.pattern_id,
    name: row.name,
    status: row.status,
    shared: row.shared,
    usageCount: Number(row.usage_count),
    lastUsedAt: row.last_used_at_ms === null ? null : new Date(Number(row.last_used_at_ms)),
    avgEngagementScore: row.avg_engagement_score === null ? null : Number(row.avg_engagement_score),
    variantsInWindow: Number(row.variants_in_window),
    trend: row.trend === null ? null : Number(row.trend),
    packageIds: row.package_ids,
  }));
}

/** The latest learned score change of each opportunity made during the window, largest moves first. */
export async function selectScoreChanges(db: Database, scope: BrandScope, window: LearningWindow): Promise<ScoreChange[]> {
  const found = rows<{
    id: string;
    opportunity_id: string;
    title: string;
    base_score: number;
    payload: Record<string, unknown>;
    window_start_ms: number;
    window_end_ms: number;
    effective_at_ms: number;
    package_ids: string[];
  }>(
    await db.execute(sql`
      select distinct on (${learningEvents.opportunityId}) ${learningEvents.id} as id, ${learningEvents.opportunityId} as opportunity_id,
        ${opportunities.title} as title, ${opportunities.baseScore} as base_score, ${learningEvents.payload} as payload,
        -- The evidence's packages as the event recorded them, less any discarded since.
        coalesce((
          select jsonb_agg(${contentPackages.id} order by ${contentPackages.createdAt} desc, ${contentPackages.id})
          from ${contentPackages}
          where ${contentPackages.tenantId} = ${learningEvents.tenantId} and ${contentPackages.brandId} = ${learningEvents.brandId}
            and ${contentPackages.deletedAt} is null
            and ${contentPackages.id}::text in (select jsonb_array_elements_text(coalesce(${learningEvents.payload} -> 'packageIds', '[]'::jsonb)))
        ), '[]'::jsonb) as package_ids,
        ${epochMs(learningEvents.windowStart)} as window_start_ms,
        ${epochMs(learningEvents.windowEnd)} as window_end_ms,
        ${epochMs(learningEvents.effectiveAt)} as effective_at_ms
      from ${learningEvents}
      join ${opportunities} on ${opportunities.id} = ${learningEvents.opportunityId} and ${opportunities.tenantId} = ${learningEvents.tenantId}
        and ${opportunities.brandId} = ${learningEvents.brandId} and ${opportunities.deletedAt} is null
      where ${inBrand(learningEvents, scope)}
        and ${learningEvents.signalType} = 'opportunity_score_update'
        and ${learningEvents.effectiveAt} >= ${timestamptz(window.windowStart)} and ${learningEvents.effectiveAt} < ${timestamptz(window.windowEnd)}
      order by ${learningEvents.opportunityId}, ${learningEvents.effectiveAt} desc, ${learningEvents.windowEnd} desc, ${learningEvents.id}`),
  );
  return found
    .map((row) => {
      const payload = row.payload;
      const after = Number(payload.score);
      const adjustment = Number(payload.adjustment);
      return {
        learningEventId: row.id,
        opportunityId: row.opportunity_id,
        title: row.title,
        before: typeof payload.baseScore === 'number' ? payload.baseScore : Number(row.base_score),
        after,
        adjustment,
        explanation: typeof payload.explanation === 'string' ? payload.explanation : null,
        windowStart: new Date(Number(row.window_start_ms)),
        windowEnd: new Date(Number(row.window_end_ms)),
        effectiveAt: new Date(Number(row.effective_at_ms)),
        packageIds: row.package_ids,
      };
    })
    .sort((a, b) => Math.abs(b.adjustment) - Math.abs(a.adjustment) || a.title.localeCompare(b.title))
    .slice(0, MAX_SCORE_CHANGES);
}

/** Each active pillar's share of the window's scored variants and their average engagement. */
export async function selectPillarInsights(
  db: Database,
  scope: BrandScope,
  window: LearningWindow,
): Promise<{ pillars: PillarInsight[]; variantsScored: number }> {
  const found = rows<{ pillar_id: string | null; name: string | null; n: number; avg_score: number | null; total: number }>(
    await db.execute(sql`${scoredVariants(scope.tenantId, scope.brandId, window)},
      counted as (
        select ${contentPackages.pillarId} as pillar_id, count(*)::int as n, avg(s.engagement_score)::float8 as avg_score
        from scored s join ${contentPackages} on ${contentPackages.id} = s.package_id
        where s.rate is not null
        group by ${contentPackages.pillarId}
      ),
      total as (select coalesce(sum(n), 0)::int as total from counted)
      -- From the total, so a brand without pillars still answers one row carrying it.
      select t.total, x.pillar_id, x.name, x.n, x.avg_score
      from total t
      left join lateral (
        select ${contentPillars.id} as pillar_id, ${contentPillars.name} as name, ${contentPillars.priorityRank} as priority_rank,
          coalesce(c.n, 0)::int as n, c.avg_score
        from ${contentPillars}
        left join counted c on c.pillar_id = ${contentPillars.id}
        where ${inBrand(contentPillars, scope)} and ${contentPillars.isActive}
      ) x on true
      order by x.priority_rank nulls last, x.name`),
  );
  const variantsScored = Number(found[0]?.total ?? 0);
  const pillars = found
    .filter((row) => row.pillar_id !== null)
    .map((row) => ({
      pillarId: row.pillar_id!,
      name: row.name!,
      variantsScored: Number(row.n),
      sharePercent: variantsScored > 0 ? Math.round((1000 * Number(row.n)) / variantsScored) / 10 : 0,
      avgEngagementScore: row.avg_score === null ? null : Math.round(Number(row.avg_score) * 100) / 100,
    }));
  return { pillars, variantsScored };
}

/**
 * The learning events recorded during the window, newest first; of one run's events (recorded at one
 * instant) score updates come before pattern updates, and those before the many variant summaries.
 */
export async function selectRecentLearningEvents(db: Database, scope: BrandScope, window: LearningWindow): Promise<LearningEventDTO[]> {
  const found = await db
    .select()
    .from(learningEvents)
    .where(
      and(
        inBrand(learningEvents, scope),
        gte(learningEvents.effectiveAt, window.windowStart),
        lt(learningEvents.effectiveAt, window.windowEnd),
      ),
    )
    .orderBy(
      desc(learningEvents.effectiveAt),
      sql`case ${learningEvents.signalType} when 'opportunity_score_update' then 0 when 'pattern_performance_update' then 1 else 2 end`,
      learningEvents.subjectId,
    )
    .limit(MAX_RECENT_LEARNING_EVENTS);
  return found.map(toLearningEventDTO);
}

export async function listLearningEvents(
  db: Database,
  scope: BrandScope,
  filter: ListLearningEventsInput & { limit: number },
): Promise<LearningEventDTO[]> {
  const found = await db
    .select()
    .from(learningEvents)
    .where(
      and(
        inBrand(learningEvents, scope),
        filter.windowStart ? gte(learningEvents.windowStart, filter.windowStart) : undefined,
        filter.windowEnd ? lte(learningEvents.windowEnd, filter.windowEnd) : undefined,
        filter.signalType ? eq(learningEvents.signalType, filter.signalType) : undefined,
      ),
    )
    .orderBy(desc(learningEvents.effectiveAt), desc(learningEvents.windowEnd), learningEvents.signalType, learningEvents.subjectId)
    .limit(filter.limit);
  return found.map(toLearningEventDTO);
}

export function toLearningEventDTO(row: typeof learningEvents.$inferSelect): LearningEventDTO {
  return LearningEventDTO.parse({
    id: row.id,
    brandId: row.brandId,
    signalType: row.signalType,
    subjectId: row.subjectId,
    patternId: row.patternId,
    opportunityId: row.opportunityId,
    variantId: row.variantId,
    payload: row.payload,
    windowStart: row.windowStart,
    windowEnd: row.windowEnd,
    effectiveAt: row.effectiveAt,
    createdAt: row.createdAt,
  });
}
