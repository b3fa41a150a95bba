import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { BrandStrategyView, BrandSummary } from '../../../engines/brand-brain/dto';
import { NotFoundError } from '../../../engines/errors';
import type { DecisionWeights } from '../../../engines/learning/dto';
import type { BoardFilter, TodayBoard } from '../../../engines/opportunities/dto';
import { modelLabel } from '../../../lib/labels';
import type { SystemContext } from '../context';
import { FlowRunAudit } from '../flows/run-audit';
import { fallbackTodaySummary, type TodaySummaryInput, todaySummaryNode } from '../llm/nodes/today-summary';
import { chooseTodayFocus, pillarBalance } from '../policies/today-focus';
import { type TodayBoardView, TodayFocusSummary } from '../views/today-board-view';
import { type RunConfig, runDeps } from './run-config';

/** How many recent packages the focus policy looks at to tell which pillar was neglected. */
const RECENT_PACKAGES = 10;

const TodayState = Annotation.Root({
  tenantId: Annotation<string>(),
  brandId: Annotation<string>(),
  limit: Annotation<number>(),
  filter: Annotation<BoardFilter>(),
  board: Annotation<TodayBoard>(),
  /** The page narrowed by the filter; null when no filter is set and the board's own page is the list. */
  filteredBoard: Annotation<TodayBoard | null>(),
  strategy: Annotation<BrandStrategyView>(),
  brand: Annotation<BrandSummary>(),
  recentPackagePillarIds: Annotation<(string | null)[]>(),
  decisionWeights: Annotation<DecisionWeights>(),
  view: Annotation<TodayBoardView>(),
  summary: Annotation<TodayFocusSummary>(),
});
type TodayState = typeof TodayState.State;

const hasFilter = (filter: BoardFilter) => !!(filter.pillarId || filter.personaId || filter.channel);

/** What F1 hands its graph as `configurable`. */
const BoardDeps = Annotation.Root({ ctx: Annotation<SystemContext>() });
/** F1.1 records its run for the user who asked. */
const SummaryDeps = Annotation.Root({ ctx: Annotation<SystemContext>(), requestedByUserId: Annotation<string | null>() });
type BoardConfig = RunConfig<typeof BoardDeps.State>;
type SummaryConfig = RunConfig<typeof SummaryDeps.State>;

/**
 * Every read F1 makes, sent at once from one node: the board (and the filtered page), the brand with
 * its strategy, the recent packages' pillars (which pillar was neglected) and what the team's decisions
 * taught (the last stored learning run). One node, not one per read: LangGraph's bookkeeping (a task,
 * its config, its channel writes) is paid per node, and this graph runs on every Today page view.
 */
async function loadBoardReads(state: TodayState, config: BoardConfig) {
  const { engines } = runDeps(config).ctx;
  const [board, filteredBoard, { brand, strategy }, recentPackages, decisionWeights] = await Promise.all([
    engines.opportunities.getTodayBoard(state, { limit: state.limit }),
    hasFilter(state.filter) ? engines.opportunities.getTodayBoard(state, { limit: state.limit, filter: state.filter }) : null,
    engines.brandBrain.getBrandWithStrategy(state),
    engines.content.listPackagesForBrand(state, { limit: RECENT_PACKAGES, offset: 0 }),
    engines.learning.insights.getDecisionWeights(state),
  ]);
  return { board, filteredBoard, brand, strategy, recentPackagePillarIds: recentPackages.map((p) => p.pillarId), decisionWeights };
}

function assembleView(state: TodayState) {
  return { view: assembleTodayView(state) };
}

/** A summary written for exactly this context in the last few hours is still today's: no new model call, no new run. */
const SUMMARY_REUSE_MS = 6 * 60 * 60 * 1000;

/** The run's input: the summarizer's context and the model that would write it (another model writes anew). */
function summaryRunInput(state: TodayState, ctx: SystemContext) {
  return { ...todaySummaryInput(state.view), model: modelLabel(ctx.models.modelFor(todaySummaryNode.definition.role)) };
}

async function recallSummary(state: TodayState, config: SummaryConfig) {
  const { ctx } = runDeps(config);
  const recalled = await ctx.engines.runs.recallOutput(state, {
    flow: 'f1_summary',
    input: summaryRunInput(state, ctx),
    maxAgeMs: SUMMARY_REUSE_MS,
  });
  const parsed = TodayFocusSummary.safeParse(recalled);
  return parsed.success ? { summary: parsed.data } : {};
}

