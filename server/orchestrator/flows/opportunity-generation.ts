import { ConflictError } from '../../../engines/errors';
import { GenerateOpportunitiesInput, GenerationRunResult } from '../../../engines/opportunities/generation/dto';
import { BrandScope } from '../../../engines/scope';
import { HOUR_MS } from '../../../lib/dates';
import type { SystemContext } from '../context';
import { generationGraph } from '../graphs/generation-graph';
import type { LearnedWeights } from '../llm/nodes/generation-context';
import { clip } from '../llm/nodes/package-context';
import { Deadline } from './deadline';
import { FlowRunAudit } from './run-audit';

/** One model call and its retry against a slow model, plus the landing. */
export const GENERATION_BUDGET_MS = 150_000;

export interface GenerationOptions {
  /** Per model call; defaults to the node's own timeout, cut to what is left of the budget. */
  llmTimeoutMs?: number;
  /** Who asked: a person (their id) or the daily cron (null). */
  userId?: string | null;
  trigger?: 'person' | 'cron';
  /** The run's time budget, when less than GENERATION_BUDGET_MS is left (the cron's walk). */
  budgetMs?: number;
}

/** The daily generation: a brand is due again 20 hours after its last run started. */
export const DAILY_GENERATION_AFTER_MS = 20 * HOUR_MS;
/** The walk starts a brand only with this much of its budget left: a model call and the landing. */
const MIN_BRAND_BUDGET_MS = 30_000;

export interface DueGenerationReport {
  generated: { brandId: string; runId: string; landed: number; boardClass: string }[];
  /** Brands the walk passed over, with why (a strategy not calibrated yet, a failed run). */
  skipped: { brandId: string; reason: string }[];
  /** Due brands left for the next call: the time budget ran out first. */
  leftOver: number;
}

/** The brand's learned decision weights (pillar, persona, channel) for the model's context. */
export async function learnedWeightsFor(ctx: SystemContext, scope: BrandScope): Promise<LearnedWeights> {
  const { pillars, personas, channels } = await ctx.engines.learning.insights.getDecisionWeights(scope);
  return { pillars, personas, channels };
}

/**
 * Opportunity generation: the brand's strategy, board, learned weights and newest unused signals →
 * 10–20 proposed ideas scored on the rubric → the engine lands those that pass its rules and marks
 * the signals used → the board's class. Recorded as an `opportunity_generation` run (input, the
 * model's output, the landed and dropped ideas with reasons, the result). A brand whose strategy is
 * not calibrated is refused (CONFLICT): pillars, personas and taboos are what the rules check against.
 * With no signals the model proposes evergreen ideas from the strategy, so a new brand still gets a
 * board. The same idempotency key answers with the first successful run's result.
 */
