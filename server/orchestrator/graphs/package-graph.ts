import { Annotation, END, Send, START, StateGraph } from '@langchain/langgraph';
import type { PackageDTO, PackageWorkspaceView, VariantDTO, WorkspaceWarning } from '../../../engines/content/dto';
import type { Channel } from '../../../engines/enums';
import { InvariantViolationError } from '../../../engines/errors';
import type { SystemContext } from '../context';
import { ModelUnavailableError } from '../llm/errors';
import { boundPackageContext, type PackageBuildContext, thesisContext } from '../llm/nodes/package-context';
import { type PackageThesis, packageThesisNode } from '../llm/nodes/package-thesis';
import { MAX_PREVIOUS_OPENINGS, type VariantPlanInput } from '../llm/nodes/variant-plan';
import { type ChannelTask, type DraftingDeps, draftChannel, type VariantPlan } from './channel-drafting';

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
  context: Annotation<PackageBuildContext>(),
  audience: Annotation<ChannelTask['audience']>(),
  thesis: Annotation<PackageThesis>(),
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

/**
 * F2: load context → thesis node → create the package and set its thesis → one drafting node per
 * channel, in parallel (`Send`) → store the drafts that passed the guard rail → workspace view.
 * Nodes that write record each mutation in the run's audit; a node that throws aborts the graph and
 * the flow undoes what the run created.
 */
export function buildPackageGraph(deps: DraftingDeps) {
  const { ctx, audit } = deps;
  const { engines } = ctx;
  return new StateGraph(PackageState)
    .addNode('loadContext', async (s: PackageState) => {
      const [strategy, opportunity] = await Promise.all([
        engines.brandBrain.getBrandStrategyView(s.tenantId, s.brandId),
        engines.opportunities.getOpportunity(s.tenantId, s.brandId, s.request.opportunityId),
      ]);
      return {
        context: boundPackageContext(strategy, opportunity, s.request.channels),
        audience: { pillarId: opportunity.pillarId, personaId: opportunity.personaId },
      };
    })
    .addNode('writeThesis', async (s: PackageState) => {
      const result = await packageThesisNode.run(ctx.models, thesisContext(s.context), { timeoutMs: deps.llmTimeoutMs, deadline: deps.deadline });
      await audit.llm('thesis', result);
      // The thesis node is hard: a package is never created without its thesis.
      if (!result.ok) throw new ModelUnavailableError('thesis', result.error);
      return { thesis: result.output };
    })
    .addNode('createPackage', async (s: PackageState) => {
      const { package: pkg, created } = await engines.content.createPackageFromOpportunity(s.tenantId, s.brandId, s.request);
      if (!created) {
        await audit.mutation('createPackage', { packageId: pkg.id, created: false, reason: 'idempotency key matched an earlier package' });
        return { pkg, created };
      }
      audit.createdPackageId = pkg.id;
      await audit.linkPackage(pkg.id);
      await audit.mutation('createPackage', { packageId: pkg.id, created: true });
      const withThesis = await engines.content.updatePackageThesis(s.tenantId, s.brandId, {
        packageId: pkg.id,
        coreArgument: s.thesis.coreArgument,
        keyPoints: s.thesis.supportingPoints,
        risksToAvoid: s.thesis.risksToAvoid,
      });
      await audit.mutation('updatePackageThesis', { packageId: pkg.id, coreArgument: withThesis.coreArgument });
      return { pkg: withThesis, created };
    })
    .addNode('draftChannel', async (s: PackageState) => {
      const outcome = await draftChannel(deps, {
        tenantId: s.tenantId,
        brandId: s.brandId,
        channel: s.channel,
        context: s.context,
        thesis: s.thesis,
        audience: s.audience,
        styleReference: null,
        usedPatternIds: [],
        previousOpenings: [],
      });
      return { plans: outcome.plan ? [outcome.plan] : [], warnings: outcome.warnings };
    })
    .addNode('persistVariants', async (s: PackageState) => {
      await persistPlans(deps, s.tenantId, s.brandId, s.pkg.id, orderedPlans(s.plans, s.pkg.channels));
      return {};
    })
    .addNode('assembleView', async (s: PackageState) => ({
      view: await engines.content.getPackageWorkspaceView(s.tenantId, s.brandId, s.pkg.id, { warnings: s.warnings }),
    }))
    .addEdge(START, 'loadContext')
    .addEdge('loadContext', 'writeThesis')
    .addEdge('writeThesis', 'createPackage')
    .addConditionalEdges('createPackage', (s: PackageState) =>
      s.created ? s.request.channels.map((channel) => new Send('draftChannel', { ...s, channel })) : 'assembleView',
    )
    .addEdge('draftChannel', 'persistVariants')
    .addEdge('persistVariants', 'assembleView')
    .addEdge('assembleView', END)
    .compile();
}

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
  warnings: Annotation<WorkspaceWarning[]>({ reducer: concat, default: () => [] }),
  view: Annotation<PackageWorkspaceView>(),
});
type RegenerateState = typeof RegenerateState.State;

