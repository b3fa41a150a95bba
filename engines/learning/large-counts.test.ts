import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOW_CHOICES } from '../../components/insights/window-choice';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import {
  createLearningEngine,
  insertOpportunity,
  insertPackage,
  insertPattern,
  insertVariant,
  type MetricCounts,
  metricEvents,
  type VariantFixture,
} from '../../test/fixtures/learning';
import { executionEvents } from '../db/schema';
import { ExecutionEventType } from '../enums';
import { errorCode } from '../errors';
import { MAX_EVENT_COUNT, MAX_EXECUTION_EVENTS_PER_BATCH } from './dto';
import { engagementRate, engagementScore } from './engagement';
import type { LearningEngine } from './engine';
import type { InvalidExecutionEventsError } from './intake/errors';
import { type LearningWindow, learningWindow } from './window';

// Counts at the per-event bound once overflowed the insights' int4 arithmetic (a share count of
// 536,870,912 or more answered 500 for every window for 90 days). Every figure below is a whole
// number under 2^53, so the database's float8 answers are exact and compared exactly.

const NOW = new Date('2026-03-20T12:00:00Z');
const TODAY_9AM = new Date('2026-03-20T09:00:00Z');
const TODAY = new Date('2026-03-20T00:00:00Z');
/** The insights page's windows, the shortest window and the longest. */
const WINDOWS = [...new Set([1, ...WINDOW_CHOICES, 365])];

const AT_THE_BOUND: MetricCounts = Object.fromEntries(ExecutionEventType.options.map((type) => [type, MAX_EVENT_COUNT]));

let handle: TestDatabase;
let engine: LearningEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  engine = createLearningEngine(handle.db, () => NOW);
});
afterAll(() => handle.close());

interface Brand {
  fx: TenantFixture;
  opportunityId: string;
  patternId: string;
  variant(): Promise<VariantFixture>;
}

async function createBrand(name: string): Promise<Brand> {
  const fx = await createTenantFixture(handle.db, name);
  const opportunityId = await insertOpportunity(handle.db, fx, { baseScore: 50 });
  const patternId = await insertPattern(handle.db, fx);
  const packageId = await insertPackage(handle.db, fx, { originOpportunityId: opportunityId });
  return {
    fx,
    opportunityId,
    patternId,
    variant: () =>
      insertVariant(handle.db, fx, { packageId, channel: 'linkedin', patternId, publishedAt: new Date('2026-03-19T08:00:00Z') }),
  };
}

/** The learning update's steps in the order and the one transaction the F3 flow runs them in. */
function learningUpdate(tenantId: string, brandId: string, window: LearningWindow) {
  return handle.db.transaction(async (tx) => {
    const learning = createLearningEngine(tx, () => NOW);
    const claim = await learning.update.claimWindow({ tenantId, brandId }, window);
    if (claim.alreadyDone) return { claim, variants: { summaries: [] }, patterns: { updates: [] }, opportunities: { updates: [] } };
    const variants = await learning.update.recordVariantPerformanceSummaries({ tenantId, brandId }, window);
    const patterns = await learning.update.updatePatternPerformanceFromEvents({ tenantId, brandId }, window);
    const opportunities = await learning.update.updateOpportunityScoresFromEvents({ tenantId, brandId }, window);
    await learning.update.completeWindow({ tenantId, brandId }, { window, fingerprint: claim.fingerprint, runId: null });
    return { claim, variants, patterns, opportunities };
  });
}

async function refusal(promise: Promise<unknown>): Promise<InvalidExecutionEventsError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(errorCode(error)).toBe('bad_input');
  return error as InvalidExecutionEventsError;
}

