import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import type { PackageDTO, PackageWorkspaceView, WorkspaceWarning } from '../../../engines/content/dto';
import type { Channel } from '../../../engines/enums';
import { InvariantViolationError } from '../../../engines/errors';
import type { SystemContext } from '../context';
import {
  type ChannelTask,
  DraftingDeps,
  draftChannel,
  PATTERN_CHOICES,
  persistPlans,
  type VariantPlan,
} from '../llm/nodes/channel-drafting';
import { boundPackageContext } from '../llm/nodes/package-context';
import { MAX_PREVIOUS_OPENINGS, type VariantPlanInput } from '../llm/nodes/variant-drafts';
import { type RunConfig, runDeps } from './run-config';

export interface RegenerateRequest {
  packageId: string;
  channel: Channel;
}

const RegenerateState = Annotation.Root({
  tenantId: Annotation<string>(),
  brandId: Annotation<string>(),
  request: Annotation<RegenerateRequest>(),
  task: Annotation<ChannelTask>(),
  plan: Annotation<VariantPlan | null>(),
  warnings: Annotation<WorkspaceWarning[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
  view: Annotation<PackageWorkspaceView>(),
});
type RegenerateState = typeof RegenerateState.State;
type Config = RunConfig<DraftingDeps>;

async function loadPackage(state: RegenerateState, config: Config) {
  return { task: await regenerateTask(runDeps(config).ctx, state.tenantId, state.brandId, state.request) };
}

async function draftTheChannel(state: RegenerateState, config: Config) {
  const outcome = await draftChannel(runDeps(config), state.task);
  return { plan: outcome.plan, warnings: outcome.warnings };
}

async function replaceDrafts(state: RegenerateState, config: Config) {
  if (!state.plan?.variants.length) return {};
  const deps = runDeps(config);
  const { tenantId, brandId, request } = state;
  const { variants: created, recorded } = await persistPlans(deps, { tenantId, brandId }, request.packageId, [state.plan]);
  await recorded;
  // Only drafts older than this run's first new one go: a concurrent regeneration's drafts stay.
  const firstCreated = new Date(Math.min(...created.map((v) => v.createdAt.getTime())));
  const retired = await deps.ctx.engines.content.retireUntouchedDrafts(
    { tenantId, brandId },
    { packageId: request.packageId, channel: request.channel, keep: created.map((v) => v.id), createdBefore: firstCreated },
  );
  await deps.audit.mutation('retireUntouchedDrafts', { packageId: request.packageId, channel: request.channel, variantIds: retired });
  return {};
}

async function assembleView(state: RegenerateState, config: Config) {
  const { engines } = runDeps(config).ctx;
  return {
    view: await engines.content.getPackageWorkspaceView(state, { packageId: state.request.packageId, warnings: state.warnings }),
  };
}

/**
 * F2 regeneration of one channel: the package's own thesis and audience, a person's edited draft of
 * the channel as the style to follow → drafting node → store the new drafts, then retire the
 * channel's untouched older drafts (edited work stays) → workspace view.
 */
export const regenerateGraph = new StateGraph(RegenerateState, DraftingDeps)
  .addNode('loadPackage', loadPackage)
  .addNode('draftChannel', draftTheChannel)
  .addNode('persistVariants', replaceDrafts)
  .addNode('assembleView', assembleView)
  .addEdge(START, 'loadPackage')
  .addEdge('loadPackage', 'draftChannel')
  .addEdge('draftChannel', 'persistVariants')
  .addEdge('persistVariants', 'assembleView')
  .addEdge('assembleView', END)
  .compile();

async function regenerateTask(ctx: SystemContext, tenantId: string, brandId: string, request: RegenerateRequest): Promise<ChannelTask> {
  const { engines } = ctx;
  const [workspace, strategy] = await Promise.all([
    engines.content.getPackageWorkspaceView({ tenantId, brandId }, { packageId: request.packageId }),
    engines.brandBrain.getBrandStrategyView({ tenantId, brandId }),
  ]);
  const { package: pkg, opportunity } = workspace;
  if (!pkg.channels.includes(request.channel))
    throw new InvariantViolationError(`Package ${pkg.id} has no ${request.channel} channel`, 'input');
  const recommendations = await engines.patterns.recommendPatternsForContext(
    { tenantId, brandId },
    { channel: request.channel, pillarId: pkg.pillarId, personaId: pkg.personaId, maxResults: PATTERN_CHOICES },
  );
  const current = workspace.variantsByChannel[request.channel] ?? [];
  // The most recently edited variant is the person's latest word on how this channel should sound.
  const edited = current.filter((v) => v.editedText).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
  const origin = {
    title: opportunity?.title ?? pkg.title,
    angle: opportunity?.angle ?? pkg.coreArgument ?? pkg.title,
    type: opportunity?.type ?? 'evergreen',
    source: opportunity?.source ?? 'package',
    pillarId: pkg.pillarId,
    personaId: pkg.personaId,
  };
  return {
    tenantId,
    brandId,
    channel: request.channel,
    context: boundPackageContext(strategy, origin, pkg.channels),
    thesis: packageThesisSlice(pkg),
    recommendations,
    styleReference: edited?.editedText ?? null,
    usedPatternIds: current.flatMap((v) => (v.patternTemplateId ? [v.patternTemplateId] : [])),
    previousOpenings: current.slice(-MAX_PREVIOUS_OPENINGS).map((v) => v.text.replace(/^Subject: /, '').slice(0, 80)),
  };
}

function packageThesisSlice(pkg: PackageDTO): VariantPlanInput['thesis'] {
  return {
    coreArgument: (pkg.coreArgument ?? pkg.title).slice(0, 600),
    supportingPoints: pkg.keyPoints.slice(0, 5).map((point) => point.slice(0, 300)),
    risksToAvoid: pkg.risksToAvoid.slice(0, 5).map((risk) => risk.slice(0, 300)),
  };
}
