import type { Engines } from '../../../engines';
import type { DecisionWeight } from '../../../engines/learning/dto';
import type { LearningWindow } from '../../../engines/learning/window';
import type { BrandScope } from '../../../engines/scope';
import { CRON_LEARNING_WINDOW_DAYS } from '../../../lib/learning-window';
import type { SystemContext } from '../context';
import { type LearningState, learningGraph } from '../graphs/learning-graph';
import { LearningRunResult, type LearningTrigger } from '../views/learning-run-result';
import { describeFailure } from './failure-description';
import { FlowRunAudit } from './run-audit';

export const DEFAULT_LEARNING_WINDOW_DAYS = CRON_LEARNING_WINDOW_DAYS;
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
  preview: boolean;
  variantsScored: number;
  patternsUpdated: number;
  opportunitiesRescored: number;
  adjustmentsFaded: number;
  decisionWeights: DecisionWeight[];
  learningEventsWritten: number;
}

/**
 * F3 — learning from how published posts performed and what the team decided. Each brand's update
 * runs in one transaction under the brand's lock (learning-graph.ts), so concurrent runs do the work
 * once and an interrupted run leaves the brand as it was; re-running a window over the same evidence
 * changes nothing.
 *
 * The cron learns over DEFAULT_LEARNING_WINDOW_DAYS. Learned adjustments come from a window's
 * evidence alone and fade as it leaves (learning-update.ts in the engine), so an admin's stored run
 * over another window would replace the cron's adjustments with ones the next cron run takes back.
 * An admin run (`learning.run`) over another window is therefore a preview (`isPreview`): it
 * computes every step exactly as a stored run would, inside a transaction that is then rolled back,
 * records a run with what it found, and stores no learning. An admin run over the cron's window is
 * a stored run like the cron's own. Scripts and tests (trigger `script`) name their window on purpose
 * and store it.
 */
export const LearningUpdateOrchestrator = {
  async runForBrand(ctx: SystemContext, scope: BrandScope, input: BrandRunInput = {}): Promise<LearningRunResult> {
    const windowDays = input.windowDays ?? DEFAULT_LEARNING_WINDOW_DAYS;
    const window = ctx.engines.learning.windowFor(windowDays);
    const trigger = input.trigger ?? 'script';
    const preview = isPreview(trigger, windowDays);
    const outcome = await updateBrand(ctx, scope, window, { windowDays, trigger, preview }, input.userId);
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
    const audit = await FlowRunAudit.start(
      engines.runs,
      null,
      'f3_learning',
      { windowDays, ...window, scope: 'global', walk },
      null,
      options.timeBudgetMs,
    );
    const totals = {
      brandsProcessed: 0,
      skipped: 0,
      brandsFailed: 0,
      variantsScored: 0,
      patternsUpdated: 0,
      opportunitiesRescored: 0,
      adjustmentsFaded: 0,
      learningEventsWritten: 0,
    };
    await audit.failOnError(async () => {
      brands: while (walk.completedAt === null) {
        const targets = await engines.learning.walk.nextTargets(walk, options.batchSize ?? BRANDS_PER_BATCH);
        if (targets.length === 0) {
          walk = await engines.learning.walk.endPass(window);
          continue;
        }
        for (const target of targets) {
          if (options.timeBudgetMs !== undefined && Date.now() - startedAt >= options.timeBudgetMs) break brands;
          try {
            const outcome = await updateBrand(ctx, target, window, {
              windowDays,
              trigger: 'cron',
              preview: false,
              parentRunId: audit.runId,
            });
            totals.brandsProcessed += 1;
            if (outcome.skipped) totals.skipped += 1;
            totals.variantsScored += outcome.variantsScored;
            totals.patternsUpdated += outcome.patternsUpdated;
            totals.opportunitiesRescored += outcome.opportunitiesRescored;
            totals.adjustmentsFaded += outcome.adjustmentsFaded;
            totals.learningEventsWritten += outcome.learningEventsWritten;
            const { decisionWeights, ...figures } = outcome;
            await audit.step('updateBrand', { ...target, ...figures, decisionWeightsSet: decisionWeights.length });
          } catch (error) {
            totals.brandsFailed += 1;
            await audit.softError('updateBrand', {
              ...target,
              message: describeFailure(error, `learning update of brand ${target.brandId}`),
            });
          }
          walk = await engines.learning.walk.advance(window, target.brandId);
        }
      }
    });
    const complete = walk.completedAt !== null;
    const result = LearningRunResult.parse({
      runId: audit.runId,
      ...window,
      ...totals,
      preview: false,
      decisionWeights: [],
      complete,
      resumeAfter: complete ? null : walk.lastBrandId,
    });
    await audit.finish(result, totals.brandsFailed > 0);
    return result;
  },
};