export const OpportunityGenerationOrchestrator = {
  async generate(
    ctx: SystemContext,
    brand: BrandScope,
    input: GenerateOpportunitiesInput,
    options: GenerationOptions = {},
  ): Promise<GenerationRunResult> {
    const scope = BrandScope.parse(brand);
    const { idempotencyKey } = GenerateOpportunitiesInput.parse(input);
    // Another tenant's brand is NOT_FOUND before anything is recorded for it.
    const calibration = await ctx.engines.strategy.calibration(scope);
    if (idempotencyKey) {
      const earlier = await earlierResult(ctx, scope, idempotencyKey);
      if (earlier) return earlier;
    }
    if (!calibration.calibrated) {
      throw new ConflictError(`Calibrate the strategy first: ${calibration.missing.join('; ')}`);
    }
    const budgetMs = Math.min(options.budgetMs ?? GENERATION_BUDGET_MS, GENERATION_BUDGET_MS);
    const audit = await FlowRunAudit.start(
      ctx.engines.runs,
      scope,
      'opportunity_generation',
      { idempotencyKey: idempotencyKey ?? null, trigger: options.trigger ?? 'person' },
      options.userId ?? null,
      budgetMs,
    );
    const deadline = new Deadline(budgetMs);
    const weights = await learnedWeightsFor(ctx, scope);
    const state = await audit.failOnError(() =>
      generationGraph.invoke(
        { ...scope, runId: audit.runId },
        { configurable: { ctx, audit, deadline, weights, llmTimeoutMs: options.llmTimeoutMs } },
      ),
    );
    const { landing } = state;
    const result = GenerationRunResult.parse({
      runId: audit.runId,
      proposed: state.candidates.length,
      landed: landing.landed.length,
      dropped: landing.dropped.length,
      boardClass: landing.boardClass,
      // Clipped so the recorded result stays inline (under the runs engine's 8 KB) for the key's replay.
      droppedIdeas: landing.dropped.map((idea) => ({ ...idea, title: clip(idea.title, 80), reason: clip(idea.reason, 160) })),
      model: state.model,
    });
    await audit.finish(result, false);
    return result;
  },

  /**
   * The daily cron's walk: each brand that follows a feed and has not had a generation in 20 hours,
   * longest waiting first, while `budgetMs` lasts. Generated brands have a fresh run, so the next call
   * resumes with the rest. A brand whose strategy is not calibrated, or whose run fails, is passed
   * over with the reason; the walk goes on.
   */
  async generateForDueBrands(ctx: SystemContext, input: { budgetMs: number; now?: Date }): Promise<DueGenerationReport> {
    const startedAt = Date.now();
    const now = input.now ?? new Date();
    const due = await ctx.engines.opportunities.brandsDueForGeneration({
      olderThan: new Date(now.getTime() - DAILY_GENERATION_AFTER_MS),
      limit: 500,
    });
    const report: DueGenerationReport = { generated: [], skipped: [], leftOver: 0 };
    for (const [index, scope] of due.entries()) {
      const left = input.budgetMs - (Date.now() - startedAt);
      if (left < MIN_BRAND_BUDGET_MS) {
        report.leftOver = due.length - index;
        break;
      }
      try {
        const result = await OpportunityGenerationOrchestrator.generate(ctx, scope, {}, { trigger: 'cron', budgetMs: left });
        report.generated.push({ brandId: scope.brandId, runId: result.runId, landed: result.landed, boardClass: result.boardClass.class });
      } catch (error) {
        // One brand's refusal or failure (recorded on its run when it started one) stops no other brand.
        report.skipped.push({ brandId: scope.brandId, reason: error instanceof Error ? error.message.slice(0, 300) : String(error) });
      }
    }
    return report;
  },

  /** The class of the brand's board after its latest successful generation run; null before any. */
  async latestResult(ctx: SystemContext, brand: BrandScope): Promise<GenerationRunResult | null> {
    const scope = BrandScope.parse(brand);
    const runs = await ctx.engines.runs.listRuns(scope, { flow: 'opportunity_generation', limit: 10 });
    for (const run of runs) {
      const result = recordedResult(run.status, run.events);
      if (result) return result;
    }
    return null;
  },
};

type RunEvents = Awaited<ReturnType<SystemContext['engines']['runs']['listRuns']>>[number]['events'];

function recordedResult(status: string, events: RunEvents): GenerationRunResult | null {
  if (status !== 'succeeded' && status !== 'succeeded_with_warnings') return null;
  const output = events.find((event) => event.node === 'flow' && event.kind === 'output');
  const parsed = GenerationRunResult.safeParse(output?.payload);
  return parsed.success ? parsed.data : null;
}

/** The first successful run's result for the key; CONFLICT while a run with the key is still going. */
async function earlierResult(ctx: SystemContext, scope: BrandScope, idempotencyKey: string): Promise<GenerationRunResult | null> {
  const runs = await ctx.engines.runs.buildRunsForKey(scope, { idempotencyKey, flow: 'opportunity_generation' });
  for (const run of runs) {
    const result = recordedResult(run.status, run.events);
    if (result) return result;
  }
  if (runs.some((run) => run.status === 'running')) {
    throw new ConflictError('A generation with this idempotency key is still running: wait for it and ask again');
  }
  return null;
}
