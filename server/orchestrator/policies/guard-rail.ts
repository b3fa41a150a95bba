import { CHANNEL_LIMITS, type Channel } from '../../../engines/enums';
import { termPattern } from '../../../lib/taboo-match';

export interface GuardRailRules {
  channel: Channel;
  taboos: readonly string[];
}

export interface GuardRailFinding {
  /** Safety flags to store on the variant when the draft is kept after repair. */
  flags: string[];
  /** The same findings in words, for the copy editor and the run's soft errors. */
  problems: string[];
}

/**
 * The deterministic check every draft passes before it is stored: no brand taboo (as a whole word or
 * phrase, any case) and no more characters than the channel allows. An empty finding means it passes.
 */
export function checkDraft(text: string, rules: GuardRailRules): GuardRailFinding {
  const flags: string[] = [];
  const problems: string[] = [];
  for (const taboo of rules.taboos) {
    if (!taboo.trim() || !termPattern(taboo).test(text)) continue;
    flags.push(`taboo:${taboo}`);
    problems.push(`mentions the taboo "${taboo}"`);
  }
  const limit = CHANNEL_LIMITS[rules.channel];
  if (text.length > limit) {
    flags.push('over_channel_limit');
    problems.push(`is ${text.length} characters, over the ${rules.channel} limit of ${limit}`);
  }
  return { flags, problems };
}

export const passes = (finding: GuardRailFinding) => finding.problems.length === 0;
