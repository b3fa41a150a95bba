import type { LearningWindow } from '../../../engines/learning/window';
import type { BrandScope } from '../../../engines/scope';
import { logger } from '../../logging/logger';
import type { SystemContext } from '../context';
import { type LearningState, learningGraph } from '../graphs/learning-graph';
import { LearningRunResult, type LearningTrigger } from '../views/learning-run-result';
import { retryWhileDatabaseUnavailable } from './cleanup-retry';
import { describeFailure } from './failure-description';

export const DEFAULT_LEARNING_WINDOW_DAYS = 30;
/** Brands read per page of the global walk. */
const BRANDS_PER_BATCH = 25;

export interface BrandRunInput {
  windowDays?: number;
  trigger?: LearningTrigger;
  userId?: string | null;
}

export interface GlobalRunOptions {
  /** Start no new brand after this long; the next call resumes after the last brand finished. */
  timeBudgetMs?: number;
  batchSize?: number;
}

interface BrandOutcome {
  runId: string;
  skipped: boolean;
  variantsScored: number;
  patternsUpdated: number;
  opportunitiesRescored: number;
  learningEventsWritten: number;
}

/**
 * F3 — learning from how published posts performed. Each brand's update runs in one transaction
 * under the brand's lock (learning-graph.ts), so concurrent runs do the work once and an interrupted
 * run leaves the brand as it was; re-running a window over the same events changes nothing.
 */
export const LearningUpdateOrchestrator = {
  async runForBrand(ctx: SystemContext, scope: BrandScope, input: BrandRunInput = {}): Promise<LearningRunResult> {
    const windowDays = input.windowDays ?? DEFAULT_LEARNING_WINDOW_DAYS;
    const window = ctx.engines.learning.windowFor(windowDays);
    const outcome = await updateBrand(ctx, scope, window, { windowDays, trigger: input.trigger ?? 'admin' }, input.userId);
    return LearningRunResult.parse({
      ...window,
      ...outcome,
      brandsProcessed: 1,
      skipped: outcome.skipped ? 1 : 0,
      brandsFailed: 0,
      complete: true,
      resumeAfter: null,
    });
  },

  /**
   * Every live brand, a page at a time in id order, as one walk per window that any number of calls
   * share: each call continues after the last brand the walk finished (learning_walks), so a walk cut
   * short by a time budget goes on where it stopped, and once it has passed the last brand further
   * calls for the window start no brand at all. A window's walk begins where the previous window's
   * stopped if that one did not complete, so a once-a-day schedule still reaches every brand in
   * turn. A brand that fails is recorded and rolled back
   * without stopping the others, and the walk moves past it (the next window tries it again). With a
   * time budget the walk stops between brands, never inside one.
   */
  async runGlobal(
    ctx: SystemContext,
    windowDays = DEFAULT_LEARNING_WINDOW_DAYS,
    options: GlobalRunOptions = {},
  ): Promise<LearningRunResult> {
    const { engines } = ctx;
    const window = engines.learning.windowFor(windowDays);
    const startedAt = Date.now();
    let walk = await engines.learning.walk.start(window);
    // The walk's budget is the run's: a cron call killed at its limit leaves a run the sweep recovers.
    const runId = await engines.runs.startRun(null, {
      flow: 'f3_learning',
      input: { windowDays, ...window, scope: 'global', walk },
      budgetMs: options.timeBudgetMs,
    });
    logger.info({ flow: 'f3_learning', runId, scope: 'global', windowDays }, 'run started');
    const totals = {
      brandsProcessed: 0,
      skipped: 0,
      brandsFailed: 0,
      variantsScored: 0,
      patternsUpdated: 0,
      opportunitiesRescored: 0,
      learningEventsWritten: 0,
    };
    try {
      brands: while (walk.completedAt === null) {
        const targets = await engines.learning.walk.nextTargets(walk, options.batchSize ?? BRANDS_PER_BATCH);
        if (targets.length === 0) {
          walk = await engines.learning.walk.endPass(window);
          continue;
        }
        for (const target of targets) {
          if (options.timeBudgetMs !== undefined && Date.now() - startedAt >= options.timeBudgetMs) break brands;
          try {
            const outcome = await updateBrand(ctx, target, window, { windowDays, trigger: 'cron', parentRunId: runId });
            totals.brandsProcessed += 1;
            if (outcome.skipped) totals.skipped += 1;
            totals.variantsScored += outcome.variantsScored;
            totals.patternsUpdated += outcome.patternsUpdated;
            totals.opportunitiesRescored += outcome.opportunitiesRescored;
            totals.learningEventsWritten += outcome.learningEventsWritten;
            await engines.runs.recordEvent({ runId, node: 'updateBrand', kind: 'output', payload: { ...target, ...outcome } });
          } catch (error) {
            totals.brandsFailed += 1;
            await engines.runs.recordEvent({
              runId,
              node: 'updateBrand',
              kind: 'soft_error',
              payload: {
                ...target,
                message: describeFailure(error, `learning update of brand ${target.brandId}`),
              },
            });
          }
          walk = await engines.learning.walk.advance(window, target.brandId);
        }
      }
    } catch (error) {
      await failRun(ctx, runId, error);
      throw error;
    }
    const complete = walk.completedAt !== null;
    const result = LearningRunResult.parse({ runId, ...window, ...totals, complete, resumeAfter: complete ? null : walk.lastBrandId });
    await engines.runs.recordEvent({ runId, node: 'runGlobal', kind: 'output', payload: result });
    await engines.runs.finishRun({ runId, status: totals.brandsFailed > 0 ? 'succeeded_with_warnings' : 'succeeded' });
    return result;
  },
};

