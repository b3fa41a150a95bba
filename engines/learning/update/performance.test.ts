import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { buildLearningScenario, createLearningEngine, type LearningScenario, metricEvents } from '../../../test/fixtures/learning';
import { NotFoundError } from '../../errors';
import { engagementRate, engagementScore, noEventTotals } from '../engagement';
import type { LearningEngine } from '../engine';

const NOW = new Date('2026-03-20T12:00:00Z');

let handle: TestDatabase;
let fx: TenantFixture;
let other: TenantFixture;
let engine: LearningEngine;
let scenario: LearningScenario;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Perf Co');
  other = await createTenantFixture(handle.db, 'Other Co');
  engine = createLearningEngine(handle.db, () => NOW);
  scenario = await buildLearningScenario(handle.db, fx, (events) =>
    engine.intake.recordExecutionEvents(fx, { events, source: 'test_fixture' }),
  );
});
afterAll(() => handle.close());

describe('computeVariantPerformanceSummary', () => {
  it('scores each variant with events in the window against its own channel', async () => {
    const summaries = await engine.update.computeVariantPerformanceSummary(fx, scenario.window);
    const byVariant = new Map(summaries.map((s) => [s.variantId, s]));
    for (const [name, score] of Object.entries(scenario.expectedScores)) {
      const variant = scenario.variants[name as keyof typeof scenario.expectedScores];
      expect(byVariant.get(variant.id)?.engagementScore, name).toBe(score);
    }
    expect(summaries).toHaveLength(6);
  });

  it('agrees with the pure formula on every variant', async () => {
    const summaries = await engine.update.computeVariantPerformanceSummary(fx, scenario.window);
    for (const summary of summaries) {
      const rate = engagementRate(summary.platformMetrics);
      const channelRates = summaries
        .filter((s) => s.channel === summary.channel)
        .map((s) => engagementRate(s.platformMetrics))
        .filter((r): r is number => r !== null);
      expect(summary.engagementRate).toEqual(rate === null ? null : expect.closeTo(rate, 12));
      expect(summary.engagementScore).toBeCloseTo(engagementScore(rate, channelRates), 2);
    }
  });

  it('sums the metrics of the window only, including its first instant and excluding its end', async () => {
    const summaries = await engine.update.computeVariantPerformanceSummary(fx, scenario.window);
    const l2 = summaries.find((s) => s.variantId === scenario.variants.L2.id)!;
    expect(l2.platformMetrics).toEqual({ ...noEventTotals(), impressions: 1000, likes: 10 });
    const x2 = summaries.find((s) => s.variantId === scenario.variants.X2.id)!;
    expect(x2.platformMetrics.impressions).toBe(5000);
  });

  it('carries each variant’s channel, pattern, package and origin opportunity', async () => {
    const summaries = await engine.update.computeVariantPerformanceSummary(fx, scenario.window);
    expect(summaries.find((s) => s.variantId === scenario.variants.X1.id)).toMatchObject({
      channel: 'x',
      patternId: scenario.sharedPatternId,
      originOpportunityId: scenario.opportunityIds[0],
      publishedAt: new Date('2026-03-10T08:00:00Z'),
    });
    expect(summaries.find((s) => s.variantId === scenario.variants.L4.id)).toMatchObject({ engagementRate: null, engagementScore: 0 });
    expect(summaries.some((s) => s.variantId === scenario.variants.draft.id)).toBe(false);
  });

  it('returns nothing for a window without events', async () => {
    const window = { windowStart: new Date('2026-01-01T00:00:00Z'), windowEnd: new Date('2026-01-08T00:00:00Z') };
    expect(await engine.update.computeVariantPerformanceSummary(fx, window)).toEqual([]);
  });

  it('answers NotFound for a brand of another tenant', async () => {
    await expect(
      engine.update.computeVariantPerformanceSummary({ tenantId: other.tenantId, brandId: fx.brandId }, scenario.window),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(engine.insights.listLearningEvents({ tenantId: other.tenantId, brandId: fx.brandId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      engine.update.recordVariantPerformanceSummaries({ tenantId: fx.tenantId, brandId: randomUUID() }, scenario.window),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('recordVariantPerformanceSummaries', () => {
  it('writes one learning event per scored variant, and none when the window is run again', async () => {
    const first = await engine.update.recordVariantPerformanceSummaries(fx, scenario.window);
    expect(first.learningEventsWritten).toBe(6);
    const again = await engine.update.recordVariantPerformanceSummaries(fx, scenario.window);
    expect(again).toEqual({ ...first, learningEventsWritten: 0 });

    const events = await engine.insights.listLearningEvents(fx, { ...scenario.window, signalType: 'variant_performance_summary' });
    expect(events).toHaveLength(6);
    const l1 = events.find((e) => e.variantId === scenario.variants.L1.id)!;
    expect(l1).toMatchObject({ subjectId: scenario.variants.L1.id, ...scenario.window, effectiveAt: NOW });
    expect(l1.payload).toMatchObject({ channel: 'linkedin', engagementScore: 75, patternId: scenario.patternId });
  });

  it('keeps a separate learning event per window', async () => {
    const wider = { windowStart: new Date('2026-03-01T00:00:00Z'), windowEnd: scenario.window.windowEnd };
    const result = await engine.update.recordVariantPerformanceSummaries(fx, wider);
    expect(result.learningEventsWritten).toBe(6);
    expect(await engine.insights.listLearningEvents(fx, { signalType: 'variant_performance_summary' })).toHaveLength(12);
    expect(await engine.insights.listLearningEvents(fx, scenario.window)).toHaveLength(6);
    expect(await engine.insights.listLearningEvents(fx, { limit: 5 })).toHaveLength(5);
  });

  it('brings the existing learning event up to date when late events change a figure', async () => {
    await engine.intake.recordExecutionEvents(fx, {
      events: metricEvents(scenario.variants.X2, { like: 10 }, new Date('2026-03-13T10:00:00Z')),
      source: 'test_fixture',
    });
    const rerun = await engine.update.recordVariantPerformanceSummaries(fx, scenario.window);
    expect(rerun.learningEventsWritten).toBe(0);
    const events = await engine.insights.listLearningEvents(fx, { ...scenario.window, signalType: 'variant_performance_summary' });
    expect(events).toHaveLength(6);
    const x2 = events.find((e) => e.variantId === scenario.variants.X2.id)!;
    expect(x2.payload).toMatchObject({ platformMetrics: { likes: 20 } });
  });
});
