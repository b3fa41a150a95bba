import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { insertBareSiblingBrand, type TenantFixture } from '../../../test/fixtures';
import {
  createLearningEngine,
  insertPackage,
  insertPattern,
  insertVariant,
  learningBed,
  metricEvents,
} from '../../../test/fixtures/learning';
import type { Database } from '../../db/client';
import { opportunities, patternTemplates } from '../../db/schema';
import { NotFoundError } from '../../errors';
import type { LearningEngine } from '../engine';

const NOW = new Date('2026-03-20T12:00:00Z');

let sibling: TenantFixture;
let siblingPatternId: string;

const bed = learningBed({ tenant: 'Learning Co', other: 'Other Co' }, NOW, { scenario: true });
beforeAll(async () => {
  // A second brand of the same tenant publishes once with the shared pattern and once with its own.
  sibling = await insertBareSiblingBrand(bed.handle.db, bed.fx);
  siblingPatternId = await insertPattern(bed.handle.db, sibling);
  const siblingPackage = await insertPackage(bed.handle.db, sibling, { channels: ['linkedin'] });
  const shared = await insertVariant(bed.handle.db, sibling, {
    packageId: siblingPackage,
    channel: 'linkedin',
    patternId: bed.scenario.sharedPatternId,
    publishedAt: new Date('2026-03-13T08:00:00Z'),
  });
  const own = await insertVariant(bed.handle.db, sibling, {
    packageId: siblingPackage,
    channel: 'linkedin',
    patternId: siblingPatternId,
    publishedAt: new Date('2026-03-13T09:00:00Z'),
  });
  await bed.engine.intake.recordExecutionEvents(sibling, {
    events: [
      ...metricEvents(shared, { impression: 100, like: 1 }, new Date('2026-03-14T08:00:00Z')),
      ...metricEvents(own, { impression: 100, like: 9 }, new Date('2026-03-14T08:00:00Z')),
    ],
    source: 'test_fixture',
  });
});

async function patternRow(id: string) {
  const [row] = await bed.handle.db.select().from(patternTemplates).where(eq(patternTemplates.id, id));
  return row!;
}

describe('updatePatternPerformanceFromEvents', () => {
  it("writes a brand pattern's usage and average engagement from this brand's variants", async () => {
    const result = await bed.engine.update.updatePatternPerformanceFromEvents(bed.fx, bed.scenario.window);
    const own = result.updates.find((u) => u.patternId === bed.scenario.patternId);
    // L1 scored 75 and L2 16.67; the draft variant with the same pattern is not a use.
    expect(own).toMatchObject({ shared: false, usageCount: 2, lastUsedAt: new Date('2026-03-11T08:00:00Z'), variantsScored: 2 });
    expect(own!.avgEngagementScore).toBeCloseTo(45.835, 1);
    const row = await patternRow(bed.scenario.patternId);
    expect(row).toMatchObject({ usageCount: 2, lastUsedAt: new Date('2026-03-11T08:00:00Z') });
    expect(row.avgEngagementScore).toBeCloseTo(45.835, 1);
  });

  it("counts every brand of the tenant for a shared pattern, each variant scored against its own brand's channel", async () => {
    const result = await bed.engine.update.updatePatternPerformanceFromEvents(bed.fx, bed.scenario.window);
    // X1 75 and X2 25 here; on the sibling's LinkedIn the shared-pattern post (rate 0.01) sits far below
    // its own-pattern post (0.09): reference 2 × median 0.05 = 0.1, so it scores 10 there.
    expect(result.updates.find((u) => u.patternId === bed.scenario.sharedPatternId)).toEqual({
      patternId: bed.scenario.sharedPatternId,
      shared: true,
      usageCount: 3,
      lastUsedAt: new Date('2026-03-13T08:00:00Z'),
      avgEngagementScore: 36.67,
      variantsScored: 3,
    });
    expect(await patternRow(bed.scenario.sharedPatternId)).toMatchObject({ usageCount: 3, avgEngagementScore: 36.67 });
  });

  it("leaves patterns this brand did not use in the window alone, including another brand's", async () => {
    const result = await bed.engine.update.updatePatternPerformanceFromEvents(bed.fx, bed.scenario.window);
    expect(result.updates.map((u) => u.patternId).sort()).toEqual([bed.scenario.patternId, bed.scenario.sharedPatternId].sort());
    expect(await patternRow(siblingPatternId)).toMatchObject({ usageCount: 0, lastUsedAt: null, avgEngagementScore: null });
  });

  it('writes its learning events once per window', async () => {
    const window = { windowStart: new Date('2026-03-10T00:00:00Z'), windowEnd: bed.scenario.window.windowEnd };
    const first = await bed.engine.update.updatePatternPerformanceFromEvents(bed.fx, window);
    expect(first.learningEventsWritten).toBe(2);
    const again = await bed.engine.update.updatePatternPerformanceFromEvents(bed.fx, window);
    expect(again).toEqual({ ...first, learningEventsWritten: 0 });
    const events = await bed.engine.insights.listLearningEvents(bed.fx, { ...window, signalType: 'pattern_performance_update' });
    expect(events.map((e) => e.patternId).sort()).toEqual([bed.scenario.patternId, bed.scenario.sharedPatternId].sort());
  });
});

