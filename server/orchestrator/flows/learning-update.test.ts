import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { learningEvents, opportunities, patternTemplates } from '../../../engines/db/schema';
import { NotFoundError } from '../../../engines/errors';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { buildLearningScenario, type LearningScenario, metricEvents, SCENARIO_WINDOW } from '../../../test/fixtures/learning';
import { createSystemContext, type SystemContext } from '../context';
import { LearningUpdateOrchestrator } from './learning-update';

// The scenario's metrics arrive on 2026-03-20; learning then runs "on" 2026-03-15, whose 7-day window
// is exactly the scenario's (2026-03-09 up to 2026-03-16), so the events after it are outside.
const RECEIVED = new Date('2026-03-20T12:00:00Z');
const RUN_DAY = new Date('2026-03-15T12:00:00Z');
const DAYS = 7;

let handle: TestDatabase;
let ingest: SystemContext;
let ctx: SystemContext;

beforeAll(async () => {
  handle = await createTestDatabase();
  ingest = createSystemContext(handle, { clock: () => RECEIVED });
  ctx = createSystemContext(handle, { clock: () => RUN_DAY });
});
afterAll(() => handle.close());

async function scenarioFor(name: string): Promise<{ fx: TenantFixture; scenario: LearningScenario }> {
  const fx = await createTenantFixture(handle.db, name);
  const scenario = await buildLearningScenario(handle.db, fx, (events) =>
    ingest.engines.learning.recordExecutionEvents(fx.tenantId, fx.brandId, events, 'test_fixture'),
  );
  return { fx, scenario };
}

/** Everything learning writes for a brand, in a stable order. */
async function learnedState(fx: TenantFixture, scenario: LearningScenario) {
  const [opps, patterns, events] = await Promise.all([
    handle.db
      .select({ id: opportunities.id, score: opportunities.score, base: opportunities.baseScore, learned: opportunities.learnedAdjustment, why: opportunities.scoreExplanation })
      .from(opportunities)
      .where(eq(opportunities.brandId, fx.brandId))
      .orderBy(asc(opportunities.id)),
    handle.db
      .select({ id: patternTemplates.id, usage: patternTemplates.usageCount, last: patternTemplates.lastUsedAt, avg: patternTemplates.avgEngagementScore })
      .from(patternTemplates)
      .where(inArray(patternTemplates.id, [scenario.patternId, scenario.sharedPatternId]))
      .orderBy(asc(patternTemplates.id)),
    handle.db
      .select({ id: learningEvents.id, signal: learningEvents.signalType, subject: learningEvents.subjectId, payload: learningEvents.payload })
      .from(learningEvents)
      .where(eq(learningEvents.brandId, fx.brandId))
      .orderBy(asc(learningEvents.signalType), asc(learningEvents.subjectId)),
  ]);
  return { opps, patterns, events };
}

