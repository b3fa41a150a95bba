import { asc, eq, inArray } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { learningEvents, opportunities, patternTemplates } from '../../../engines/db/schema';
import { NotFoundError } from '../../../engines/errors';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { buildLearningScenario, type LearningScenario, metricEvents, SCENARIO_WINDOW } from '../../../test/fixtures/learning';
import { createSystemContext, type SystemContext } from '../context';
import type { LearningRunResult } from '../views/learning-run-result';
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
    ingest.engines.learning.intake.recordExecutionEvents(fx, { events, source: 'test_fixture' }),
  );
  return { fx, scenario };
}

/** Everything learning writes for a brand, in a stable order. */
async function learnedState(fx: TenantFixture, scenario: LearningScenario) {
  const [opps, patterns, events] = await Promise.all([
    handle.db
      .select({
        id: opportunities.id,
        score: opportunities.score,
        base: opportunities.baseScore,
        learned: opportunities.learnedAdjustment,
        why: opportunities.scoreExplanation,
      })
      .from(opportunities)
      .where(eq(opportunities.brandId, fx.brandId))
      .orderBy(asc(opportunities.id)),
    handle.db
      .select({
        id: patternTemplates.id,
        usage: patternTemplates.usageCount,
        last: patternTemplates.lastUsedAt,
        avg: patternTemplates.avgEngagementScore,
      })
      .from(patternTemplates)
      .where(inArray(patternTemplates.id, [scenario.patternId, scenario.sharedPatternId]))
      .orderBy(asc(patternTemplates.id)),
    handle.db
      .select({
        id: learningEvents.id,
        signal: learningEvents.signalType,
        subject: learningEvents.subjectId,
        payload: learningEvents.payload,
      })
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
    const result = await LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DAYS });
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
    const events = await ctx.engines.learning.insights.listLearningEvents(fx, { signalType: 'variant_performance_summary' });
    const metrics = (variantId: string) => events.find((e) => e.variantId === variantId)!.payload.platformMetrics;
    // L2 and X2 also got a burst just before the window and L2 one at its very end (exclusive).
    expect(metrics(scenario.variants.L2.id)).toMatchObject({ impressions: 1000, likes: 10, shares: 0 });
    expect(metrics(scenario.variants.X2.id)).toMatchObject({ impressions: 5000, likes: 10 });
  });

  it('records the run as a flow run with an event per step', async () => {
    const [run] = await ctx.engines.runs.listRuns(fx, { limit: 1 });
    expect(run).toMatchObject({ flow: 'f3_learning', status: 'succeeded', input: { windowDays: DAYS, trigger: 'script', preview: false } });
    expect(run!.events.map((e) => `${e.node}:${e.kind}`)).toEqual([
      'input:input',
      'claimWindow:engine_mutation',
      'scoreVariants:engine_mutation',
      'updatePatterns:engine_mutation',
      'rescoreOpportunities:engine_mutation',
      'weighDecisions:engine_mutation',
      'completeWindow:engine_mutation',
      'flow:output',
    ]);
  });

  it('running the same window again changes nothing and writes no learning event', async () => {
    const before = await learnedState(fx, scenario);
    const again = await LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DAYS });
    expect(again).toMatchObject({ skipped: 1, learningEventsWritten: 0, variantsScored: 0 });
    expect(await learnedState(fx, scenario)).toEqual(before);
  });

  it('redoes the window when new evidence arrives, still without duplicate learning events', async () => {
    const before = await learnedState(fx, scenario);
    await ingest.engines.learning.intake.recordExecutionEvents(fx, {
      events: metricEvents(scenario.variants.L3, { comment: 40 }, new Date('2026-03-13T09:00:00Z')),
      source: 'test_fixture',
    });
    const result = await LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DAYS });
    expect(result).toMatchObject({ skipped: 0, learningEventsWritten: 0, variantsScored: 5 });
    const after = await learnedState(fx, scenario);
    expect(after.events.map((e) => e.id)).toEqual(before.events.map((e) => e.id));
    expect(after.events).not.toEqual(before.events);
    // Re-running once more over the new evidence settles: the same state again.
    await LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DAYS });
    expect(await learnedState(fx, scenario)).toEqual(after);
  });

  it('refuses a brand of another tenant with NotFound and starts no run', async () => {
    const other = await createTenantFixture(handle.db, 'Other Tenant Co');
    await expect(
      LearningUpdateOrchestrator.runForBrand(ctx, { tenantId: other.tenantId, brandId: fx.brandId }, { windowDays: DAYS }),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await ctx.engines.runs.listRuns(other)).toEqual([]);
  });
});

