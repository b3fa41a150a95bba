import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { LearningInsights } from '../../../engines/learning/dto';
import type { SystemContext } from '../context';
import type { FlowRunAudit } from '../flows/run-audit';
import { fallbackLearningSummary, type LearningSummaryInput, learningSummaryNode } from '../llm/nodes/learning-summary';
import type { LearningSummaryView } from '../views/learning-summary-view';
import { type RunConfig, runDeps } from './run-config';

const SummaryState = Annotation.Root({
  tenantId: Annotation<string>(),
  brandId: Annotation<string>(),
  windowDays: Annotation<number>(),
  input: Annotation<LearningSummaryInput>(),
  view: Annotation<LearningSummaryView>(),
});
type SummaryState = typeof SummaryState.State;

const MAX_PATTERNS = 6;
const MAX_PILLARS = 8;

/** F3.1's run: the system context, and the audit its model output is recorded on. */
const SummaryDeps = Annotation.Root({ ctx: Annotation<SystemContext>(), audit: Annotation<FlowRunAudit>() });
type Config = RunConfig<typeof SummaryDeps.State>;

async function aggregate(state: SummaryState, config: Config) {
  const { engines } = runDeps(config).ctx;
  const window = engines.learning.windowFor(state.windowDays);
  const [brand, insights] = await Promise.all([
    engines.brandBrain.getBrandSummary(state),
    engines.learning.insights.getInsights(state, window),
  ]);
  return { input: summaryInput(brand.name, state.windowDays, insights) };
}

async function summarize(state: SummaryState, config: Config) {
  const { ctx, audit } = runDeps(config);
  const result = await learningSummaryNode.run(ctx.models, state.input);
  await audit.llm('summarize', result);
  // The summary is a reading aid over figures the page already shows: a model failure degrades to
  // the deterministic summary instead of failing the page.
  const view: LearningSummaryView = result.ok
    ? { summary: result.output.summary, source: 'model', model: result.model, windowDays: state.windowDays }
    : { summary: fallbackLearningSummary(state.input), source: 'fallback', model: null, windowDays: state.windowDays };
  return { view };
}

/** F3.1: aggregate the window (engines, read only) → one summarizer node, falling back on failure. */
export const learningSummaryGraph = new StateGraph(SummaryState, SummaryDeps)
  .addNode('aggregate', aggregate)
  .addNode('summarize', summarize)
  .addEdge(START, 'aggregate')
  .addEdge('aggregate', 'summarize')
  .addEdge('summarize', END)
  .compile();

export function summaryInput(brandName: string, windowDays: number, insights: LearningInsights): LearningSummaryInput {
  const byChannel = new Map<string, { impressions: number; interactions: number }>();
  for (const point of insights.engagement) {
    const sum = byChannel.get(point.channel) ?? { impressions: 0, interactions: 0 };
    sum.impressions += point.impressions;
    sum.interactions += point.interactions;
    byChannel.set(point.channel, sum);
  }
  return {
    brandName: brandName.slice(0, 120),
    windowDays,
    variantsScored: insights.variantsScored,
    patterns: insights.patterns
      .filter((p) => p.variantsInWindow > 0)
      .slice(0, MAX_PATTERNS)
      .map((p) => ({
        name: p.name.slice(0, 80),
        avgEngagementScore: p.avgEngagementScore,
        variantsInWindow: p.variantsInWindow,
        trend: p.trend,
      })),
    pillars: insights.pillars
      .slice(0, MAX_PILLARS)
      .map((p) => ({ name: p.name.slice(0, 80), sharePercent: p.sharePercent, avgEngagementScore: p.avgEngagementScore })),
    channels: [...byChannel.entries()].slice(0, 6).map(([channel, sum]) => ({
      channel: channel as LearningSummaryInput['channels'][number]['channel'],
      ratePer100: sum.impressions > 0 ? Math.round((10_000 * sum.interactions) / sum.impressions) / 100 : null,
    })),
  };
}
