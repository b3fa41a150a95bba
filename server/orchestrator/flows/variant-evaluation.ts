import type { VariantDTO } from '../../../engines/content/dto';
import { VariantRef } from '../../../engines/content/dto';
import { scoreDraft } from '../../../engines/content/rubric';
import { deterministicNotes } from '../../../engines/content/rubric/engine';
import { BrandScope } from '../../../engines/scope';
import type { SystemContext } from '../context';
import { DraftJudgeInput, draftJudgeNode, judgedScore, judgementNotes } from '../llm/nodes/draft-judge';
import { Deadline } from './deadline';
import { FlowRunAudit } from './run-audit';

/** One judge call and its retry; the deterministic part needs no budget. */
export const EVALUATION_BUDGET_MS = 60_000;

export interface EvaluationOptions {
  userId?: string | null;
  llmTimeoutMs?: number;
}

const clipThesis = (coreArgument: string | null, keyPoints: string[]) => ({
  coreArgument: (coreArgument ?? '').slice(0, 2_000),
  keyPoints: keyPoints.slice(0, 10).map((point) => point.slice(0, 500)),
});

/**
 * variants.evaluate: the draft rubric on one variant, recorded as a `variant_evaluation` run. The
 * deterministic checks always run; an invalid draft scores 0 and the judge is not asked. A valid one
 * goes to the judge node (the four 0–3 dimensions, each with its reason; offline, a heuristic that
 * says so): eval_score is the judge's round(100 × sum / 12). When the judge fails (a soft node), the
 * deterministic score is stored and the notes say the judge was not heard.
 */
export const VariantEvaluationOrchestrator = {
  async evaluate(ctx: SystemContext, brand: BrandScope, input: VariantRef, options: EvaluationOptions = {}): Promise<VariantDTO> {
    const scope = BrandScope.parse(brand);
    const { variantId } = VariantRef.parse(input);
    // Another tenant's variant is NOT_FOUND before anything is recorded.
    const { variant, rules, thesis } = await ctx.engines.rubric.draftContext(scope, { variantId });
    const audit = await FlowRunAudit.start(
      ctx.engines.runs,
      scope,
      'variant_evaluation',
      { variantId },
      options.userId ?? null,
      EVALUATION_BUDGET_MS,
    );
    return audit.failOnError(async () => {
      const scored = scoreDraft(variant.text, rules);
      await audit.step('checks', { valid: scored.valid, score: scored.score, checks: scored.checks, hardFailures: scored.hardFailures });
      let evalScore = scored.score;
      const notes = [deterministicNotes(scored)];
      let degraded = false;
      if (scored.valid) {
        const judgeInput = DraftJudgeInput.parse({
          channel: variant.channel,
          text: variant.text,
          thesis: clipThesis(thesis.coreArgument, thesis.keyPoints),
          checks: scored.checks,
        });
        const judged = await draftJudgeNode.run(ctx.models, judgeInput, {
          timeoutMs: options.llmTimeoutMs,
          deadline: new Deadline(EVALUATION_BUDGET_MS),
        });
        await audit.llm('draft_judge', judged);
        if (judged.ok) {
          evalScore = judgedScore(judged.output);
          notes.unshift(...judgementNotes(judged.output));
        } else {
          degraded = true;
          notes.push(`Judge not heard (${judged.error.slice(0, 200)}); the score is the deterministic checks'.`);
          await audit.softError('draft_judge', { message: judged.error });
        }
      }
      const stored = await ctx.engines.rubric.recordEvaluation(scope, {
        variantId,
        evalScore,
        evalNotes: notes.join('\n').slice(0, 4_000),
      });
      await audit.mutation('recordEvaluation', { variantId, evalScore });
      await audit.finish({ variantId, evalScore }, degraded);
      return stored;
    });
  },
};