describe('events at the per-event bound', () => {
  let brand: Brand;
  let viral: VariantFixture;
  let steady: VariantFixture;

  beforeAll(async () => {
    brand = await createBrand('Viral Co');
    viral = await brand.variant();
    steady = await brand.variant();
    const { fx } = brand;
    expect(
      await engine.intake.recordExecutionEvents(fx, { events: metricEvents(viral, AT_THE_BOUND, TODAY_9AM), source: 'platform_webhook' }),
    ).toEqual({
      received: ExecutionEventType.options.length,
      inserted: ExecutionEventType.options.length,
      duplicates: 0,
    });
    const steadyEvents = metricEvents(steady, { impression: MAX_EVENT_COUNT, like: MAX_EVENT_COUNT }, TODAY_9AM);
    await engine.intake.recordExecutionEvents(fx, { events: steadyEvents, source: 'platform_webhook' });
  });

  // Viral: every type at 10^9, so 10^9 impressions and (1+3+4+3+2+2+1) · 10^9 weighted interactions.
  // Steady: 10^9 impressions and 10^9 likes.
  const viralRate = 16;
  const steadyRate = 1;
  const expectedScores = {
    viral: engagementScore(viralRate, [viralRate, steadyRate]),
    steady: engagementScore(steadyRate, [viralRate, steadyRate]),
  };

  it('are stored with their full counts', async () => {
    const rows = await handle.db
      .select({ count: executionEvents.count })
      .from(executionEvents)
      .where(eq(executionEvents.variantId, viral.id));
    expect(rows.map((r) => r.count)).toEqual(ExecutionEventType.options.map(() => MAX_EVENT_COUNT));
  });

  it.each(WINDOWS)('give the insights of a %i-day window exact totals', async (days) => {
    const insights = await engine.insights.getInsights(
      brand.fx,
      learningWindow(days, () => NOW),
    );
    expect(insights.engagement).toEqual([
      { day: TODAY, channel: 'linkedin', impressions: 2 * MAX_EVENT_COUNT, interactions: 17 * MAX_EVENT_COUNT, ratePer100: 850 },
    ]);
    expect(insights.variantsScored).toBe(2);
    expect(insights.patterns.find((p) => p.patternId === brand.patternId)).toMatchObject({
      variantsInWindow: 2,
      usageCount: 0,
      trend: null,
    });
  });

  it.each(WINDOWS)('give the performance summary of a %i-day window exact metrics and finite scores', async (days) => {
    const summaries = await engine.update.computeVariantPerformanceSummary(
      brand.fx,
      learningWindow(days, () => NOW),
    );
    const byVariant = new Map(summaries.map((s) => [s.variantId, s]));
    expect(byVariant.get(viral.id)).toMatchObject({
      engagementRate: viralRate,
      engagementScore: expectedScores.viral,
      platformMetrics: {
        impressions: MAX_EVENT_COUNT,
        likes: MAX_EVENT_COUNT,
        comments: MAX_EVENT_COUNT,
        shares: MAX_EVENT_COUNT,
        saves: MAX_EVENT_COUNT,
        clicks: MAX_EVENT_COUNT,
        linkClicks: MAX_EVENT_COUNT,
        profileVisits: MAX_EVENT_COUNT,
      },
    });
    expect(engagementRate(byVariant.get(viral.id)!.platformMetrics)).toBe(viralRate);
    expect(byVariant.get(steady.id)).toMatchObject({ engagementRate: steadyRate, engagementScore: expectedScores.steady });
  });

  it.each(WINDOWS)('let a learning update over a %i-day window run to the end with finite figures', async (days) => {
    const { tenantId, brandId } = brand.fx;
    const window = learningWindow(days, () => NOW);
    const run = await learningUpdate(tenantId, brandId, window);
    expect(run.variants.summaries.map((s) => s.engagementScore).sort((a, b) => a - b)).toEqual([
      expectedScores.steady,
      expectedScores.viral,
    ]);
    const averageScore = Math.round(((expectedScores.viral + expectedScores.steady) / 2) * 100) / 100;
    expect(run.patterns.updates).toEqual([
      expect.objectContaining({ patternId: brand.patternId, usageCount: 2, avgEngagementScore: averageScore, variantsScored: 2 }),
    ]);
    expect(run.opportunities.updates).toEqual([
      expect.objectContaining({ opportunityId: brand.opportunityId, avgEngagementScore: averageScore, variantsScored: 2, baseScore: 50 }),
    ]);
    expect(Number.isInteger(run.opportunities.updates[0]!.score)).toBe(true);
    expect((await learningUpdate(tenantId, brandId, window)).claim.alreadyDone).toBe(true);
  });
});

