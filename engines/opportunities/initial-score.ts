import { DAY_MS } from '../../lib/dates';
import type { OpportunityType } from '../enums';

// The score an ingested opportunity starts with when its source sends none. Deterministic: the same
// type, source date and "now" always give the same score and explanation.
//
// - Type sets the base: a trend loses value by the day, so it starts highest; a campaign idea serves a
//   planned push; a competitive answer matters while the narrative is live; evergreen can wait.
// - Freshness moves a time-bound idea (not evergreen) by the age of its source signal: under a day
//   +20, under 3 days +12, under a week +6, under 30 days 0, older −10. With no source date there is no
//   freshness term. A source date in the future (clock skew) counts as brand new.
// The result always lies within 30..75, leaving the top of the range to ideas that prove themselves
// through learning or an explicit re-score.

export const TYPE_BASE_SCORE: Record<OpportunityType, number> = {
  trend: 55,
  campaign: 50,
  competitive: 45,
  evergreen: 40,
};

/** [age limit in days (exclusive), score change], first match wins; anything older gets OLD_SIGNAL. */
const FRESHNESS_STEPS: readonly (readonly [number, number])[] = [
  [1, 20],
  [3, 12],
  [7, 6],
  [30, 0],
];
const OLD_SIGNAL = -10;

export interface InitialScore {
  score: number;
  explanation: string;
}

export function initialScore(type: OpportunityType, sourcePublishedAt: Date | null, now: Date): InitialScore {
  const base = TYPE_BASE_SCORE[type];
  if (type === 'evergreen') {
    return { score: base, explanation: `Initial score ${base}: evergreen ideas start at ${base} and do not age.` };
  }
  if (!sourcePublishedAt) {
    return { score: base, explanation: `Initial score ${base}: ${type} ideas start at ${base}; the source date is unknown.` };
  }
  const ageDays = Math.max(0, now.getTime() - sourcePublishedAt.getTime()) / DAY_MS;
  const freshness = FRESHNESS_STEPS.find(([limit]) => ageDays < limit)?.[1] ?? OLD_SIGNAL;
  const score = base + freshness;
  const sign = freshness >= 0 ? '+' : '−';
  return {
    score,
    explanation: `Initial score ${score}: ${type} ideas start at ${base}; ${sign}${Math.abs(freshness)} for a source ${Math.floor(ageDays)} day(s) old.`,
  };
}
