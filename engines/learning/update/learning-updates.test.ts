import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, insertBareSiblingBrand, type TenantFixture } from '../../../test/fixtures';
import {
  buildLearningScenario,
  createLearningEngine,
  insertPackage,
  insertPattern,
  insertVariant,
  type LearningScenario,
  metricEvents,
} from '../../../test/fixtures/learning';
import type { Database } from '../../db/client';
import { opportunities, patternTemplates } from '../../db/schema';
import { NotFoundError } from '../../errors';
import type { LearningEngine } from '../engine';

const NOW = new Date('2026-03-20T12:00:00Z');

let handle: TestDatabase;
let fx: TenantFixture;
let sibling: TenantFixture;
let other: TenantFixture;
let engine: LearningEngine;
let scenario: LearningScenario;
let siblingPatternId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Learning Co');
  other = await createTenantFixture(handle.db, 'Other Co');
  engine = createLearningEngine(handle.db, () => NOW);
  scenario = await buildLearningScenario(handle.db, fx, (events) =>
    engine.intake.recordExecutionEvents(fx, { events, source: 'test_fixture' }),
  );
  // A second brand of the same tenant publishes once with the shared pattern and once with its own.
  sibling = await insertBareSiblingBrand(handle.db, fx);
  siblingPatternId = await insertPattern(handle.db, sibling);
  const siblingPackage = await insertPackage(handle.db, sibling, { channels: ['linkedin'] });
  const shared = await insertVariant(handle.db, sibling, {
    packageId: siblingPackage,
    channel: 'linkedin',
    patternId: scenario.sharedPatternId,
    publishedAt: new Date('2026-03-13T08:00:00Z'),
  });
  const own = await insertVariant(handle.db, sibling, {
    packageId: siblingPackage,
    channel: 'linkedin',
    patternId: siblingPatternId,
    publishedAt: new Date('2026-03-13T09:00:00Z'),
  });
  await engine.intake.recordExecutionEvents(sibling, {
    events: [
      ...metricEvents(shared, { impression: 100, like: 1 }, new Date('2026-03-14T08:00:00Z')),
      ...metricEvents(own, { impression: 100, like: 9 }, new Date('2026-03-14T08:00:00Z')),
    ],
    source: 'test_fixture',
  });
});
afterAll(() => handle.close());

async function patternRow(id: string) {
  const [row] = await handle.db.select().from(patternTemplates).where(eq(patternTemplates.id, id));
  return row!;
}

describe('updatePatternPerformanceFromEvents', () => {
  it("writes a brand pattern's usage and average engagement from this brand's variants", async () => {
    const result = await engine.update.updatePatternPerformanceFromEvents(fx, scenario.window);
    const own = result.updates.find((u) => u.patternId === scenario.patternId);
    // L1 scored 75 and L2 16.67; the draft variant with the same pattern is not a use.
    expect(own).toMatchObject({ shared: false, usageCount: 2, lastUsedAt: new Date('2026-03-11T08:00:00Z'), variantsScored: 2 });
    expect(own!.avgEngagementScore).toBeCloseTo(45.835, 1);
    const row = await patternRow(scenario.patternId);
    expect(row).toMatchObject({ usageCount: 2, lastUsedAt: new Date('2026-03-11T08:00:00Z') });
    expect(row.avgEngagementScore).toBeCloseTo(45.835, 1);
  });

  it("counts every brand of the tenant for a shared pattern, each variant scored against its own brand's channel", async () => {
    const result = await engine.update.updatePatternPerformanceFromEvents(fx, scenario.window);
    // X1 75 and X2 25 here; on the sibling's LinkedIn the shared-pattern post (rate 0.01) sits far below
    // its own-pattern post (0.09): reference 2 × median 0.05 = 0.1, so it scores 10 there.
    expect(result.updates.find((u) => u.patternId === scenario.sharedPatternId)).toEqual({
      patternId: scenario.sharedPatternId,
      shared: true,
      usageCount: 3,
      lastUsedAt: new Date('2026-03-13T08:00:00Z'),
      avgEngagementScore: 36.67,
      variantsScored: 3,
    });
    expect(await patternRow(scenario.sharedPatternId)).toMatchObject({ usageCount: 3, avgEngagementScore: 36.67 });
  });

  it("leaves patterns this brand did not use in the window alone, including another brand's", async () => {
    const result = await engine.update.updatePatternPerformanceFromEvents(fx, scenario.window);
    expect(result.updates.map((u) => u.patternId).sort()).toEqual([scenario.patternId, scenario.sharedPatternId].sort());
    expect(await patternRow(siblingPatternId)).toMatchObject({ usageCount: 0, lastUsedAt: null, avgEngagementScore: null });
  });

  it('writes its learning events once per window', async () => {
    const window = { windowStart: new Date('2026-03-10T00:00:00Z'), windowEnd: scenario.window.windowEnd };
    const first = await engine.update.updatePatternPerformanceFromEvents(fx, window);
    expect(first.learningEventsWritten).toBe(2);
    const again = await engine.update.updatePatternPerformanceFromEvents(fx, window);
    expect(again).toEqual({ ...first, learningEventsWritten: 0 });
    const events = await engine.insights.listLearningEvents(fx, { ...window, signalType: 'pattern_performance_update' });
    expect(events.map((e) => e.patternId).sort()).toEqual([scenario.patternId, scenario.sharedPatternId].sort());
  });
});

