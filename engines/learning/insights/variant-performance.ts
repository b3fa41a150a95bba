import { and, asc, desc, eq, gte, inArray, isNotNull, lt, or, sql } from 'drizzle-orm';
import { addDays, DAY_MS, formatWindow } from '../../../lib/dates';
import { CHANNEL_LABELS } from '../../../lib/labels';
import type { Database } from '../../db/client';
import { contentPackages, executionEvents, learningEvents, opportunities, patternTemplates, variants } from '../../db/schema';
import { epochMs } from '../../db/sql-time';
import type { Channel, ExecutionEventType, LearningSignalType } from '../../enums';
import { NotFoundError } from '../../errors';
import { type BrandScope, inBrand } from '../../scope';
import { type EventTotals, engagementRate, METRIC_FIELDS, noEventTotals } from '../engagement';
import type { LearningWindow } from '../window';
import {
  type LearningConclusion,
  PackagePerformance,
  type PerformanceTrend,
  type PerformanceWindowDays,
  type TrendDirection,
} from './variant-performance-dto';

/** A half-window rate this much above or below the other is a trend; less is noise. */
const TREND_THRESHOLD = 0.1;

const per100 = (rate: number | null) => (rate === null ? null : Math.round(rate * 10_000) / 100);

/**
 * How each published variant of one package did in the window — impressions, clicks, the engagement
 * rate of engagement.ts and its trend between the window's halves — from the execution events, and what
 * the learning update concluded from them (its events about the variant, its pattern and the package's idea).
 */
export async function selectPackagePerformance(
  db: Database,
  scope: BrandScope,
  packageId: string,
  windowDays: PerformanceWindowDays,
  window: LearningWindow,
): Promise<PackagePerformance> {
  const [pkg] = await db
    .select({ id: contentPackages.id, originOpportunityId: contentPackages.originOpportunityId })
    .from(contentPackages)
    .where(and(eq(contentPackages.id, packageId), inBrand(contentPackages, scope)));
  if (!pkg) throw new NotFoundError('Package', packageId);
  const published = await db
    .select({
      id: variants.id,
      channel: variants.channel,
      patternId: variants.patternTemplateId,
      patternName: patternTemplates.name,
      publishedAt: variants.publishedAt,
      externalPostId: variants.externalPostId,
    })
    .from(variants)
    .leftJoin(patternTemplates, eq(patternTemplates.id, variants.patternTemplateId))
    .where(and(eq(variants.packageId, pkg.id), inBrand(variants, scope), isNotNull(variants.publishedAt)))
    .orderBy(asc(variants.publishedAt), asc(variants.id));
  const variantIds = published.map((variant) => variant.id);
  const patternIds = [...new Set(published.flatMap((variant) => (variant.patternId ? [variant.patternId] : [])))];
  const [events, conclusions, origin] = await Promise.all([
    variantIds.length ? dailyEvents(db, scope, variantIds, window) : [],
    latestLearningEvents(db, scope, window, variantIds, patternIds, pkg.originOpportunityId),
    pkg.originOpportunityId ? originTitle(db, scope, pkg.originOpportunityId) : null,
  ]);
  const midpoint = new Date((window.windowStart.getTime() + window.windowEnd.getTime()) / 2);
  const days = Math.round((window.windowEnd.getTime() - window.windowStart.getTime()) / DAY_MS);
  const patternNames = new Map(published.map((variant) => [variant.patternId, variant.patternName]));

  return PackagePerformance.parse({
    packageId: pkg.id,
    windowDays,
    ...window,
    variants: published.map((variant) => {
      const mine = events.filter((event) => event.variantId === variant.id);
      const whole = totalsOf(mine);
      const earlier = totalsOf(mine.filter((event) => event.day < midpoint));
      const later = totalsOf(mine.filter((event) => event.day >= midpoint));
      const impressionsByDay = new Map<number, number>();
      for (const event of mine) {
        if (event.eventType === 'impression')
          impressionsByDay.set(event.day.getTime(), (impressionsByDay.get(event.day.getTime()) ?? 0) + event.count);
      }
      return {
        variantId: variant.id,
        channel: variant.channel,
        patternName: variant.patternName,
        publishedAt: variant.publishedAt,
        externalPostId: variant.externalPostId,
        impressions: whole.impressions,
        clicks: whole.clicks + whole.linkClicks,
        engagementRatePer100: per100(engagementRate(whole)),
        trend: trendOf(engagementRate(earlier), engagementRate(later)),
        daily: Array.from({ length: days }, (_, index) => {
          const day = addDays(window.windowStart, index);
          return { day, impressions: impressionsByDay.get(day.getTime()) ?? 0 };
        }),
        conclusions: conclusions
          .filter(
            (event) =>
              (event.signalType === 'variant_performance_summary' && event.variantId === variant.id) ||
              (event.signalType === 'pattern_performance_update' && variant.patternId && event.patternId === variant.patternId),
          )
          .map((event) =>
            conclusionOf(event, { channel: variant.channel, patternName: patternNames.get(event.patternId) ?? null, origin }),
          ),
      };
    }),
    conclusions: conclusions
      .filter((event) => event.signalType === 'opportunity_score_update')
      .map((event) => conclusionOf(event, { channel: null, patternName: null, origin })),
  });
}

interface DayEvents {
  variantId: string;
  day: Date;
  eventType: ExecutionEventType;
  count: number;
}

