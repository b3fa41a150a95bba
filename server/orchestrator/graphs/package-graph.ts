import { Annotation, END, Send, START, StateGraph } from '@langchain/langgraph';
import type { PackageDTO, PackageWorkspaceView, WorkspaceWarning } from '../../../engines/content/dto';
import type { DraftRuleContext } from '../../../engines/content/rubric';
import type { Channel } from '../../../engines/enums';
import type { OpportunityDTO } from '../../../engines/opportunities/dto';
import type { PatternRecommendation } from '../../../engines/patterns/dto';
import { ModelUnavailableError } from '../llm/errors';
import { DraftingDeps, draftChannel, PATTERN_CHOICES, persistPlans, type VariantPlan } from '../llm/nodes/channel-drafting';
import { boundPackageContext, type PackageBuildContext, thesisContext } from '../llm/nodes/package-context';
import { type PackageThesis, packageThesisNode } from '../llm/nodes/package-thesis';
import { guardThesis } from '../policies/thesis-guard-rail';
import { type RunConfig, runDeps } from './run-config';

const concat = <T>(a: T[], b: T[]) => a.concat(b);

export interface PackageBuildRequest {
  opportunityId: string;
  channels: Channel[];
  createdByUserId: string;
  idempotencyKey?: string;
}

const PackageState = Annotation.Root({
  tenantId: Annotation<string>(),
  brandId: Annotation<string>(),
  request: Annotation<PackageBuildRequest>(),
  /** The opportunity as the flow read it when it checked the request. */
  opportunity: Annotation<OpportunityDTO>(),
  context: Annotation<PackageBuildContext>(),
  /** Each channel's recommended patterns. */
  recommendations: Annotation<Partial<Record<Channel, PatternRecommendation[]>>>(),
  /** The brand's text rules the thesis guard rail checks the thesis against. */
  thesisRules: Annotation<DraftRuleContext>(),
  thesis: Annotation<PackageThesis>(),
  /** The package title: the opportunity's, or the thesis guard rail's repair of it. */
  title: Annotation<string>(),
  pkg: Annotation<PackageDTO>(),
  /** False when the idempotency key returned an earlier package: nothing more is drafted. */
  created: Annotation<boolean>(),
  /** Set only in the state a `Send` hands to one channel's drafting node. */
  channel: Annotation<Channel>(),
  plans: Annotation<VariantPlan[]>({ reducer: concat, default: () => [] }),
  warnings: Annotation<WorkspaceWarning[]>({ reducer: concat, default: () => [] }),
  view: Annotation<PackageWorkspaceView>(),
});
type PackageState = typeof PackageState.State;
type Config = RunConfig<DraftingDeps>;

async function loadContext(state: PackageState, config: Config) {
  const { engines } = runDeps(config).ctx;
  const { opportunity, request } = state;
  const audience = { pillarId: opportunity.pillarId, personaId: opportunity.personaId };
  // Nothing the thesis decides changes which patterns suit each channel, nor the rules it is checked
  // against: both are read now, beside the strategy.
  const [strategy, recommendations, thesisRules] = await Promise.all([
    engines.brandBrain.getBrandStrategyView(state),
    engines.patterns.recommendPatternsForChannels(state, { channels: request.channels, ...audience, maxResults: PATTERN_CHOICES }),
    engines.rubric.ruleContext(state, request.channels[0]!),
  ]);
  return { context: boundPackageContext(strategy, opportunity, request.channels), recommendations, thesisRules };
}

async function writeThesis(state: PackageState, config: Config) {
  const { ctx, audit, llmTimeoutMs, deadline } = runDeps(config);
  const result = await packageThesisNode.run(ctx.models, thesisContext(state.context), { timeoutMs: llmTimeoutMs, deadline });
  await audit.llm('thesis', result);
  // The thesis node is hard: a package is never created without its thesis.
  if (!result.ok) throw new ModelUnavailableError('thesis', result.error);
  return { thesis: result.output };
}

/** The thesis and the package title pass the package rubric's text rules, after one repair at most. */
async function checkThesis(state: PackageState, config: Config) {
  return guardThesis(runDeps(config), {
    title: state.context.opportunity.title,
    opportunityAngle: state.context.opportunity.angle,
    thesis: state.thesis,
    rules: state.thesisRules,
  });
}