/**
 * F2 regeneration of one channel: the package's own thesis and audience, a person's edited draft of
 * the channel as the style to follow → drafting node → store the new drafts, then retire the
 * channel's untouched older drafts (edited work stays) → workspace view.
 */
export function buildRegenerateGraph(deps: DraftingDeps) {
  const { ctx, audit } = deps;
  const { engines } = ctx;
  return new StateGraph(RegenerateState)
    .addNode('loadPackage', async (s: RegenerateState) => ({ task: await regenerateTask(ctx, s.tenantId, s.brandId, s.request) }))
    .addNode('draftChannel', async (s: RegenerateState) => {
      const outcome = await draftChannel(deps, s.task);
      return { plan: outcome.plan, warnings: outcome.warnings };
    })
    .addNode('persistVariants', async (s: RegenerateState) => {
      if (!s.plan?.variants.length) return {};
      const created = await persistPlans(deps, s.tenantId, s.brandId, s.request.packageId, [s.plan]);
      // Only drafts older than this run's first new one go: a concurrent regeneration's drafts stay.
      const firstCreated = new Date(Math.min(...created.map((v) => v.createdAt.getTime())));
      const retired = await engines.content.retireUntouchedDrafts(
        s.tenantId, s.brandId, s.request.packageId, s.request.channel, created.map((v) => v.id), firstCreated,
      );
      await audit.mutation('retireUntouchedDrafts', { packageId: s.request.packageId, channel: s.request.channel, variantIds: retired });
      return {};
    })
    .addNode('assembleView', async (s: RegenerateState) => ({
      view: await engines.content.getPackageWorkspaceView(s.tenantId, s.brandId, s.request.packageId, { warnings: s.warnings }),
    }))
    .addEdge(START, 'loadPackage')
    .addEdge('loadPackage', 'draftChannel')
    .addEdge('draftChannel', 'persistVariants')
    .addEdge('persistVariants', 'assembleView')
    .addEdge('assembleView', END)
    .compile();
}

async function regenerateTask(ctx: SystemContext, tenantId: string, brandId: string, request: RegenerateRequest): Promise<ChannelTask> {
  const { engines } = ctx;
  const [workspace, strategy] = await Promise.all([
    engines.content.getPackageWorkspaceView(tenantId, brandId, request.packageId),
    engines.brandBrain.getBrandStrategyView(tenantId, brandId),
  ]);
  const { package: pkg, opportunity } = workspace;
  if (!pkg.channels.includes(request.channel)) throw new InvariantViolationError(`Package ${pkg.id} has no ${request.channel} channel`, 'input');
  const current = workspace.variantsByChannel[request.channel] ?? [];
  // The most recently edited variant is the person's latest word on how this channel should sound.
  const edited = current
    .filter((v) => v.editedText)
    .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())[0];
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
    audience: { pillarId: pkg.pillarId, personaId: pkg.personaId },
    styleReference: edited?.editedText ?? null,
    usedPatternIds: current.flatMap((v) => (v.patternTemplateId ? [v.patternTemplateId] : [])),
    previousOpenings: current.slice(-MAX_PREVIOUS_OPENINGS).map((v) => v.text.replace(/^Subject: /, '').slice(0, 80)),
  };
}

function packageThesisSlice(pkg: PackageDTO): VariantPlanInput['thesis'] {
  return {
    coreArgument: (pkg.coreArgument ?? pkg.title).slice(0, 600),
    supportingPoints: pkg.keyPoints.slice(0, 5).map((p) => p.slice(0, 300)),
    risksToAvoid: pkg.risksToAvoid.slice(0, 5).map((r) => r.slice(0, 300)),
  };
}

/** Plans in the package's channel order, so variants are stored (and listed) in a stable order. */
function orderedPlans(plans: VariantPlan[], channels: Channel[]): VariantPlan[] {
  return [...plans].sort((a, b) => channels.indexOf(a.channel) - channels.indexOf(b.channel));
}

async function persistPlans(deps: DraftingDeps, tenantId: string, brandId: string, packageId: string, plans: VariantPlan[]): Promise<VariantDTO[]> {
  const created: VariantDTO[] = [];
  for (const plan of plans) {
    for (const draft of plan.variants) {
      const variant = await deps.ctx.engines.content.createVariant(tenantId, brandId, {
        packageId,
        channel: plan.channel,
        patternTemplateId: plan.patternId,
        draftText: draft.rawText,
        rationale: draft.rationale,
        safetyFlags: draft.safetyFlags,
        generatedByModel: draft.generatedByModel,
        rawPromptContext: plan.promptContext,
      });
      created.push(variant);
      await deps.audit.mutation(`createVariant:${plan.channel}`, { variantId: variant.id, packageId, channel: plan.channel });
    }
  }
  return created;
}
