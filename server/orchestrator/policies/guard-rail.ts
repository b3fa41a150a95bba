import { type DraftRule, type DraftRuleContext, draftHardFailures } from '../../../engines/content/rubric';

export type GuardRailRules = DraftRuleContext;

export interface GuardRailFinding {
  /** Safety flags to store on the variant when the draft is kept after repair. */
  flags: string[];
  /** The same findings in words, for the copy editor and the run's soft errors. */
  problems: string[];
}

/**
 * The hard rules a generated draft must pass to be stored. A draft under the channel's minimum is kept:
 * a repair cannot add substance, and the rubric lets an invalid draft be saved and edited (its
 * evaluation scores it 0 and says why; approval needs an override).
 */
const GUARDED: readonly DraftRule[] = ['taboo', 'over_channel_limit', 'other_brand', 'template_residue', 'model_text', 'repeated_sentence'];

/**
 * The deterministic check every draft passes before it is stored: the draft rubric's hard rules
 * (lib/draft-rules.ts), the same the editor and the evaluation use, less the minimum length. An empty
 * finding means it passes.
 */
export function checkDraft(text: string, rules: GuardRailRules): GuardRailFinding {
  const failures = draftHardFailures(text, rules).filter((failure) => GUARDED.includes(failure.rule));
  return {
    flags: failures.map((failure) => (failure.rule === 'taboo' ? `taboo:${failure.term}` : failure.rule)),
    problems: failures.map((failure) => failure.message),
  };
}

export const passes = (finding: GuardRailFinding) => finding.problems.length === 0;