describe('fading', () => {
  it('takes a learned adjustment and a pattern figure back once their evidence leaves the window', async () => {
    const { fx, scenario } = await scenarioFor('Fading Co');
    await LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DAYS });
    const learned = await learnedState(fx, scenario);
    expect(learned.opps.map((o) => o.learned).sort()).toEqual([-5, 2]);
    expect(learned.patterns.every((p) => p.avg !== null)).toBe(true);

    // Two weeks on, the 7-day window holds none of the scenario's metrics.
    const later = createSystemContext(handle, { clock: () => new Date('2026-03-29T12:00:00Z') });
    const result = await LearningUpdateOrchestrator.runForBrand(later, fx, { windowDays: DAYS });
    expect(result).toMatchObject({ skipped: 0, variantsScored: 0, opportunitiesRescored: 0, adjustmentsFaded: 2, patternsUpdated: 2 });
    const faded = await learnedState(fx, scenario);
    expect(faded.opps.map(({ score, base, learned: adjustment }) => ({ score, base, adjustment }))).toEqual(
      faded.opps.map(({ base }) => ({ score: base, base, adjustment: 0 })),
    );
    expect(faded.opps.every((o) => o.why?.startsWith('Learned') && o.why.includes('faded'))).toBe(true);
    // The figure goes; what happened (usage, last use) stays.
    expect(faded.patterns.map(({ avg, usage, last }) => ({ avg, usage, last }))).toEqual(
      learned.patterns.map(({ usage, last }) => ({ avg: null, usage, last })),
    );
    const window = later.engines.learning.windowFor(DAYS);
    const changes = await later.engines.learning.insights.getInsights(fx, window);
    expect(changes.scoreChanges.map((c) => c.adjustment)).toEqual([0, 0]);
    // Faded once: the same window again changes nothing.
    expect(await LearningUpdateOrchestrator.runForBrand(later, fx, { windowDays: DAYS })).toMatchObject({ skipped: 1 });
    expect(await learnedState(fx, scenario)).toEqual(faded);
  });
});

describe('concurrency and isolation', () => {
  it('two concurrent runs for one brand do the work once and end as one run would', async () => {
    const { fx, scenario } = await scenarioFor('Concurrent Co');
    const results = await Promise.all([
      LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DAYS }),
      LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DAYS }),
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
    await LearningUpdateOrchestrator.runForBrand(ctx, mine.fx, { windowDays: DAYS });
    expect(await learnedState(theirs.fx, theirs.scenario)).toEqual(before);
    expect(before.events).toEqual([]);
  });

  it('rolls a brand back whole when a step fails, and records the failure on its run', async () => {
    const { fx, scenario } = await scenarioFor('Failing Co');
    const failing: SystemContext = {
      ...ctx,
      transaction: (work) =>
        ctx.transaction((engines) => {
          const update = Object.create(engines.learning.update) as typeof engines.learning.update;
          update.updateOpportunityScoresFromEvents = async () => {
            throw new Error('scores went away');
          };
          return work({ ...engines, learning: Object.assign(Object.create(engines.learning), { update }) });
        }),
    };
    const before = await learnedState(fx, scenario);
    await expect(LearningUpdateOrchestrator.runForBrand(failing, fx, { windowDays: DAYS })).rejects.toThrow('scores went away');
    // Patterns and variant summaries were written before the failing step; none of it stays.
    expect(await learnedState(fx, scenario)).toEqual(before);
    const [run] = await ctx.engines.runs.listRuns(fx, { limit: 1 });
    // A programming error's words stay in the server log: runs are shown to the tenant's members.
    expect(run).toMatchObject({ status: 'failed', error: 'Error: an internal error (details are in the server log)' });
    // The input event was recorded before the transaction; the step events went with it.
    expect(run!.events.map((e) => e.kind)).toEqual(['input', 'hard_error']);
    // The next run does the whole window.
    expect(await LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DAYS })).toMatchObject({
      skipped: 0,
      learningEventsWritten: 10,
    });
  });
});