/** One brand's window update: its own flow run, one transaction, the learning graph inside it. */
async function updateBrand(
  ctx: SystemContext,
  { tenantId, brandId }: BrandScope,
  window: LearningWindow,
  input: { windowDays: number; trigger: LearningTrigger; parentRunId?: string },
  userId: string | null = null,
): Promise<BrandOutcome> {
  const runId = await ctx.engines.runs.startRun(
    { tenantId, brandId },
    { flow: 'f3_learning', input: { ...input, ...window }, createdByUserId: userId },
  );
  logger.info({ flow: 'f3_learning', runId, tenantId, brandId, ...input }, 'run started');
  let state: LearningState;
  try {
    state = await ctx.transaction((engines) => learningGraph.invoke({ tenantId, brandId, window, runId }, { configurable: { engines } }));
  } catch (error) {
    await failRun(ctx, runId, error);
    throw error;
  }
  const outcome: BrandOutcome = {
    runId,
    skipped: state.claim.alreadyDone,
    variantsScored: state.variants?.summaries.filter((s) => s.engagementRate !== null).length ?? 0,
    patternsUpdated: state.patterns?.updates.length ?? 0,
    opportunitiesRescored: state.opportunities?.updates.length ?? 0,
    learningEventsWritten:
      (state.variants?.learningEventsWritten ?? 0) +
      (state.patterns?.learningEventsWritten ?? 0) +
      (state.opportunities?.learningEventsWritten ?? 0),
  };
  await ctx.engines.runs.recordEvent({ runId, node: 'learningUpdate', kind: 'output', payload: outcome });
  await ctx.engines.runs.finishRun({ runId, status: 'succeeded' });
  return outcome;
}

/** The transaction rolled back, taking its step events with it; the run keeps why. */
async function failRun(ctx: SystemContext, runId: string, error: unknown): Promise<void> {
  const message = describeFailure(error, `learning run ${runId}`);
  await retryWhileDatabaseUnavailable(async () => {
    await ctx.engines.runs.recordEvent({ runId, node: 'learningUpdate', kind: 'hard_error', payload: { message } });
    await ctx.engines.runs.finishRun({ runId, status: 'failed', error: message });
  });
}
