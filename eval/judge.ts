// The rubric's judge on the eval's drafts: the same node the product's variants.evaluate asks
// (server/orchestrator/llm/nodes/draft-judge.ts), called directly so the eval stores nothing.
import { activeText } from '../engines/content/dto';
import { scoreDraft } from '../engines/content/rubric';
import { Deadline } from '../server/orchestrator/flows/deadline';
import type { ModelRegistry } from '../server/orchestrator/llm/model-registry';
import { DraftJudgeInput, draftJudgeNode, judgedScore } from '../server/orchestrator/llm/nodes/draft-judge';
import type { BuiltPackage, Judgement } from './score-build';

/** One judge call and its retry, as variants.evaluate allows. */
const JUDGE_BUDGET_MS = 60_000;

/**
 * The judge's verdict on each valid draft of the package, by variant id. Invalid drafts are not sent,
 * as in the product: the rubric scores them 0 whatever a judge would say.
 */
export async function judgeDrafts(models: ModelRegistry, view: BuiltPackage, taboos: readonly string[]): Promise<Map<string, Judgement>> {
  const { package: pkg } = view;
  const thesis = {
    coreArgument: (pkg.coreArgument ?? '').slice(0, 2_000),
    keyPoints: pkg.keyPoints.slice(0, 10).map((point) => point.slice(0, 500)),
  };
  const judgements = new Map<string, Judgement>();
  for (const variant of pkg.channels.flatMap((channel) => view.variantsByChannel[channel] ?? [])) {
    const text = activeText(variant);
    const scored = scoreDraft(text, { channel: variant.channel, taboos });
    if (!scored.valid) continue;
    const input = DraftJudgeInput.parse({ channel: variant.channel, text, thesis, checks: scored.checks });
    const judged = await draftJudgeNode.run(models, input, { deadline: new Deadline(JUDGE_BUDGET_MS) });
    judgements.set(variant.id, judged.ok ? { score: judgedScore(judged.output) } : { error: judged.error.slice(0, 200) });
  }
  return judgements;
}