async function createPackage(state: PackageState, config: Config) {
  const { ctx, audit } = runDeps(config);
  const { engines } = ctx;
  const { package: pkg, created } = await engines.content.createPackageFromOpportunity(state, state.request);
  if (!created) {
    await audit.mutation('createPackage', { packageId: pkg.id, created: false, reason: 'idempotency key matched an earlier package' });
    return { pkg, created };
  }
  audit.createdPackageId = pkg.id;
  // The run's link to its package, its record and the thesis are independent writes: made at once.
  const [withThesis] = await Promise.all([
    engines.rubric.editThesis(state, {
      packageId: pkg.id,
      ...(state.title === pkg.title ? {} : { title: state.title }),
      coreArgument: state.thesis.coreArgument,
      keyPoints: state.thesis.supportingPoints,
      risksToAvoid: state.thesis.risksToAvoid,
    }),
    audit.linkPackage(pkg.id),
    audit.mutation('createPackage', { packageId: pkg.id, created: true }),
  ]);
  await audit.mutation('updatePackageThesis', { packageId: pkg.id, coreArgument: withThesis.coreArgument });
  return { pkg: withThesis, created };
}

/** A new package drafts every channel in parallel; an earlier one (same idempotency key) is only shown. */
function draftEveryChannel(state: PackageState) {
  return state.created ? state.request.channels.map((channel) => new Send('draftChannel', { ...state, channel })) : 'assembleView';
}

async function draftOneChannel(state: PackageState, config: Config) {
  const outcome = await draftChannel(runDeps(config), {
    tenantId: state.tenantId,
    brandId: state.brandId,
    channel: state.channel,
    context: state.context,
    thesis: state.thesis,
    recommendations: state.recommendations[state.channel] ?? [],
    styleReference: null,
    usedPatternIds: [],
    previousOpenings: [],
  });
  return { plans: outcome.plan ? [outcome.plan] : [], warnings: outcome.warnings };
}

/** Stores the drafts, then reads the workspace view while the record of their evaluations is written. */
async function persistVariants(state: PackageState, config: Config) {
  const { recorded } = await persistPlans(runDeps(config), state, state.pkg.id, orderedPlans(state.plans, state.pkg.channels));
  const [view] = await Promise.all([workspaceView(state, config), recorded]);
  return { view };
}

async function assembleView(state: PackageState, config: Config) {
  return { view: await workspaceView(state, config) };
}

function workspaceView(state: PackageState, config: Config): Promise<PackageWorkspaceView> {
  const { engines } = runDeps(config).ctx;
  return engines.content.getPackageWorkspaceView(state, { packageId: state.pkg.id, warnings: state.warnings });
}

/** Plans in the package's channel order, so variants are stored (and listed) in a stable order. */
function orderedPlans(plans: VariantPlan[], channels: Channel[]): VariantPlan[] {
  return [...plans].sort((a, b) => channels.indexOf(a.channel) - channels.indexOf(b.channel));
}

/**
 * F2: load context (the strategy, each channel's patterns) → thesis node → thesis guard rail (one repair, else a hard error) →
 * create the package and set its thesis → one drafting node per channel, in parallel (`Send`) → store the drafts that passed the guard rail
 * and read the workspace view (only the view, for a package the idempotency key had already built).
 * Nodes that write record each mutation in the run's audit; a node that throws aborts the graph and
 * the flow undoes what the run created.
 */
export const packageGraph = new StateGraph(PackageState, DraftingDeps)
  .addNode('loadContext', loadContext)
  .addNode('writeThesis', writeThesis)
  .addNode('checkThesis', checkThesis)
  .addNode('createPackage', createPackage)
  .addNode('draftChannel', draftOneChannel)
  .addNode('persistVariants', persistVariants)
  .addNode('assembleView', assembleView)
  .addEdge(START, 'loadContext')
  .addEdge('loadContext', 'writeThesis')
  .addEdge('writeThesis', 'checkThesis')
  .addEdge('checkThesis', 'createPackage')
  .addConditionalEdges('createPackage', draftEveryChannel)
  .addEdge('draftChannel', 'persistVariants')
  .addEdge('persistVariants', END)
  .addEdge('assembleView', END)
  .compile();