describe('updateOpportunityScoresFromEvents', () => {
  it('moves each origin opportunity from its base score by the learned adjustment, and re-running does not compound it', async () => {
    const first = await engine.update.updateOpportunityScoresFromEvents(fx, scenario.window);
    // O1 (base 60): L1 75, L2 16.67, X1 75 → avg 55.56 → +2. O2 (base 40): L3 50, X2 25 (L4 had no impressions) → avg 37.5 → −5.
    const byId = new Map(first.updates.map((u) => [u.opportunityId, u]));
    expect(byId.get(scenario.opportunityIds[0])).toMatchObject({ adjustment: 2, score: 62, variantsScored: 3 });
    expect(byId.get(scenario.opportunityIds[1])).toMatchObject({ adjustment: -5, score: 35, variantsScored: 2, avgEngagementScore: 37.5 });
    expect(byId.get(scenario.opportunityIds[1])!.explanation).toMatch(/-5.*2 published variants.*\(9–15 Mar 2026\)/);
    expect(first.learningEventsWritten).toBe(2);

    const again = await engine.update.updateOpportunityScoresFromEvents(fx, scenario.window);
    expect(again).toEqual({ ...first, learningEventsWritten: 0 });
    const rows = await handle.db
      .select({
        id: opportunities.id,
        score: opportunities.score,
        baseScore: opportunities.baseScore,
        learned: opportunities.learnedAdjustment,
      })
      .from(opportunities)
      .where(inArray(opportunities.id, scenario.opportunityIds));
    expect(rows.sort((a, b) => b.baseScore - a.baseScore)).toEqual([
      { id: scenario.opportunityIds[0], score: 62, baseScore: 60, learned: 2 },
      { id: scenario.opportunityIds[1], score: 35, baseScore: 40, learned: -5 },
    ]);
  });

  it('records the adjustment as an opportunity_score_update learning event', async () => {
    const events = await engine.insights.listLearningEvents(fx, { ...scenario.window, signalType: 'opportunity_score_update' });
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.opportunityId === scenario.opportunityIds[1])!.payload).toMatchObject({ adjustment: -5, score: 35 });
  });

  it('answers NotFound for a brand of another tenant and changes nothing', async () => {
    await expect(
      engine.update.updateOpportunityScoresFromEvents({ tenantId: other.tenantId, brandId: fx.brandId }, scenario.window),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      engine.update.updatePatternPerformanceFromEvents({ tenantId: other.tenantId, brandId: fx.brandId }, scenario.window),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      engine.update.updatePatternPerformanceFromEvents({ tenantId: fx.tenantId, brandId: randomUUID() }, scenario.window),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("a run's aggregate of the window (claimWindow)", () => {
  /** The three event-reading steps on engines bound to one transaction, rolled back so nothing stays. */
  async function stepsInTransaction(before: (update: LearningEngine['update'], tx: Database) => Promise<unknown>) {
    let figures: unknown;
    await handle.db
      .transaction(async (tx) => {
        const update = createLearningEngine(tx as unknown as Database, () => NOW).update;
        await before(update, tx as unknown as Database);
        figures = {
          variants: await update.recordVariantPerformanceSummaries(fx, scenario.window),
          patterns: await update.updatePatternPerformanceFromEvents(fx, scenario.window),
          opportunities: await update.updateOpportunityScoresFromEvents(fx, scenario.window),
        };
        tx.rollback();
      })
      .catch((error: unknown) => {
        if (figures === undefined) throw error;
      });
    return figures;
  }

  it('gives each step the figures the events give: every brand of the tenant for shared patterns, each variant against its own brand', async () => {
    const fromEvents = await stepsInTransaction(async () => undefined);
    const fromAggregate = await stepsInTransaction((update) => update.claimWindow(fx, scenario.window));
    expect(fromAggregate).toEqual(fromEvents);
    expect(fromAggregate).toMatchObject({ patterns: { updates: expect.arrayContaining([expect.objectContaining({ usageCount: 3 })]) } });
  });

  it('learns from the events its claim fingerprinted, not from one arriving during the run', async () => {
    const { variants } = (await stepsInTransaction(async (update, tx) => {
      await update.claimWindow(fx, scenario.window);
      const late = createLearningEngine(tx, () => NOW).intake;
      await late.recordExecutionEvents(fx, {
        events: metricEvents(scenario.variants.L4, { impression: 100, like: 50 }, new Date('2026-03-12T11:00:00Z')),
        source: 'test_fixture',
      });
    })) as { variants: { summaries: { variantId: string; engagementScore: number }[] } };
    const scores = new Map(variants.summaries.map((s) => [s.variantId, s.engagementScore]));
    // Read from the events, L4's late impressions would give it a rate and move LinkedIn's reference.
    for (const [name, score] of Object.entries(scenario.expectedScores)) {
      expect(scores.get(scenario.variants[name as keyof typeof scenario.expectedScores].id), name).toBe(score);
    }
  });
});
