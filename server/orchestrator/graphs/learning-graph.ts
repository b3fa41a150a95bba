import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { OpportunityScoreResult, PatternPerformanceResult, VariantPerformanceResult, WindowClaim } from '../../../engines/learning/dto';
import type { LearningWindow } from '../../../engines/learning/window';
import type { Engines } from '../context';

const LearningState = Annotation.Root({
  tenantId: Annotation<string>(),
  brandId: Annotation<string>(),
  window: Annotation<LearningWindow>(),
  runId: Annotation<string>(),
  claim: Annotation<WindowClaim>(),
  variants: Annotation<VariantPerformanceResult>(),
  patterns: Annotation<PatternPerformanceResult>(),
  opportunities: Annotation<OpportunityScoreResult>(),
});
export type LearningState = typeof LearningState.State;

/**
 * F3 for one brand and window: claim the window (the brand's lock; skip when a run already covered
 * the same evidence) → variant performance → pattern performance → opportunity scores → mark the
 * window complete. Built over engines bound to one transaction, so the brand's update lands whole.
 * Every step records what it changed on the run.
 */
export function buildLearningGraph(engines: Engines) {
  const { learning, runs } = engines;
  return new StateGraph(LearningState)
    .addNode('claimWindow', async (s: LearningState) => {
      const claim = await learning.update.claimWindow(s, s.window);
      await runs.recordEvent(s.runId, 'claimWindow', 'input', claim);
      return { claim };
    })
    .addNode('scoreVariants', async (s: LearningState) => {
      const variants = await learning.update.recordVariantPerformanceSummaries(s, s.window);
      await runs.recordEvent(s.runId, 'scoreVariants', 'engine_mutation', {
        learningEventsWritten: variants.learningEventsWritten,
        summaries: variants.summaries.map((v) => ({ variantId: v.variantId, channel: v.channel, engagementScore: v.engagementScore })),
      });
      return { variants };
    })
    .addNode('updatePatterns', async (s: LearningState) => {
      const patterns = await learning.update.updatePatternPerformanceFromEvents(s, s.window);
      await runs.recordEvent(s.runId, 'updatePatterns', 'engine_mutation', patterns);
      return { patterns };
    })
    .addNode('rescoreOpportunities', async (s: LearningState) => {
      const opportunities = await learning.update.updateOpportunityScoresFromEvents(s, s.window);
      await runs.recordEvent(s.runId, 'rescoreOpportunities', 'engine_mutation', opportunities);
      return { opportunities };
    })
    .addNode('completeWindow', async (s: LearningState) => {
      await learning.update.completeWindow(s, { window: s.window, fingerprint: s.claim.fingerprint, runId: s.runId });
      await runs.recordEvent(s.runId, 'completeWindow', 'engine_mutation', { fingerprint: s.claim.fingerprint });
      return {};
    })
    .addEdge(START, 'claimWindow')
    .addConditionalEdges('claimWindow', (s: LearningState) => (s.claim.alreadyDone ? END : 'scoreVariants'), ['scoreVariants', END])
    .addEdge('scoreVariants', 'updatePatterns')
    .addEdge('updatePatterns', 'rescoreOpportunities')
    .addEdge('rescoreOpportunities', 'completeWindow')
    .addEdge('completeWindow', END)
    .compile();
}
