import { and, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import { rows } from '../db/migrator';
import { learningEvents } from '../db/schema';
import type { Channel } from '../enums';
import type { EngagementPoint, LearningEventDTO, PatternInsight, PillarInsight, ScoreChange } from './dto';
import { ENGAGEMENT_WEIGHTS } from './engagement';
import { toLearningEventDTO } from './learning-events';
import { scoredVariants } from './performance-query';
import type { LearningWindow } from './window';

// The read side of learning for the insights page and the F3.1 summary: aggregates only, computed in
// the database like the learning update itself, so a brand with a million events returns a few rows.

type Scope = { tenantId: string; brandId: string };

const ts = (date: Date) => sql`${date.toISOString()}::timestamptz`;
const MAX_PATTERNS = 50;
const MAX_SCORE_CHANGES = 50;
const MAX_PACKAGE_LINKS = 5;
const MAX_RECENT_LEARNING_EVENTS = 20;

export async function selectEngagementSeries(db: Database, scope: Scope, window: LearningWindow): Promise<EngagementPoint[]> {
  const weight = sql.raw(
    `case e.event_type ${Object.entries(ENGAGEMENT_WEIGHTS)
      .map(([type, w]) => `when '${type}' then ${w}`)
      .join(' ')} else 0 end`,
  );
  const found = rows<{ day_ms: number; channel: Channel; impressions: number; interactions: number }>(
    await db.execute(sql`
      select (extract(epoch from date_trunc('day', e.occurred_at at time zone 'UTC')) * 1000)::float8 as day_ms, e.channel,
        coalesce(sum(e.count) filter (where e.event_type = 'impression'), 0)::float8 as impressions,
        -- Widened before weighting: in int4, a share count of 536,870,912 or more overflowed (× 4).
        coalesce(sum(e.count::int8 * ${weight}), 0)::float8 as interactions
      from execution_events e
      where e.tenant_id = ${scope.tenantId} and e.brand_id = ${scope.brandId} and e.deleted_at is null
        and e.occurred_at >= ${ts(window.windowStart)} and e.occurred_at < ${ts(window.windowEnd)}
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

export async function selectPatternInsights(db: Database, scope: Scope, window: LearningWindow): Promise<PatternInsight[]> {
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
          avg(s.engagement_score) filter (where s.published_at >= ${ts(midpoint)}) as later,
          avg(s.engagement_score) filter (where s.published_at < ${ts(midpoint)}) as earlier,
          to_jsonb((array_agg(distinct s.package_id order by s.package_id))[1:${MAX_PACKAGE_LINKS}]) as package_ids
        from scored s where s.pattern_template_id is not null and s.rate is not null
        group by s.pattern_template_id
      )
      select pt.id as pattern_id, pt.name, pt.status, (pt.brand_id is null) as shared, pt.usage_count,
        (extract(epoch from pt.last_used_at) * 1000)::float8 as last_used_at_ms, pt.avg_engagement_score,
        coalesce(w.n, 0)::int as variants_in_window, round((w.later - w.earlier)::numeric, 2)::float8 as trend,
        coalesce(w.package_ids, '[]'::jsonb) as package_ids
      from pattern_templates pt
      left join in_window w on w.pattern_id = pt.id
      where pt.tenant_id = ${scope.tenantId} and pt.deleted_at is null and (pt.brand_id = ${scope.brandId} or pt.brand_id is null)
      order by coalesce(w.n, 0) desc, pt.avg_engagement_score desc nulls last, pt.name, pt.id
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
export async function selectScoreChanges(db: Database, scope: Scope, window: LearningWindow): Promise<ScoreChange[]> {
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
      select distinct on (le.opportunity_id) le.id, le.opportunity_id, o.title, o.base_score, le.payload,
        -- The evidence's packages as the event recorded them, less any discarded since.
        coalesce((
          select jsonb_agg(p.id order by p.created_at desc, p.id)
          from content_packages p
          where p.tenant_id = le.tenant_id and p.brand_id = le.brand_id and p.deleted_at is null
            and p.id::text in (select jsonb_array_elements_text(coalesce(le.payload -> 'packageIds', '[]'::jsonb)))
        ), '[]'::jsonb) as package_ids,
        (extract(epoch from le.window_start) * 1000)::float8 as window_start_ms,
        (extract(epoch from le.window_end) * 1000)::float8 as window_end_ms,
        (extract(epoch from le.effective_at) * 1000)::float8 as effective_at_ms
      from learning_events le
      join opportunities o on o.id = le.opportunity_id and o.tenant_id = le.tenant_id and o.brand_id = le.brand_id and o.deleted_at is null
      where le.tenant_id = ${scope.tenantId} and le.brand_id = ${scope.brandId} and le.deleted_at is null
        and le.signal_type = 'opportunity_score_update'
        and le.effective_at >= ${ts(window.windowStart)} and le.effective_at < ${ts(window.windowEnd)}
      order by le.opportunity_id, le.effective_at desc, le.window_end desc, le.id`),
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
  scope: Scope,
  window: LearningWindow,
): Promise<{ pillars: PillarInsight[]; variantsScored: number }> {
  const found = rows<{ pillar_id: string | null; name: string | null; n: number; avg_score: number | null; total: number }>(
    await db.execute(sql`${scoredVariants(scope.tenantId, scope.brandId, window)},
      counted as (
        select p.pillar_id, count(*)::int as n, avg(s.engagement_score)::float8 as avg_score
        from scored s join content_packages p on p.id = s.package_id
        where s.rate is not null
        group by p.pillar_id
      ),
      total as (select coalesce(sum(n), 0)::int as total from counted)
      -- From the total, so a brand without pillars still answers one row carrying it.
      select t.total, x.pillar_id, x.name, x.n, x.avg_score
      from total t
      left join lateral (
        select cp.id as pillar_id, cp.name, cp.priority_rank, coalesce(c.n, 0)::int as n, c.avg_score
        from content_pillars cp
        left join counted c on c.pillar_id = cp.id
        where cp.tenant_id = ${scope.tenantId} and cp.brand_id = ${scope.brandId} and cp.deleted_at is null and cp.is_active
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
export async function selectRecentLearningEvents(db: Database, scope: Scope, window: LearningWindow): Promise<LearningEventDTO[]> {
  const found = await db
    .select()
    .from(learningEvents)
    .where(
      and(
        eq(learningEvents.tenantId, scope.tenantId),
        eq(learningEvents.brandId, scope.brandId),
        isNull(learningEvents.deletedAt),
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
