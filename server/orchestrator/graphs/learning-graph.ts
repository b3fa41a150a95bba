import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { Engines } from '../../../engines';
import type {
  DecisionWeightResult,
  OpportunityScoreResult,
  PatternPerformanceResult,
  VariantPerformanceResult,
  WindowClaim,
} from '../../../engines/learning/dto';
import type { LearningWindow } from '../../../engines/learning/window';
import { type RunConfig, runDeps } from './run-config';

const LearningState = Annotation.Root({
  tenantId: Annotation<string>(),
  brandId: Annotation<string>(),
  window: Annotation<LearningWindow>(),
  runId: Annotation<string>(),
  /** A preview computes every step even over evidence already learned from; its transaction is rolled back. */
  preview: Annotation<boolean>(),
  claim: Annotation<WindowClaim>(),
  variants: Annotation<VariantPerformanceResult>(),
  patterns: Annotation<PatternPerformanceResult>(),
  opportunities: Annotation<OpportunityScoreResult>(),
  decisionWeights: Annotation<DecisionWeightResult>(),
  /** What each step changed, in order, for the flow to record on the run in one write before its transaction commits. */
  steps: Annotation<LearningStep[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
});
export type LearningState = typeof LearningState.State;

/** The engines of the brand's transaction, which the flow hands the run as `configurable`. */
const LearningDeps = Annotation.Root({ engines: Annotation<Engines>() });
type Config = RunConfig<typeof LearningDeps.State>;

export interface LearningStep {
  node: string;
  kind: 'engine_mutation';
  payload: unknown;
}

/**
 * What a step changed, as every step of the graph reports it. The steps' events are written together
 * at the end: inside the brand's transaction they are invisible until it commits and go with it on a
 * rollback, so writing each as its step ends showed nothing sooner and cost a round trip per step.
 */
const step = (node: string, payload: unknown): { steps: LearningStep[] } => ({ steps: [{ node, kind: 'engine_mutation', payload }] });

async function claimWindow(state: LearningState, config: Config) {
  const claim = await runDeps(config).engines.learning.update.claimWindow(state, state.window);
  return { claim, ...step('claimWindow', claim) };
}

async function scoreVariants(state: LearningState, config: Config) {
  const variants = await runDeps(config).engines.learning.update.recordVariantPerformanceSummaries(state, state.window);
  return {
    variants,
    ...step('scoreVariants', {
      learningEventsWritten: variants.learningEventsWritten,
      summaries: variants.summaries.map((v) => ({ variantId: v.variantId, channel: v.channel, engagementScore: v.engagementScore })),
    }),
  };
}

async function updatePatterns(state: LearningState, config: Config) {
  const patterns = await runDeps(config).engines.learning.update.updatePatternPerformanceFromEvents(state, state.window);
  return { patterns, ...step('updatePatterns', patterns) };
}

async function rescoreOpportunities(state: LearningState, config: Config) {
  const opportunities = await runDeps(config).engines.learning.update.updateOpportunityScoresFromEvents(state, state.window);
  return { opportunities, ...step('rescoreOpportunities', opportunities) };
}

async function weighDecisions(state: LearningState, config: Config) {
  const decisionWeights = await runDeps(config).engines.learning.update.updateDecisionWeightsFromDecisions(state, state.window);
  return { decisionWeights, ...step('weighDecisions', decisionWeights) };
}

async function completeWindow(state: LearningState, config: Config) {
  const { fingerprint } = state.claim;
  await runDeps(config).engines.learning.update.completeWindow(state, { window: state.window, fingerprint, runId: state.runId });
  return step('completeWindow', { fingerprint });
}

/**
 * F3 for one brand and window: claim the window (the brand's lock; skip when a run already covered
 * the same evidence) → variant performance → pattern performance → opportunity scores → decision
 * weights → mark the window complete. Run over engines bound to one transaction, so the brand's update
 * lands whole. Every step reports what it changed (`steps`), which the flow records on the run. A preview (learning-update.ts) runs every
 * step whatever the claim says and stops before marking the window, since its transaction is rolled back.
 */
export const learningGraph = new StateGraph(LearningState, LearningDeps)
  .addNode('claimWindow', claimWindow)
  .addNode('scoreVariants', scoreVariants)
  .addNode('updatePatterns', updatePatterns)
  .addNode('rescoreOpportunities', rescoreOpportunities)
  .addNode('weighDecisions', weighDecisions)
  .addNode('completeWindow', completeWindow)
  .addEdge(START, 'claimWindow')
  .addConditionalEdges('claimWindow', (state: LearningState) => (state.claim.alreadyDone && !state.preview ? END : 'scoreVariants'), [
    'scoreVariants',
    END,
  ])
  .addEdge('scoreVariants', 'updatePatterns')
  .addEdge('updatePatterns', 'rescoreOpportunities')
  .addEdge('rescoreOpportunities', 'weighDecisions')
  .addConditionalEdges('weighDecisions', (state: LearningState) => (state.preview ? END : 'completeWindow'), ['completeWindow', END])
  .addEdge('completeWindow', END)
  .compile();
