import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { z } from 'zod';
import type { ProposeStrategyDraftInput, StrategyDraft } from '../../../engines/brand-brain/strategy-dto';
import type { SystemContext } from '../context';
import type { Deadline } from '../flows/deadline';
import type { FlowRunAudit } from '../flows/run-audit';
import { ModelUnavailableError } from '../llm/errors';
import { strategyDraftNode } from '../llm/nodes/strategy-draft';
import { type RunConfig, runDeps } from './run-config';

const StrategyState = Annotation.Root({
  tenantId: Annotation<string>(),
  brandId: Annotation<string>(),
  request: Annotation<z.infer<typeof ProposeStrategyDraftInput>>(),
  draft: Annotation<StrategyDraft>(),
  /** The label of the model that wrote the draft (the offline one included). */
  model: Annotation<string>(),
});
type StrategyState = typeof StrategyState.State;

/** F0's run: the system context, the audit the model output is recorded on, and its time limits. */
const StrategyDeps = Annotation.Root({
  ctx: Annotation<SystemContext>(),
  audit: Annotation<FlowRunAudit>(),
  deadline: Annotation<Deadline>(),
  llmTimeoutMs: Annotation<number | undefined>(),
});
type Config = RunConfig<typeof StrategyDeps.State>;

async function draftStrategy(state: StrategyState, config: Config) {
  const { ctx, audit, deadline, llmTimeoutMs } = runDeps(config);
  const result = await strategyDraftNode.run(ctx.models, state.request, { deadline, timeoutMs: llmTimeoutMs });
  await audit.llm('strategy_draft', result);
  // The draft is the flow's whole answer: without one there is nothing to review.
  if (!result.ok) throw new ModelUnavailableError('strategy draft', result.error);
  return { draft: result.output, model: result.model };
}

/**
 * F0: the answers and examples → one strategist node → a draft that meets the strategy invariants (the
 * node's output schema holds them). Reads nothing and writes nothing but the run's audit: the person
 * reviews the draft and accepting it is a separate call.
 */
export const strategyGraph = new StateGraph(StrategyState, StrategyDeps)
  .addNode('draft_strategy', draftStrategy)
  .addEdge(START, 'draft_strategy')
  .addEdge('draft_strategy', END)
  .compile();
