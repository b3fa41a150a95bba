import { Annotation } from '@langchain/langgraph';
import { z } from 'zod';
import type { VariantDTO, WorkspaceWarning } from '../../../../engines/content/dto';
import { CHANNEL_LIMITS, Channel } from '../../../../engines/enums';
import type { PatternRecommendation } from '../../../../engines/patterns/dto';
import type { BrandScope } from '../../../../engines/scope';
import type { SystemContext } from '../../context';
import type { Deadline } from '../../flows/deadline';
import type { PackageRunAudit } from '../../flows/package-run-audit';
import { checkDraft, passes } from '../../policies/guard-rail';
import { copyRepairNode, MAX_REPAIR_PROBLEMS } from './copy-repair';
import type { PackageBuildContext } from './package-context';
import { MAX_PATTERN_BEATS, MAX_STYLE_REFERENCE, MAX_VARIANTS_PER_CHANNEL, VariantDraft, type VariantPlanInput } from './variant-drafts';
import { variantPlanNode } from './variant-plan';

/** One channel's drafts after the guard rail, ready to store; each knows the model that wrote it. */
export const VariantPlan = z.object({
  channel: Channel,
  patternId: z.uuid().nullable(),
  variants: z.array(VariantDraft.extend({ generatedByModel: z.string() })).max(MAX_VARIANTS_PER_CHANNEL),
  /** The bounded context the writer saw, stored with each variant for audit. */
  promptContext: z.record(z.string(), z.unknown()),
});
export type VariantPlan = z.infer<typeof VariantPlan>;

export interface ChannelTask {
  tenantId: string;
  brandId: string;
  channel: Channel;
  context: PackageBuildContext;
  thesis: VariantPlanInput['thesis'];
  /** The patterns recommended for the channel and the content's pillar and persona, best first (at most `PATTERN_CHOICES`). */
  recommendations: PatternRecommendation[];
  /** A person's edited draft of the channel, when regenerating. */
  styleReference: string | null;
  /** Patterns the channel's current drafts use; regeneration tries another one first. */
  usedPatternIds: string[];
  /** How the channel's current drafts begin; regeneration asks for new openings. */
  previousOpenings: string[];
}

export interface ChannelOutcome {
  plan: VariantPlan | null;
  warnings: WorkspaceWarning[];
}

/** How many recommended patterns a channel's drafting chooses among. */
export const PATTERN_CHOICES = 3;

/** What a package or regeneration run hands its graph as `configurable`. */
export const DraftingDeps = Annotation.Root({
  ctx: Annotation<SystemContext>(),
  audit: Annotation<PackageRunAudit>(),
  /** Per LLM call; undefined leaves each node its own timeout. */
  llmTimeoutMs: Annotation<number | undefined>(),
  /** The run's budget: every model call is cut to what is left of it. */
  deadline: Annotation<Deadline>(),
});
export type DraftingDeps = typeof DraftingDeps.State;

/**
 * One channel of F2: choose a pattern, ask the variant writer for drafts, and pass each through the
 * guard rail (one repair request for a violating draft; dropped and recorded if it still violates).
 * A model failure is this channel's soft error; engine errors are hard and propagate.
 */
export async function draftChannel(deps: DraftingDeps, task: ChannelTask): Promise<ChannelOutcome> {
  const { ctx, audit } = deps;
  const { channel } = task;
  const pattern = choosePattern(task.recommendations, task.usedPatternIds);
  const input = planInput(task, pattern);
  const node = `variant_plan:${channel}`;
  const result = await variantPlanNode.run(ctx.models, input, { timeoutMs: deps.llmTimeoutMs, deadline: deps.deadline });
  await audit.llm(node, result);
  if (!result.ok) {
    const warning = { channel, node, message: `No drafts for ${channel}: ${result.error}` };
    await audit.softError(warning.node, warning);
    return { plan: null, warnings: [warning] };
  }

  const warnings: WorkspaceWarning[] = [];
  const kept: VariantPlan['variants'] = [];
  for (const [index, draft] of result.output.variants.entries()) {
    const guarded = await guardDraft(deps, task, draft, index);
    if (guarded.warning) warnings.push(guarded.warning);
    if (guarded.draft) kept.push({ ...guarded.draft, generatedByModel: result.model });
  }
  if (kept.length === 0 && warnings.length === 0) {
    warnings.push({ channel, node, message: `The ${channel} writer returned no usable draft` });
  }
  for (const warning of warnings) await audit.softError(warning.node, warning);
  return {
    plan: { channel, patternId: pattern?.pattern.id ?? null, variants: kept, promptContext: input as unknown as Record<string, unknown> },
    warnings,
  };
}