/** An admin's run over another window than the cron's previews instead of storing (see above). */
export function isPreview(trigger: LearningTrigger, windowDays: number): boolean {
  return trigger === 'admin' && windowDays !== DEFAULT_LEARNING_WINDOW_DAYS;
}

/**
 * One brand's window update: its own flow run, one transaction, the learning graph inside it. A
 * preview's transaction is rolled back once the graph has run, so it stores nothing (its step events
 * go with it; the run's output keeps what it found).
 */
async function updateBrand(
  ctx: SystemContext,
  { tenantId, brandId }: BrandScope,
  window: LearningWindow,
  input: { windowDays: number; trigger: LearningTrigger; preview: boolean; parentRunId?: string },
  userId: string | null = null,
): Promise<BrandOutcome> {
  const scope = { tenantId, brandId };
  const audit = await FlowRunAudit.start(ctx.engines.runs, scope, 'f3_learning', { ...input, ...window }, userId);
  // The transaction rolls back with its step events on a failure; the run keeps why.
  const state = await audit.failOnError(async () => {
    const initial = { ...scope, window, runId: audit.runId, preview: input.preview };
    // The graph's steps are recorded on the run in the brand's transaction, so they land (or go) with it.
    const learn = async (engines: Engines) => {
      const learned = await learningGraph.invoke(initial, { configurable: { engines } });
      await engines.runs.recordEvents({ runId: audit.runId, events: learned.steps });
      return learned;
    };
    if (!input.preview) return ctx.transaction(learn);
    let previewed: LearningState | undefined;
    try {
      await ctx.transaction(async (engines) => {
        previewed = await learn(engines);
        throw new PreviewRollback();
      });
    } catch (error) {
      // Only the rollback itself comes after the graph finished; anything else is the run's failure.
      if (previewed === undefined) throw error;
    }
    return previewed!;
  });
  const outcome: BrandOutcome = {
    runId: audit.runId,
    skipped: state.claim.alreadyDone && !input.preview,
    preview: input.preview,
    variantsScored: state.variants?.summaries.filter((s) => s.engagementRate !== null).length ?? 0,
    patternsUpdated: (state.patterns?.updates.length ?? 0) + (state.patterns?.faded.length ?? 0),
    opportunitiesRescored: state.opportunities?.updates.length ?? 0,
    adjustmentsFaded: state.opportunities?.faded.length ?? 0,
    decisionWeights: state.decisionWeights?.updates.filter((w) => w.weight !== 0 && w.name !== null) ?? [],
    learningEventsWritten: input.preview
      ? 0
      : (state.variants?.learningEventsWritten ?? 0) +
        (state.patterns?.learningEventsWritten ?? 0) +
        (state.opportunities?.learningEventsWritten ?? 0) +
        (state.decisionWeights?.learningEventsWritten ?? 0),
  };
  await audit.finish(outcome, false);
  return outcome;
}

/** Thrown inside a preview's transaction to roll it back; never leaves updateBrand. */
class PreviewRollback extends Error {
  constructor() {
    super('A learning preview stores nothing: its transaction is rolled back');
  }
}
