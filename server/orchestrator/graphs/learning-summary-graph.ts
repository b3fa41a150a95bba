import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { LearningInsights } from '../../../engines/learning/dto';
import type { SystemContext } from '../context';
import { fallbackLearningSummary, type LearningSummaryInput, learningSummaryNode } from '../llm/nodes/learning-summary';
import type { LearningSummaryView } from '../views/learning-summary-view';

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

/** F3.1: aggregate the window (engines, read only) → one summarizer node, falling back on failure. No writes. */
export function buildLearningSummaryGraph(ctx: SystemContext) {
  const { engines } = ctx;
  return new StateGraph(SummaryState)
    .addNode('aggregate', async (s: SummaryState) => {
      const window = engines.learning.windowFor(s.windowDays);
      const [brand, insights] = await Promise.all([
        engines.brandBrain.getBrandSummary(s.tenantId, s.brandId),
        engines.learning.insights.getInsights(s, window),
      ]);
      return { input: summaryInput(brand.name, s.windowDays, insights) };
    })
    .addNode('summarize', async (s: SummaryState) => {
      const result = await learningSummaryNode.run(ctx.models, s.input);
      // The summary is a reading aid over figures the page already shows: a model failure degrades to
      // the deterministic summary instead of failing the page.
      if (result.ok) {
        return { view: { summary: result.output.summary, source: 'model', model: result.model, windowDays: s.windowDays } satisfies LearningSummaryView };
      }
      return { view: { summary: fallbackLearningSummary(s.input), source: 'fallback', model: null, windowDays: s.windowDays } satisfies LearningSummaryView };
    })
    .addEdge(START, 'aggregate')
    .addEdge('aggregate', 'summarize')
    .addEdge('summarize', END)
    .compile();
}

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
      .map((p) => ({ name: p.name.slice(0, 80), avgEngagementScore: p.avgEngagementScore, variantsInWindow: p.variantsInWindow, trend: p.trend })),
    pillars: insights.pillars
      .slice(0, MAX_PILLARS)
      .map((p) => ({ name: p.name.slice(0, 80), sharePercent: p.sharePercent, avgEngagementScore: p.avgEngagementScore })),
    channels: [...byChannel.entries()].slice(0, 6).map(([channel, sum]) => ({
      channel: channel as LearningSummaryInput['channels'][number]['channel'],
      ratePer100: sum.impressions > 0 ? Math.round((10_000 * sum.interactions) / sum.impressions) / 100 : null,
    })),
  };
}