describe('updateOpportunityScoresFromEvents', () => {
  it('moves each origin opportunity from its base score by the learned adjustment, and re-running does not compound it', async () => {
    const first = await bed.engine.update.updateOpportunityScoresFromEvents(bed.fx, bed.scenario.window);
    // O1 (base 60): L1 75, L2 16.67, X1 75 → avg 55.56 → +2. O2 (base 40): L3 50, X2 25 (L4 had no impressions) → avg 37.5 → −5.
    const byId = new Map(first.updates.map((u) => [u.opportunityId, u]));
    expect(byId.get(bed.scenario.opportunityIds[0])).toMatchObject({ adjustment: 2, score: 62, variantsScored: 3 });
    expect(byId.get(bed.scenario.opportunityIds[1])).toMatchObject({
      adjustment: -5,
      score: 35,
      variantsScored: 2,
      avgEngagementScore: 37.5,
    });
    expect(byId.get(bed.scenario.opportunityIds[1])!.explanation).toMatch(/-5.*2 published variants.*\(9–15 Mar 2026\)/);
    expect(first.learningEventsWritten).toBe(2);

    const again = await bed.engine.update.updateOpportunityScoresFromEvents(bed.fx, bed.scenario.window);
    expect(again).toEqual({ ...first, learningEventsWritten: 0 });
    const rows = await bed.handle.db
      .select({
        id: opportunities.id,
        score: opportunities.score,
        baseScore: opportunities.baseScore,
        learned: opportunities.learnedAdjustment,
      })
      .from(opportunities)
      .where(inArray(opportunities.id, bed.scenario.opportunityIds));
    expect(rows.sort((a, b) => b.baseScore - a.baseScore)).toEqual([
      { id: bed.scenario.opportunityIds[0], score: 62, baseScore: 60, learned: 2 },
      { id: bed.scenario.opportunityIds[1], score: 35, baseScore: 40, learned: -5 },
    ]);
  });

  it('records the adjustment as an opportunity_score_update learning event', async () => {
    const events = await bed.engine.insights.listLearningEvents(bed.fx, { ...bed.scenario.window, signalType: 'opportunity_score_update' });
    expect(events).toHaveLength(2);
    expect(events.find((e) => e.opportunityId === bed.scenario.opportunityIds[1])!.payload).toMatchObject({ adjustment: -5, score: 35 });
  });

  it('answers NotFound for a brand of another tenant and changes nothing', async () => {
    await expect(
      bed.engine.update.updateOpportunityScoresFromEvents({ tenantId: bed.other.tenantId, brandId: bed.fx.brandId }, bed.scenario.window),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      bed.engine.update.updatePatternPerformanceFromEvents({ tenantId: bed.other.tenantId, brandId: bed.fx.brandId }, bed.scenario.window),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      bed.engine.update.updatePatternPerformanceFromEvents({ tenantId: bed.fx.tenantId, brandId: randomUUID() }, bed.scenario.window),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("a run's aggregate of the window (claimWindow)", () => {
  /** The three event-reading steps on engines bound to one transaction, rolled back so nothing stays. */
  async function stepsInTransaction(before: (update: LearningEngine['update'], tx: Database) => Promise<unknown>) {
    let figures: unknown;
    await bed.handle.db
      .transaction(async (tx) => {
        const update = createLearningEngine(tx as unknown as Database, () => NOW).update;
        await before(update, tx as unknown as Database);
        figures = {
          variants: await update.recordVariantPerformanceSummaries(bed.fx, bed.scenario.window),
          patterns: await update.updatePatternPerformanceFromEvents(bed.fx, bed.scenario.window),
          opportunities: await update.updateOpportunityScoresFromEvents(bed.fx, bed.scenario.window),
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
    const fromAggregate = await stepsInTransaction((update) => update.claimWindow(bed.fx, bed.scenario.window));
    expect(fromAggregate).toEqual(fromEvents);
    expect(fromAggregate).toMatchObject({ patterns: { updates: expect.arrayContaining([expect.objectContaining({ usageCount: 3 })]) } });
  });

  it('learns from the events its claim fingerprinted, not from one arriving during the run', async () => {
    const { variants } = (await stepsInTransaction(async (update, tx) => {
      await update.claimWindow(bed.fx, bed.scenario.window);
      const late = createLearningEngine(tx, () => NOW).intake;
      await late.recordExecutionEvents(bed.fx, {
        events: metricEvents(bed.scenario.variants.L4, { impression: 100, like: 50 }, new Date('2026-03-12T11:00:00Z')),
        source: 'test_fixture',
      });
    })) as { variants: { summaries: { variantId: string; engagementScore: number }[] } };
    const scores = new Map(variants.summaries.map((s) => [s.variantId, s.engagementScore]));
    // Read from the events, L4's late impressions would give it a rate and move LinkedIn's reference.
    for (const [name, score] of Object.entries(bed.scenario.expectedScores)) {
      expect(scores.get(bed.scenario.variants[name as keyof typeof bed.scenario.expectedScores].id), name).toBe(score);
    }
  });
});