/** The variants' event counts per UTC day and type in the window: at most variants × days × types rows. */
async function dailyEvents(db: Database, scope: BrandScope, variantIds: string[], window: LearningWindow): Promise<DayEvents[]> {
  const day = sql`date_trunc('day', ${executionEvents.occurredAt} at time zone 'UTC')`;
  const rows = await db
    .select({
      variantId: executionEvents.variantId,
      dayMs: sql<number>`${epochMs(day)}`,
      eventType: executionEvents.eventType,
      // Summed as int8 and read as float8: one number type from both drivers, no int4 overflow.
      count: sql<number>`sum(${executionEvents.count}::int8)::float8`,
    })
    .from(executionEvents)
    .where(
      and(
        inBrand(executionEvents, scope),
        inArray(executionEvents.variantId, variantIds),
        gte(executionEvents.occurredAt, window.windowStart),
        lt(executionEvents.occurredAt, window.windowEnd),
      ),
    )
    .groupBy(executionEvents.variantId, day, executionEvents.eventType);
  return rows.map((row) => ({
    variantId: row.variantId,
    day: new Date(Number(row.dayMs)),
    eventType: row.eventType,
    count: Number(row.count),
  }));
}

function totalsOf(events: DayEvents[]): EventTotals {
  const totals = noEventTotals();
  for (const event of events) totals[METRIC_FIELDS[event.eventType]] += event.count;
  return totals;
}

function trendOf(earlier: number | null, later: number | null): PerformanceTrend {
  let direction: TrendDirection | null = null;
  if (earlier !== null && later !== null) {
    const change = earlier > 0 ? (later - earlier) / earlier : later > 0 ? 1 : 0;
    direction = change > TREND_THRESHOLD ? 'up' : change < -TREND_THRESHOLD ? 'down' : 'flat';
  }
  return { earlierRatePer100: per100(earlier), laterRatePer100: per100(later), direction };
}

type LearningEventRow = typeof learningEvents.$inferSelect;

/** The newest learning event of each subject about these variants, their patterns and the package's idea. */
async function latestLearningEvents(
  db: Database,
  scope: BrandScope,
  window: LearningWindow,
  variantIds: string[],
  patternIds: string[],
  opportunityId: string | null,
): Promise<LearningEventRow[]> {
  const about = [
    variantIds.length
      ? and(eq(learningEvents.signalType, 'variant_performance_summary'), inArray(learningEvents.variantId, variantIds))
      : undefined,
    patternIds.length
      ? and(eq(learningEvents.signalType, 'pattern_performance_update'), inArray(learningEvents.patternId, patternIds))
      : undefined,
    opportunityId
      ? and(eq(learningEvents.signalType, 'opportunity_score_update'), eq(learningEvents.opportunityId, opportunityId))
      : undefined,
  ].filter((condition) => condition !== undefined);
  if (!about.length) return [];
  const rows = await db
    .select()
    .from(learningEvents)
    .where(
      and(
        inBrand(learningEvents, scope),
        gte(learningEvents.effectiveAt, window.windowStart),
        lt(learningEvents.effectiveAt, window.windowEnd),
        or(...about),
      ),
    )
    .orderBy(desc(learningEvents.effectiveAt), desc(learningEvents.windowEnd), asc(learningEvents.id));
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.signalType}:${row.subjectId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function originTitle(db: Database, scope: BrandScope, opportunityId: string): Promise<string | null> {
  const [row] = await db
    .select({ title: opportunities.title })
    .from(opportunities)
    .where(and(eq(opportunities.id, opportunityId), inBrand(opportunities, scope)));
  return row?.title ?? null;
}

const plural = (count: number, noun: string) => (count === 1 ? `1 ${noun}` : `${count} ${noun}s`);

/** The event in words, with the names it is about; a number missing from its payload reads as "no". */
function conclusionOf(
  event: LearningEventRow,
  names: { channel: Channel | null; patternName: string | null; origin: string | null },
): LearningConclusion {
  const payload = event.payload;
  const number = (key: string) => (typeof payload[key] === 'number' ? (payload[key] as number) : null);
  const period = formatWindow(event.windowStart, event.windowEnd);
  const signalType: LearningSignalType = event.signalType;
  let text: string;
  if (signalType === 'variant_performance_summary') {
    const score = number('engagementScore');
    const channel = names.channel ? CHANNEL_LABELS[names.channel] : 'channel';
    text =
      number('engagementRate') === null
        ? `Learning found no impressions for this post (${period}), so it left it out of every average.`
        : `Learning scored this post ${Math.round(score ?? 0)}/100 against the brand's other ${channel} posts (${period}).`;
  } else if (signalType === 'pattern_performance_update') {
    const pattern = names.patternName ? `The pattern “${names.patternName}”` : 'Its pattern';
    const average = number('avgEngagementScore');
    text =
      payload.faded === true || average === null
        ? `${pattern} had no scored posts (${period}), so its engagement figure was cleared.`
        : `${pattern} averaged ${Math.round(average)}/100 over ${plural(number('variantsScored') ?? 0, 'scored post')} (${period}).`;
  } else {
    const explanation =
      typeof payload.explanation === 'string' ? payload.explanation : `Its learned adjustment is ${number('adjustment') ?? 0}.`;
    text = `${names.origin ? `The idea “${names.origin}”` : 'The idea'}: ${explanation}`;
  }
  return { signalType, text, effectiveAt: event.effectiveAt };
}