describe('a count over the per-event bound', () => {
  it.each([MAX_EVENT_COUNT + 1, 2_147_483_647])('(%i) is refused as bad input naming the event, and nothing is stored', async (count) => {
    const brand = await createBrand(`Refused ${count}`);
    const variant = await brand.variant();
    const [impression, share] = metricEvents(variant, { impression: 10, share: count }, TODAY_9AM);
    const error = await refusal(engine.intake.recordExecutionEvents(brand.fx, { events: [impression, share], source: 'platform_webhook' }));
    expect(error.issues).toEqual([{ index: 1, message: 'count: must be at most 1,000,000,000 for one event' }]);
    expect(await handle.db.select().from(executionEvents).where(eq(executionEvents.brandId, brand.fx.brandId))).toEqual([]);
  });
});

describe('the largest sum a few full batches can make', () => {
  const BATCHES = 3;
  const shares = BATCHES * MAX_EXECUTION_EVENTS_PER_BATCH * MAX_EVENT_COUNT;
  let brand: Brand;
  let variant: VariantFixture;

  beforeAll(async () => {
    brand = await createBrand('Flood Co');
    variant = await brand.variant();
    const { tenantId, brandId } = brand.fx;
    await engine.intake.recordExecutionEvents(
      { tenantId, brandId },
      { events: metricEvents(variant, { impression: MAX_EVENT_COUNT }, TODAY_9AM), source: 'platform_webhook' },
    );
    for (let batch = 0; batch < BATCHES; batch++) {
      const events = Array.from({ length: MAX_EXECUTION_EVENTS_PER_BATCH }, (_, i) => ({
        channel: variant.channel,
        externalEventId: `flood-${batch}-${i}`,
        variantId: variant.id,
        eventType: 'share',
        count: MAX_EVENT_COUNT,
        occurredAt: TODAY_9AM,
      }));
      expect(await engine.intake.recordExecutionEvents({ tenantId, brandId }, { events, source: 'csv_import' })).toMatchObject({
        inserted: MAX_EXECUTION_EVENTS_PER_BATCH,
      });
    }
  });

  it('is summed exactly by the insights, far past what int4 holds', async () => {
    const insights = await engine.insights.getInsights(
      brand.fx,
      learningWindow(30, () => NOW),
    );
    expect(insights.engagement).toEqual([
      {
        day: TODAY,
        channel: 'linkedin',
        impressions: MAX_EVENT_COUNT,
        interactions: 4 * shares,
        ratePer100: (100 * 4 * shares) / MAX_EVENT_COUNT,
      },
    ]);
  });

  it('is summed exactly by the performance summary and carried through a learning update', async () => {
    const { tenantId, brandId } = brand.fx;
    const window = learningWindow(90, () => NOW);
    const [summary] = await engine.update.computeVariantPerformanceSummary({ tenantId, brandId }, window);
    expect(summary).toMatchObject({ variantId: variant.id, engagementRate: (4 * shares) / MAX_EVENT_COUNT, engagementScore: 50 });
    expect(summary!.platformMetrics).toMatchObject({ impressions: MAX_EVENT_COUNT, shares });

    const run = await learningUpdate(tenantId, brandId, window);
    expect(run.patterns.updates).toEqual([expect.objectContaining({ avgEngagementScore: 50, variantsScored: 1 })]);
    expect(run.opportunities.updates).toEqual([expect.objectContaining({ avgEngagementScore: 50, adjustment: 0, score: 50 })]);
  });
});
