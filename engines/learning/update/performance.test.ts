import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { learningBed, metricEvents } from '../../../test/fixtures/learning';
import { NotFoundError } from '../../errors';
import { engagementRate, engagementScore, noEventTotals } from '../engagement';

const NOW = new Date('2026-03-20T12:00:00Z');

const bed = learningBed({ tenant: 'Perf Co', other: 'Other Co' }, NOW, { scenario: true });

describe('computeVariantPerformanceSummary', () => {
  it('scores each variant with events in the window against its own channel', async () => {
    const summaries = await bed.engine.update.computeVariantPerformanceSummary(bed.fx, bed.scenario.window);
    const byVariant = new Map(summaries.map((s) => [s.variantId, s]));
    for (const [name, score] of Object.entries(bed.scenario.expectedScores)) {
      const variant = bed.scenario.variants[name as keyof typeof bed.scenario.expectedScores];
      expect(byVariant.get(variant.id)?.engagementScore, name).toBe(score);
    }
    expect(summaries).toHaveLength(6);
  });

  it('agrees with the pure formula on every variant', async () => {
    const summaries = await bed.engine.update.computeVariantPerformanceSummary(bed.fx, bed.scenario.window);
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
    const summaries = await bed.engine.update.computeVariantPerformanceSummary(bed.fx, bed.scenario.window);
    const l2 = summaries.find((s) => s.variantId === bed.scenario.variants.L2.id)!;
    expect(l2.platformMetrics).toEqual({ ...noEventTotals(), impressions: 1000, likes: 10 });
    const x2 = summaries.find((s) => s.variantId === bed.scenario.variants.X2.id)!;
    expect(x2.platformMetrics.impressions).toBe(5000);
  });

  it('carries each variant’s channel, pattern, package and origin opportunity', async () => {
    const summaries = await bed.engine.update.computeVariantPerformanceSummary(bed.fx, bed.scenario.window);
    expect(summaries.find((s) => s.variantId === bed.scenario.variants.X1.id)).toMatchObject({
      channel: 'x',
      patternId: bed.scenario.sharedPatternId,
      originOpportunityId: bed.scenario.opportunityIds[0],
      publishedAt: new Date('2026-03-10T08:00:00Z'),
    });
    expect(summaries.find((s) => s.variantId === bed.scenario.variants.L4.id)).toMatchObject({ engagementRate: null, engagementScore: 0 });
    expect(summaries.some((s) => s.variantId === bed.scenario.variants.draft.id)).toBe(false);
  });

  it('returns nothing for a window without events', async () => {
    const window = { windowStart: new Date('2026-01-01T00:00:00Z'), windowEnd: new Date('2026-01-08T00:00:00Z') };
    expect(await bed.engine.update.computeVariantPerformanceSummary(bed.fx, window)).toEqual([]);
  });

  it('answers NotFound for a brand of another tenant', async () => {
    await expect(
      bed.engine.update.computeVariantPerformanceSummary({ tenantId: bed.other.tenantId, brandId: bed.fx.brandId }, bed.scenario.window),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(bed.engine.insights.listLearningEvents({ tenantId: bed.other.tenantId, brandId: bed.fx.brandId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(
      bed.engine.update.recordVariantPerformanceSummaries({ tenantId: bed.fx.tenantId, brandId: randomUUID() }, bed.scenario.window),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('recordVariantPerformanceSummaries', () => {
  it('writes one learning event per scored variant, and none when the window is run again', async () => {
    const first = await bed.engine.update.recordVariantPerformanceSummaries(bed.fx, bed.scenario.window);
    expect(first.learningEventsWritten).toBe(6);
    const again = await bed.engine.update.recordVariantPerformanceSummaries(bed.fx, bed.scenario.window);
    expect(again).toEqual({ ...first, learningEventsWritten: 0 });

    const events = await bed.engine.insights.listLearningEvents(bed.fx, {
      ...bed.scenario.window,
      signalType: 'variant_performance_summary',
    });
    expect(events).toHaveLength(6);
    const l1 = events.find((e) => e.variantId === bed.scenario.variants.L1.id)!;
    expect(l1).toMatchObject({ subjectId: bed.scenario.variants.L1.id, ...bed.scenario.window, effectiveAt: NOW });
    expect(l1.payload).toMatchObject({ channel: 'linkedin', engagementScore: 75, patternId: bed.scenario.patternId });
  });

  it('keeps a separate learning event per window', async () => {
    const wider = { windowStart: new Date('2026-03-01T00:00:00Z'), windowEnd: bed.scenario.window.windowEnd };
    const result = await bed.engine.update.recordVariantPerformanceSummaries(bed.fx, wider);
    expect(result.learningEventsWritten).toBe(6);
    expect(await bed.engine.insights.listLearningEvents(bed.fx, { signalType: 'variant_performance_summary' })).toHaveLength(12);
    expect(await bed.engine.insights.listLearningEvents(bed.fx, bed.scenario.window)).toHaveLength(6);
    expect(await bed.engine.insights.listLearningEvents(bed.fx, { limit: 5 })).toHaveLength(5);
  });

  it('brings the existing learning event up to date when late events change a figure', async () => {
    await bed.engine.intake.recordExecutionEvents(bed.fx, {
      events: metricEvents(bed.scenario.variants.X2, { like: 10 }, new Date('2026-03-13T10:00:00Z')),
      source: 'test_fixture',
    });
    const rerun = await bed.engine.update.recordVariantPerformanceSummaries(bed.fx, bed.scenario.window);
    expect(rerun.learningEventsWritten).toBe(0);
    const events = await bed.engine.insights.listLearningEvents(bed.fx, {
      ...bed.scenario.window,
      signalType: 'variant_performance_summary',
    });
    expect(events).toHaveLength(6);
    const x2 = events.find((e) => e.variantId === bed.scenario.variants.X2.id)!;
    expect(x2.payload).toMatchObject({ platformMetrics: { likes: 20 } });
  });
});
