import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { GenerationCandidate, LandCandidatesResult } from '../../../engines/opportunities/generation/dto';
import type { SystemContext } from '../context';
import type { Deadline } from '../flows/deadline';
import type { FlowRunAudit } from '../flows/run-audit';
import { ModelUnavailableError } from '../llm/errors';
import { boundGenerationContext, type GenerationContext, type LearnedWeights } from '../llm/nodes/generation-context';
import { type OpportunityCandidatesOutput, opportunityCandidatesNode } from '../llm/nodes/opportunity-candidates';
import { type RunConfig, runDeps } from './run-config';

const GenerationState = Annotation.Root({
  tenantId: Annotation<string>(),
  brandId: Annotation<string>(),
  runId: Annotation<string>(),
  context: Annotation<GenerationContext>(),
  candidates: Annotation<OpportunityCandidatesOutput['candidates']>(),
  /** The label of the model that proposed the candidates (the offline one included). */
  model: Annotation<string>(),
  landing: Annotation<LandCandidatesResult>(),
});
type GenerationState = typeof GenerationState.State;

/** One generation run: the system context, its audit, its time limits and the learned weights to use. */
const GenerationDeps = Annotation.Root({
  ctx: Annotation<SystemContext>(),
  audit: Annotation<FlowRunAudit>(),
  deadline: Annotation<Deadline>(),
  llmTimeoutMs: Annotation<number | undefined>(),
  weights: Annotation<LearnedWeights>(),
});
type Config = RunConfig<typeof GenerationDeps.State>;

async function loadContext(state: GenerationState, config: Config) {
  const { ctx, weights } = runDeps(config);
  const { engines } = ctx;
  const [strategy, board, signals] = await Promise.all([
    engines.brandBrain.getBrandStrategyView(state),
    engines.opportunities.generationBoard(state),
    engines.sources.listUnusedSignals(state, {}),
  ]);
  return { context: boundGenerationContext(strategy, board, signals, weights) };
}

async function proposeCandidates(state: GenerationState, config: Config) {
  const { ctx, audit, deadline, llmTimeoutMs } = runDeps(config);
  const result = await opportunityCandidatesNode.run(ctx.models, state.context, { deadline, timeoutMs: llmTimeoutMs });
  // The full answer (twenty ideas with five reasons each) is over the runs engine's 8 KB and would be
  // kept only as a hash; the record keeps each idea's title, placement and sub-scores instead, with
  // the model and its token usage. The landed ideas themselves carry their full text and reasons.
  await audit.llm(
    'propose_candidates',
    result.ok ? { ...result, output: { candidates: result.output.candidates.map(recordedCandidate) } } : result,
  );
  // Without candidates there is nothing to land: the run fails and the board stays as it was.
  if (!result.ok) throw new ModelUnavailableError('idea generation', result.error);
  return { candidates: result.output.candidates, model: result.model };
}

function recordedCandidate(candidate: GenerationCandidate) {
  const { title, type, pillar, persona, channels, signalIds, subScores } = candidate;
  const scores = Object.fromEntries(Object.entries(subScores).map(([key, sub]) => [key, sub.score]));
  return { title: title.slice(0, 120), type, pillar, persona, channels, signals: signalIds.length, subScores: scores };
}

/**
 * The engine lands what passes the rubric's rules and the signals shown to the model are marked used,
 * in one transaction: a run either both adds its ideas and uses up its signals, or neither.
 */
async function landCandidates(state: GenerationState, config: Config) {
  const { ctx, audit } = runDeps(config);
  const scope = { tenantId: state.tenantId, brandId: state.brandId };
  const signalIds = state.context.signals.map((signal) => signal.id);
  const { landing, marked } = await ctx.transaction(async (engines) => {
    const landing = await engines.opportunities.landCandidates(scope, { runId: state.runId, candidates: state.candidates });
    const marked = await engines.sources.markSignalsUsed(scope, { signalIds, runId: state.runId });
    return { landing, marked };
  });
  // Two events, so each stays small enough to be recorded as is rather than as a hash.
  await audit.mutation('land_candidates', { landed: landing.landed, replaced: landing.replaced, boardClass: landing.boardClass });
  await audit.mutation('drop_candidates', { dropped: landing.dropped });
  await audit.mutation('mark_signals_used', { signalIds: marked.markedIds });
  return { landing };
}

/**
 * Opportunity generation: strategy, board, learned weights and the newest unused signals (engines
 * only, bounded) → one idea-generator node → the engine's rubric rules land the candidates and mark
 * the signals used → the board's class.
 */
export const generationGraph = new StateGraph(GenerationState, GenerationDeps)
  .addNode('load_context', loadContext)
  .addNode('propose_candidates', proposeCandidates)
  .addNode('land_candidates', landCandidates)
  .addEdge(START, 'load_context')
  .addEdge('load_context', 'propose_candidates')
  .addEdge('propose_candidates', 'land_candidates')
  .addEdge('land_candidates', END)
  .compile();
