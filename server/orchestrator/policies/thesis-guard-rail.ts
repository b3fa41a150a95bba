import { type DraftRuleContext, type PackageHardFailure, thesisTextFailures } from '../../../engines/content/rubric';
import { ModelUnavailableError } from '../llm/errors';
import type { DraftingDeps } from '../llm/nodes/channel-drafting';
import type { PackageThesis } from '../llm/nodes/package-thesis';
import { MAX_THESIS_PROBLEMS, thesisRepairNode } from '../llm/nodes/thesis-repair';

export interface ThesisToGuard {
  /** The package title to be: the opportunity's title. */
  title: string;
  opportunityAngle: string;
  thesis: PackageThesis;
  rules: DraftRuleContext;
}

const failuresOf = (title: string, thesis: PackageThesis, opportunityTitle: string, rules: DraftRuleContext) =>
  thesisTextFailures(
    { title, coreArgument: thesis.coreArgument, keyPoints: thesis.supportingPoints, risksToAvoid: thesis.risksToAvoid },
    { opportunityTitle, channels: [rules.channel], taboos: rules.taboos, otherBrandNames: rules.otherBrandNames },
  );

const inWords = (failure: PackageHardFailure) =>
  `${failure.index === undefined ? failure.field : `${failure.field} ${failure.index + 1}`}: ${failure.message}`.slice(0, 260);

/**
 * The thesis guard rail, like the drafts' (guard-rail.ts): the title and thesis pass the package
 * rubric's text rules (taboo, another brand, template or model text, vacuous or title-only argument),
 * or get ONE repair request; a repair that still breaks them fails the build, before anything is stored.
 */
export async function guardThesis(deps: DraftingDeps, input: ThesisToGuard): Promise<{ thesis: PackageThesis; title: string }> {
  const { title, thesis, rules } = input;
  const found = failuresOf(title, thesis, title, rules);
  if (found.length === 0) return { thesis, title };

  const problems = found.map(inWords);
  const repair = await thesisRepairNode.run(
    deps.ctx.models,
    {
      title,
      opportunityAngle: input.opportunityAngle,
      taboos: [...rules.taboos],
      thesis,
      problems: problems.slice(0, MAX_THESIS_PROBLEMS),
    },
    { timeoutMs: deps.llmTimeoutMs, deadline: deps.deadline },
  );
  await deps.audit.llm('thesis_repair', repair);
  if (!repair.ok) throw new ModelUnavailableError('thesis', `the thesis ${problems.join('; ')}, and its repair failed: ${repair.error}`);
  const { title: repairedTitle, ...repaired } = repair.output;
  // The original title stays the measure of "only repeats the title": a repair may not rename its way out.
  const left = failuresOf(repairedTitle, repaired, title, rules);
  if (left.length > 0) {
    throw new ModelUnavailableError(
      'thesis',
      `the thesis still breaks the brand's rules after one repair (${left.map(inWords).join('; ')})`,
    );
  }
  await deps.audit.step('thesis_guard_rail', { repaired: problems });
  return { thesis: repaired, title: repairedTitle };
}