/** The best recommendation the channel's current drafts do not already use; else the best one. */
function choosePattern(recommendations: PatternRecommendation[], used: readonly string[]): PatternRecommendation | null {
  return recommendations.find((r) => !used.includes(r.pattern.id)) ?? recommendations[0] ?? null;
}

function planInput(task: ChannelTask, pattern: PatternRecommendation | null): VariantPlanInput {
  const { context, channel } = task;
  return {
    channel,
    charLimit: CHANNEL_LIMITS[channel],
    brandName: context.brandName,
    toneTags: context.toneTags,
    taboos: context.taboos,
    opportunity: { title: context.opportunity.title, angle: context.opportunity.angle },
    persona: context.persona ? { name: context.persona.name, channelNote: context.persona.channelNotes[channel] ?? null } : null,
    thesis: task.thesis,
    pattern: pattern
      ? {
          name: pattern.pattern.name.slice(0, 120),
          beats: pattern.pattern.beats.slice(0, MAX_PATTERN_BEATS).map((b) => b.slice(0, 80)),
          exampleSnippet: pattern.pattern.exampleSnippet?.slice(0, 500) ?? null,
        }
      : null,
    styleReference: task.styleReference?.slice(0, MAX_STYLE_REFERENCE) ?? null,
    maxVariants: MAX_VARIANTS_PER_CHANNEL,
    previousOpenings: task.previousOpenings,
  };
}

interface GuardedDraft {
  draft: VariantDraft | null;
  warning?: WorkspaceWarning;
}

async function guardDraft(deps: DraftingDeps, task: ChannelTask, draft: VariantDraft, index: number): Promise<GuardedDraft> {
  const rules = { channel: task.channel, taboos: task.context.taboos };
  const finding = checkDraft(draft.rawText, rules);
  if (passes(finding)) return { draft };

  const node = `guard_rail:${task.channel}`;
  const repair = await copyRepairNode.run(
    deps.ctx.models,
    {
      channel: task.channel,
      charLimit: CHANNEL_LIMITS[task.channel],
      taboos: task.context.taboos,
      text: draft.rawText,
      problems: finding.problems.slice(0, MAX_REPAIR_PROBLEMS),
    },
    { timeoutMs: deps.llmTimeoutMs, deadline: deps.deadline },
  );
  await deps.audit.llm(`copy_repair:${task.channel}`, repair);
  const recheck = repair.ok ? checkDraft(repair.output.rawText, rules) : finding;
  if (repair.ok && passes(recheck)) {
    const flags = [...new Set([...draft.safetyFlags, ...finding.flags, 'repaired_by_guard_rail'])].slice(0, 10);
    return { draft: { rawText: repair.output.rawText, rationale: draft.rationale, safetyFlags: flags } };
  }
  const why = repair.ok ? recheck.problems.join('; ') : `${finding.problems.join('; ')} (repair failed: ${repair.error})`;
  return { draft: null, warning: { channel: task.channel, node, message: `Dropped ${task.channel} draft ${index + 1}: it ${why}` } };
}

/**
 * Stores the plans' drafts as variants of the package in one write, then gives them their
 * deterministic evaluation in another, recording each on the run. The record of the evaluations is
 * still being written when this returns (`recorded`, which the caller awaits), so the caller's next
 * read goes beside it instead of after it.
 */
export async function persistPlans(
  deps: DraftingDeps,
  scope: BrandScope,
  packageId: string,
  plans: VariantPlan[],
): Promise<{ variants: VariantDTO[]; recorded: Promise<void> }> {
  const drafts = plans.flatMap((plan) =>
    plan.variants.map((draft) => ({
      channel: plan.channel,
      patternTemplateId: plan.patternId,
      draftText: draft.rawText,
      rationale: draft.rationale,
      safetyFlags: draft.safetyFlags,
      generatedByModel: draft.generatedByModel,
      rawPromptContext: plan.promptContext,
    })),
  );
  if (drafts.length === 0) return { variants: [], recorded: Promise.resolve() };
  const { content, rubric } = deps.ctx.engines;
  const created = await content.createVariants(scope, { packageId, variants: drafts });
  // Every fresh draft gets the rubric's deterministic score, so the workspace shows its badge at once;
  // the record of the creation is written meanwhile (the scores are recorded after it, keeping the order).
  const [evaluated] = await Promise.all([
    rubric.evaluateDeterministically(scope, { variantIds: created.map((variant) => variant.id) }),
    deps.audit.mutations(
      created.map((variant) => ({
        node: `createVariant:${variant.channel}`,
        payload: { variantId: variant.id, packageId, channel: variant.channel },
      })),
    ),
  ]);
  const recorded = deps.audit.mutations(
    evaluated.map((variant) => ({
      node: `evaluateVariant:${variant.channel}`,
      payload: { variantId: variant.id, evalScore: variant.evalScore },
    })),
  );
  return { variants: evaluated, recorded };
}