describe('LearningUpdateOrchestrator.runForBrand', () => {
  let fx: TenantFixture;
  let scenario: LearningScenario;
  beforeAll(async () => ({ fx, scenario } = await scenarioFor('Learning Flow Co')));

  it('scores the window, updates patterns and opportunity scores, and records learning events', async () => {
    const result = await LearningUpdateOrchestrator.runForBrand(ctx, fx.tenantId, fx.brandId, DAYS);
    expect(result).toMatchObject({
      ...SCENARIO_WINDOW,
      brandsProcessed: 1,
      skipped: 0,
      // L4 has no impressions, so it is summarised but not scored.
      variantsScored: 5,
      patternsUpdated: 2,
      opportunitiesRescored: 2,
      learningEventsWritten: 6 + 2 + 2,
      complete: true,
    });
    const state = await learnedState(fx, scenario);
    expect(state.opps.map(({ id, score, base, learned }) => ({ id, score, base, learned }))).toEqual(
      [
        { id: scenario.opportunityIds[0], score: 62, base: 60, learned: 2 },
        { id: scenario.opportunityIds[1], score: 35, base: 40, learned: -5 },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    const scores = Object.fromEntries(
      state.events.filter((e) => e.signal === 'variant_performance_summary').map((e) => [e.subject, e.payload.engagementScore]),
    );
    for (const [name, expected] of Object.entries(scenario.expectedScores)) {
      expect(scores[scenario.variants[name as keyof typeof scenario.expectedScores].id]).toBeCloseTo(expected, 2);
    }
  });

  it('ignores the events outside the window', async () => {
    const events = await ctx.engines.learning.listLearningEvents(fx.tenantId, fx.brandId, { signalType: 'variant_performance_summary' });
    const metrics = (variantId: string) => events.find((e) => e.variantId === variantId)!.payload.platformMetrics;
    // L2 and X2 also got a burst just before the window and L2 one at its very end (exclusive).
    expect(metrics(scenario.variants.L2.id)).toMatchObject({ impressions: 1000, likes: 10, shares: 0 });
    expect(metrics(scenario.variants.X2.id)).toMatchObject({ impressions: 5000, likes: 10 });
  });

  it('records the run as a flow run with an event per step', async () => {
    const [run] = await ctx.engines.runs.listRuns(fx.tenantId, fx.brandId, { limit: 1 });
    expect(run).toMatchObject({ flow: 'f3_learning', status: 'succeeded', input: { windowDays: DAYS, trigger: 'admin' } });
    expect(run!.events.map((e) => `${e.node}:${e.kind}`)).toEqual([
      'claimWindow:input',
      'scoreVariants:engine_mutation',
      'updatePatterns:engine_mutation',
      'rescoreOpportunities:engine_mutation',
      'completeWindow:engine_mutation',
      'learningUpdate:output',
    ]);
  });

  it('running the same window again changes nothing and writes no learning event', async () => {
    const before = await learnedState(fx, scenario);
    const again = await LearningUpdateOrchestrator.runForBrand(ctx, fx.tenantId, fx.brandId, DAYS);
    expect(again).toMatchObject({ skipped: 1, learningEventsWritten: 0, variantsScored: 0 });
    expect(await learnedState(fx, scenario)).toEqual(before);
  });

  it('redoes the window when new evidence arrives, still without duplicate learning events', async () => {
    const before = await learnedState(fx, scenario);
    await ingest.engines.learning.recordExecutionEvents(
      fx.tenantId,
      fx.brandId,
      metricEvents(scenario.variants.L3, { comment: 40 }, new Date('2026-03-13T09:00:00Z')),
      'test_fixture',
    );
    const result = await LearningUpdateOrchestrator.runForBrand(ctx, fx.tenantId, fx.brandId, DAYS);
    expect(result).toMatchObject({ skipped: 0, learningEventsWritten: 0, variantsScored: 5 });
    const after = await learnedState(fx, scenario);
    expect(after.events.map((e) => e.id)).toEqual(before.events.map((e) => e.id));
    expect(after.events).not.toEqual(before.events);
    // Re-running once more over the new evidence settles: the same state again.
    await LearningUpdateOrchestrator.runForBrand(ctx, fx.tenantId, fx.brandId, DAYS);
    expect(await learnedState(fx, scenario)).toEqual(after);
  });

  it('refuses a brand of another tenant with NotFound and starts no run', async () => {
    const other = await createTenantFixture(handle.db, 'Other Tenant Co');
    await expect(LearningUpdateOrchestrator.runForBrand(ctx, other.tenantId, fx.brandId, DAYS)).rejects.toBeInstanceOf(NotFoundError);
    expect(await ctx.engines.runs.listRuns(other.tenantId, other.brandId)).toEqual([]);
  });
});

describe('concurrency and isolation', () => {
  it('two concurrent runs for one brand do the work once and end as one run would', async () => {
    const { fx, scenario } = await scenarioFor('Concurrent Co');
    const results = await Promise.all([
      LearningUpdateOrchestrator.runForBrand(ctx, fx.tenantId, fx.brandId, DAYS),
      LearningUpdateOrchestrator.runForBrand(ctx, fx.tenantId, fx.brandId, DAYS),
    ]);
    expect(results.map((r) => r.skipped).sort()).toEqual([0, 1]);
    expect(results.map((r) => r.learningEventsWritten).sort((a, b) => a - b)).toEqual([0, 10]);
    const state = await learnedState(fx, scenario);
    expect(state.events).toHaveLength(10);
    expect(state.opps.map((o) => o.score).sort()).toEqual([35, 62]);
  });

  it("leaves another tenant's brand untouched", async () => {
    const mine = await scenarioFor('Mine Co');
    const theirs = await scenarioFor('Theirs Co');
    const before = await learnedState(theirs.fx, theirs.scenario);
    await LearningUpdateOrchestrator.runForBrand(ctx, mine.fx.tenantId, mine.fx.brandId, DAYS);
    expect(await learnedState(theirs.fx, theirs.scenario)).toEqual(before);
    expect(before.events).toEqual([]);
  });

  it('rolls a brand back whole when a step fails, and records the failure on its run', async () => {
    const { fx, scenario } = await scenarioFor('Failing Co');
    const failing: SystemContext = {
      ...ctx,
      transaction: (work) =>
        ctx.transaction((engines) => {
          const learning = Object.create(engines.learning) as typeof engines.learning;
          learning.updateOpportunityScoresFromEvents = async () => {
            throw new Error('scores went away');
          };
          return work({ ...engines, learning });
        }),
    };
    const before = await learnedState(fx, scenario);
    await expect(LearningUpdateOrchestrator.runForBrand(failing, fx.tenantId, fx.brandId, DAYS)).rejects.toThrow('scores went away');
    // Patterns and variant summaries were written before the failing step; none of it stays.
    expect(await learnedState(fx, scenario)).toEqual(before);
    const [run] = await ctx.engines.runs.listRuns(fx.tenantId, fx.brandId, { limit: 1 });
    expect(run).toMatchObject({ status: 'failed', error: 'scores went away' });
    expect(run!.events.map((e) => e.kind)).toEqual(['hard_error']);
    // The next run does the whole window.
    expect(await LearningUpdateOrchestrator.runForBrand(ctx, fx.tenantId, fx.brandId, DAYS)).toMatchObject({ skipped: 0, learningEventsWritten: 10 });
  });
});

describe('LearningUpdateOrchestrator.runGlobal', () => {
  it('walks every brand in batches, then skips them all on a second run', async () => {
    const { fx, scenario } = await scenarioFor('Global Co');
    const targets = await ctx.engines.learning.listLearningTargets({ limit: 500 });
    const first = await LearningUpdateOrchestrator.runGlobal(ctx, DAYS, { batchSize: 2 });
    expect(first).toMatchObject({ brandsProcessed: targets.length, brandsFailed: 0, complete: true, resumeAfter: null });
    expect((await learnedState(fx, scenario)).opps.map((o) => o.score).sort()).toEqual([35, 62]);
    const second = await LearningUpdateOrchestrator.runGlobal(ctx, DAYS, { batchSize: 2 });
    expect(second).toMatchObject({ brandsProcessed: targets.length, skipped: targets.length, learningEventsWritten: 0, complete: true });
  });

  it('stops between brands when its time budget is spent and resumes after the cursor', async () => {
    const targets = await ctx.engines.learning.listLearningTargets({ limit: 500 });
    const cut = await LearningUpdateOrchestrator.runGlobal(ctx, DAYS, { timeBudgetMs: 0 });
    expect(cut).toMatchObject({ brandsProcessed: 0, complete: false });
    const resumed = await LearningUpdateOrchestrator.runGlobal(ctx, DAYS, { after: targets[1]!.brandId });
    expect(resumed).toMatchObject({ brandsProcessed: targets.length - 2, complete: true });
  });
});