describe('LearningUpdateOrchestrator.runGlobal', () => {
  it('walks every brand in batches; later calls for the window start no brand', async () => {
    const { fx, scenario } = await scenarioFor('Global Co');
    const targets = await ctx.engines.learning.walk.listTargets({ limit: 500 });
    const first = await LearningUpdateOrchestrator.runGlobal(ctx, DAYS, { batchSize: 2 });
    expect(first).toMatchObject({ brandsProcessed: targets.length, brandsFailed: 0, complete: true, resumeAfter: null });
    expect((await learnedState(fx, scenario)).opps.map((o) => o.score).sort()).toEqual([35, 62]);
    const runsBefore = await ctx.engines.runs.listRuns(fx, { limit: 100 });
    const second = await LearningUpdateOrchestrator.runGlobal(ctx, DAYS, { batchSize: 2 });
    expect(second).toMatchObject({ brandsProcessed: 0, skipped: 0, learningEventsWritten: 0, complete: true, resumeAfter: null });
    expect(await ctx.engines.runs.listRuns(fx, { limit: 100 })).toHaveLength(runsBefore.length);
  });

  describe('a walk longer than one call', () => {
    afterEach(() => vi.restoreAllMocks());

    it('resumes where the time budget cut it off, at the next brand, and completes every brand once across calls', async () => {
      // A day no walk has started yet, so this walk has a window of its own.
      const later = createSystemContext(handle, { clock: () => new Date('2026-03-16T12:00:00Z') });
      const window = later.engines.learning.windowFor(DAYS);
      // Each brand's update "takes" 10 s of the call's 25 s budget: three brands per call.
      let now = 0;
      vi.spyOn(Date, 'now').mockImplementation(() => now);
      const slow: SystemContext = {
        ...later,
        transaction: (work) => {
          now += 10_000;
          return later.transaction(work);
        },
      };
      const targets = await later.engines.learning.walk.listTargets({ limit: 500 });
      expect(targets.length).toBeGreaterThan(6);

      const calls: LearningRunResult[] = [];
      for (let call = 0; call < targets.length && !calls.at(-1)?.complete; call += 1) {
        calls.push(await LearningUpdateOrchestrator.runGlobal(slow, DAYS, { timeBudgetMs: 25_000, batchSize: 2 }));
      }
      expect(calls).toHaveLength(Math.ceil(targets.length / 3));
      expect(calls[0]).toMatchObject({ brandsProcessed: 3, complete: false, resumeAfter: targets[2]!.brandId });
      expect(calls[1]).toMatchObject({ brandsProcessed: 3, resumeAfter: targets[5]!.brandId });
      expect(calls.at(-1)).toMatchObject({ complete: true, resumeAfter: null });
      expect(calls.reduce((sum, c) => sum + c.brandsProcessed, 0)).toBe(targets.length);

      // Every brand was updated for the window exactly once, by the call whose turn it was.
      const updaters = await Promise.all(
        targets.map(async ({ tenantId, brandId }) => {
          const runs = await later.engines.runs.listRuns({ tenantId, brandId }, { limit: 100 });
          return runs
            .filter((run) => (run.input as { windowStart?: string }).windowStart === window.windowStart.toISOString())
            .map((run) => (run.input as { parentRunId?: string }).parentRunId);
        }),
      );
      expect(updaters).toEqual(targets.map((_, i) => [calls[Math.floor(i / 3)]!.runId]));

      // The walk is done for the window: another call starts no brand.
      expect(await LearningUpdateOrchestrator.runGlobal(slow, DAYS, { timeBudgetMs: 25_000 })).toMatchObject({
        brandsProcessed: 0,
        complete: true,
      });
      expect(await later.engines.learning.walk.start(window)).toMatchObject({
        lastBrandId: targets.at(-1)!.brandId,
        completedAt: expect.any(Date),
      });
    });

    it("begins a new window's walk where the previous window's unfinished walk stopped, and comes round to the first brand", async () => {
      const contextOn = (day: string) => {
        const dayCtx = createSystemContext(handle, { clock: () => new Date(`${day}T12:00:00Z`) });
        const slow: SystemContext = {
          ...dayCtx,
          transaction: (work) => {
            now += 10_000;
            return dayCtx.transaction(work);
          },
        };
        return { dayCtx, slow };
      };
      let now = 0;
      vi.spyOn(Date, 'now').mockImplementation(() => now);
      const targets = await ctx.engines.learning.walk.listTargets({ limit: 500 });

      // Once a day, and the day's only call cut off after three brands.
      const first = contextOn('2026-03-18');
      expect(await LearningUpdateOrchestrator.runGlobal(first.slow, DAYS, { timeBudgetMs: 25_000 })).toMatchObject({
        brandsProcessed: 3,
        complete: false,
      });

      const next = contextOn('2026-03-19');
      const window = next.dayCtx.engines.learning.windowFor(DAYS);
      const calls: LearningRunResult[] = [];
      for (let call = 0; call < targets.length && !calls.at(-1)?.complete; call += 1) {
        calls.push(await LearningUpdateOrchestrator.runGlobal(next.slow, DAYS, { timeBudgetMs: 25_000 }));
      }
      expect(calls[0]).toMatchObject({ brandsProcessed: 3, complete: false, resumeAfter: targets[5]!.brandId });
      expect(calls.at(-1)).toMatchObject({ complete: true });
      expect(calls.reduce((sum, c) => sum + c.brandsProcessed, 0)).toBe(targets.length);

      // The next day's walk went on at the fourth brand, and ended with the three the first day did.
      const rotated = [...targets.slice(3), ...targets.slice(0, 3)];
      const updaters = await Promise.all(
        rotated.map(async ({ tenantId, brandId }) => {
          const runs = await next.dayCtx.engines.runs.listRuns({ tenantId, brandId }, { limit: 100 });
          return runs
            .filter((run) => (run.input as { windowStart?: string }).windowStart === window.windowStart.toISOString())
            .map((run) => (run.input as { parentRunId?: string }).parentRunId);
        }),
      );
      expect(updaters).toEqual(rotated.map((_, i) => [calls[Math.floor(i / 3)]!.runId]));
    });
  });
});
