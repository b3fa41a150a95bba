import { type DraftRuleContext, draftHardFailures } from '../../../engines/content/rubric';

export type GuardRailRules = DraftRuleContext;

export interface GuardRailFinding {
  /** Safety flags to store on the variant when the draft is kept after repair. */
  flags: string[];
  /** The same findings in words, for the copy editor and the run's soft errors. */
  problems: string[];
}

/**
 * The deterministic check every draft passes before it is stored: the draft rubric's hard rules
 * (lib/draft-rules.ts — taboos, channel limits, template residue, model text, another brand, repeated
 * sentences), the same the editor and the evaluation use. An empty finding means it passes.
 */
export function checkDraft(text: string, rules: GuardRailRules): GuardRailFinding {
  const failures = draftHardFailures(text, rules);
  return {
    flags: failures.map((failure) => (failure.rule === 'taboo' ? `taboo:${failure.term}` : failure.rule)),
    problems: failures.map((failure) => failure.message),
  };
}

export const passes = (finding: GuardRailFinding) => finding.problems.length === 0;