/**
 * Recorded as an `f1_summary` run over the summarizer's context (names and counts). Only here, once no
 * recalled summary answered, is the viewer's summary allowance spent: a repeat page view calls no model
 * and costs nothing.
 */
async function summarize(state: TodayState, config: SummaryConfig) {
  const { ctx, requestedByUserId } = runDeps(config);
  // A limit per person: a summary nobody asked for (no user) has no allowance to spend.
  if (requestedByUserId) await ctx.limits.consume('summaries', requestedByUserId);
  const input = todaySummaryInput(state.view);
  const audit = await FlowRunAudit.start(
    ctx.engines.runs,
    { tenantId: state.tenantId, brandId: state.brandId },
    'f1_summary',
    summaryRunInput(state, ctx),
    requestedByUserId,
  );
  const summary = await audit.failOnError(async () => {
    const result = await todaySummaryNode.run(ctx.models, input);
    await audit.llm('summarize', result);
    // The summary is a nicety over a board that is already correct: a model failure degrades to the
    // deterministic sentence instead of failing the request.
    const written: TodayFocusSummary = result.ok
      ? { summary: result.output.summary, source: 'model', model: result.model }
      : { summary: fallbackTodaySummary(input), source: 'fallback', model: null };
    await audit.finish(written, written.source === 'fallback');
    return written;
  });
  return { summary };
}

/**
 * F1: the reads at once, then the deterministic focus policy and assembly. The focus is chosen on the
 * whole board, so narrowing the list by a filter never moves it. No node writes.
 */
export const todayGraph = new StateGraph(TodayState, BoardDeps)
  .addNode('loadBoardReads', loadBoardReads)
  .addNode('assembleView', assembleView)
  .addEdge(START, 'loadBoardReads')
  .addEdge('loadBoardReads', 'assembleView')
  .addEdge('assembleView', END)
  .compile();

/**
 * F1.1: F1's two nodes, then the summary already written for this context today, else the one
 * summarizer node over the view. Every Today page view asks, so a repeat view costs no model call. F1's
 * nodes are this graph's own rather than F1 as a subgraph: a subgraph runs a second graph loop inside
 * this one, with its own bookkeeping, for the same two steps.
 */
export const todaySummaryGraph = new StateGraph(TodayState, SummaryDeps)
  .addNode('loadBoardReads', loadBoardReads)
  .addNode('assembleView', assembleView)
  .addNode('recallSummary', recallSummary)
  .addNode('summarize', summarize)
  .addEdge(START, 'loadBoardReads')
  .addEdge('loadBoardReads', 'assembleView')
  .addEdge('assembleView', 'recallSummary')
  .addConditionalEdges('recallSummary', (state) => (state.summary ? END : 'summarize'), ['summarize', END])
  .addEdge('summarize', END)
  .compile();

/** A filter may only name the brand's own active pillars and personas. */
function assertFilterInStrategy(filter: BoardFilter, strategy: BrandStrategyView): void {
  if (filter.pillarId && !strategy.pillars.some((p) => p.id === filter.pillarId)) {
    throw new NotFoundError('Pillar', filter.pillarId);
  }
  if (filter.personaId && !strategy.personas.some((p) => p.id === filter.personaId)) {
    throw new NotFoundError('Persona', filter.personaId);
  }
}

function assembleTodayView(state: TodayState): TodayBoardView {
  const { board, strategy, brand } = state;
  assertFilterInStrategy(state.filter, strategy);
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
    recentPackagePillarIds: state.recentPackagePillarIds,
    brandPrimaryChannel: brand.primaryChannel,
    decisionWeights: state.decisionWeights,
  });
  const shown = state.filteredBoard ?? board;
  return {
    brand,
    opportunities: shown.opportunities,
    packages: shown.packages,
    filter: state.filter,
    focus: { ...choice, metrics: board.metrics },
    focusLabels: {
      pillarName: strategy.pillars.find((p) => p.id === choice.primaryPillarId)?.name ?? null,
      personaName: strategy.personas.find((p) => p.id === choice.primaryPersonaId)?.name ?? null,
    },
    pillarBalance: pillarBalance(pillars, state.recentPackagePillarIds),
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
