import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { BrandStrategyView, BrandSummary } from '../../../engines/brand-brain/dto';
import { NotFoundError } from '../../../engines/errors';
import type { BoardFilter, OpportunityDTO, TodayBoard } from '../../../engines/opportunities/dto';
import type { SystemContext } from '../context';
import { fallbackTodaySummary, type TodaySummaryInput, todaySummaryNode } from '../llm/nodes/today-summary';
import { chooseTodayFocus } from '../policies/today-focus';
import type { TodayBoardView, TodayFocusSummary } from '../views/today-board-view';

/** How many recent packages the focus policy looks at to tell which pillar was neglected. */
const RECENT_PACKAGES = 10;

const TodayState = Annotation.Root({
  tenantId: Annotation<string>(),
  brandId: Annotation<string>(),
  limit: Annotation<number>(),
  filter: Annotation<BoardFilter>(),
  board: Annotation<TodayBoard>(),
  /** The filtered page; null when no filter is set and the board's own page is the list. */
  filteredPage: Annotation<OpportunityDTO[] | null>(),
  strategy: Annotation<BrandStrategyView>(),
  brand: Annotation<BrandSummary>(),
  recentPackagePillarIds: Annotation<(string | null)[]>(),
  view: Annotation<TodayBoardView>(),
  summary: Annotation<TodayFocusSummary>(),
});
type TodayState = typeof TodayState.State;

const hasFilter = (filter: BoardFilter) => !!(filter.pillarId || filter.personaId || filter.channel);

/**
 * F1: the reads run in parallel, then the deterministic focus policy, then assembly. The focus is
 * chosen on the whole board, so narrowing the list by a filter never moves it. With `summarize`, F1.1
 * adds the one summarizer node after assembly. No node writes.
 */
export function buildTodayGraph(ctx: SystemContext, options: { summarize: boolean }) {
  const { engines } = ctx;
  const graph = new StateGraph(TodayState)
    .addNode('loadBoard', async (s: TodayState) => ({
      board: await engines.opportunities.getTodayBoard(s.tenantId, s.brandId, { limit: s.limit }),
    }))
    .addNode('loadFilteredPage', async (s: TodayState) => ({
      filteredPage: hasFilter(s.filter)
        ? (await engines.opportunities.getTodayBoard(s.tenantId, s.brandId, { limit: s.limit, filter: s.filter })).opportunities
        : null,
    }))
    .addNode('loadStrategy', async (s: TodayState) => {
      const [strategy, brand] = await Promise.all([
        engines.brandBrain.getBrandStrategyView(s.tenantId, s.brandId),
        engines.brandBrain.getBrandSummary(s.tenantId, s.brandId),
      ]);
      return { strategy, brand };
    })
    .addNode('loadRecentPackages', async (s: TodayState) => {
      const packages = await engines.content.listPackagesForBrand(s.tenantId, s.brandId, { limit: RECENT_PACKAGES, offset: 0 });
      return { recentPackagePillarIds: packages.map((p) => p.pillarId) };
    })
    .addNode('assembleView', (s: TodayState) => ({ view: assembleTodayView(s) }))
    .addEdge(START, 'loadBoard')
    .addEdge(START, 'loadFilteredPage')
    .addEdge(START, 'loadStrategy')
    .addEdge(START, 'loadRecentPackages')
    .addEdge(['loadBoard', 'loadFilteredPage', 'loadStrategy', 'loadRecentPackages'], 'assembleView');
  if (!options.summarize) return graph.addEdge('assembleView', END).compile();
  return graph
    .addNode('summarize', async (s: TodayState) => ({ summary: await summarize(ctx, s.view) }))
    .addEdge('assembleView', 'summarize')
    .addEdge('summarize', END)
    .compile();
}

/** A filter may only name the brand's own active pillars and personas. */
function assertFilterInStrategy(filter: BoardFilter, strategy: BrandStrategyView): void {
  if (filter.pillarId && !strategy.pillars.some((p) => p.id === filter.pillarId)) {
    throw new NotFoundError('Pillar', filter.pillarId);
  }
  if (filter.personaId && !strategy.personas.some((p) => p.id === filter.personaId)) {
    throw new NotFoundError('Persona', filter.personaId);
  }
}

function assembleTodayView(s: TodayState): TodayBoardView {
  const { board, strategy, brand } = s;
  assertFilterInStrategy(s.filter, strategy);
  const pillars = strategy.pillars.map((pillar) => {
    const counts = board.metrics.byPillar.find((m) => m.id === pillar.id);
    return {
      id: pillar.id,
      name: pillar.name,
      priorityRank: pillar.priorityRank,
      liveCount: counts?.count ?? 0,
      highScoreCount: counts?.highScoreCount ?? 0,
    };
  });
  const choice = chooseTodayFocus({
    pillars,
    opportunities: board.opportunities,
    recentPackagePillarIds: s.recentPackagePillarIds,
    brandPrimaryChannel: brand.primaryChannel,
  });
  return {
    brand,
    opportunities: s.filteredPage ?? board.opportunities,
    filter: s.filter,
    focus: { ...choice, highScoreOpportunityIds: board.highScoreOpportunityIds, metrics: board.metrics },
    focusLabels: {
      pillarName: strategy.pillars.find((p) => p.id === choice.primaryPillarId)?.name ?? null,
      personaName: strategy.personas.find((p) => p.id === choice.primaryPersonaId)?.name ?? null,
    },
    brandSummary: {
      positioning: strategy.positioning,
      toneTags: strategy.toneTags,
      taboos: strategy.taboos,
      pillarNames: strategy.pillars.map((p) => p.name),
      personaNames: strategy.personas.map((p) => p.name),
    },
    strategy,
  };
}

/** The summarizer's whole context: names and counts, never the opportunities themselves. */
export function todaySummaryInput(view: TodayBoardView): TodaySummaryInput {
  return {
    brandName: view.brand.name,
    pillarName: view.focusLabels.pillarName,
    personaName: view.focusLabels.personaName,
    channel: view.focus.primaryChannel,
    highScoreCount: view.focus.metrics.highScoreCount,
    liveCount: view.focus.metrics.total,
  };
}

async function summarize(ctx: SystemContext, view: TodayBoardView): Promise<TodayFocusSummary> {
  const input = todaySummaryInput(view);
  const result = await todaySummaryNode.run(ctx.models, input);
  // The summary is a nicety over a board that is already correct: a model failure degrades to the
  // deterministic sentence instead of failing the request.
  return result.ok
    ? { summary: result.output.summary, source: 'model', model: result.model }
    : { summary: fallbackTodaySummary(input), source: 'fallback', model: null };
}
