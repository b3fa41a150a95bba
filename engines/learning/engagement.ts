import type { ExecutionEventType } from '../enums';

/**
 * The engagement formula, in two steps. The SQL in scored-variants.ts computes the same thing set-based
 * from the same constants; these pure functions state it once and let tests pin it.
 *
 * 1. Rate: weighted interactions per impression. A share or a comment costs the reader more than a
 *    like, so it says more about the post:
 *      rate = (1·like + 3·comment + 4·share + 3·save + 2·click + 2·link_click + 1·profile_visit) / impressions
 *    A variant with no recorded impressions has no rate (we cannot tell reach from resonance); it
 *    scores 0 and is left out of every average and every channel reference.
 *
 * 2. Score: the rate against its own channel in the same brand and window, so X's volume does not drown
 *    a newsletter's. The reference is twice the channel's median rate, so the typical post scores 50
 *    and a post at least twice as engaging as typical scores 100; a single outlier cannot squash
 *    everyone else the way a ratio to the maximum would.
 *      score = 100 · min(1, rate / (2 · median))      (rounded to 2 decimals)
 *    When the median is 0 (most posts had no interactions at all) the channel's best rate is the
 *    reference instead; when every rate is 0, every score is 0.
 */
export const ENGAGEMENT_WEIGHTS = {
  like: 1,
  comment: 3,
  share: 4,
  save: 3,
  click: 2,
  link_click: 2,
  profile_visit: 1,
} as const satisfies Record<Exclude<ExecutionEventType, 'impression'>, number>;

/** Per-variant totals by event type; the DTO's `platformMetrics`. */
export interface EventTotals {
  impressions: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
  linkClicks: number;
  profileVisits: number;
}

/** Which `EventTotals` field sums each event type. */
export const METRIC_FIELDS = {
  impression: 'impressions',
  like: 'likes',
  comment: 'comments',
  share: 'shares',
  save: 'saves',
  click: 'clicks',
  link_click: 'linkClicks',
  profile_visit: 'profileVisits',
} as const satisfies Record<ExecutionEventType, keyof EventTotals>;

/** Totals before any event is counted: where a sum starts, and what a variant without events shows. */
export const noEventTotals = (): EventTotals => ({
  impressions: 0,
  likes: 0,
  comments: 0,
  shares: 0,
  saves: 0,
  clicks: 0,
  linkClicks: 0,
  profileVisits: 0,
});

export function engagementRate(totals: EventTotals): number | null {
  if (totals.impressions <= 0) return null;
  let weighted = 0;
  for (const [type, weight] of Object.entries(ENGAGEMENT_WEIGHTS) as [keyof typeof ENGAGEMENT_WEIGHTS, number][]) {
    weighted += weight * totals[METRIC_FIELDS[type]];
  }
  return weighted / totals.impressions;
}

/** The channel reference a rate is scored against: twice the median, else the best rate. */
export function channelReference(channelRates: readonly number[]): number {
  if (channelRates.length === 0) return 0;
  const sorted = [...channelRates].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
  return median > 0 ? 2 * median : sorted[sorted.length - 1]!;
}

/** 0–100; `channelRates` are the rates of every variant of the same brand and channel in the window. */
export function engagementScore(rate: number | null, channelRates: readonly number[]): number {
  const reference = channelReference(channelRates);
  if (rate === null || reference <= 0) return 0;
  return Math.round(100 * Math.min(1, rate / reference) * 100) / 100;
}

export const MAX_LEARNED_ADJUSTMENT = 20;

/**
 * How far learning moves an opportunity's score from its base score. 50 is a typical post for its
 * channel, so the average engagement of the variants made from the opportunity maps linearly onto
 * −20..+20: adjustment = round(0.4 · (avgEngagement − 50)), clamped to ±20. It is always computed
 * from the base score's point of view, so re-running a window sets the same score instead of
 * compounding.
 */
export function learnedAdjustment(avgEngagementScore: number): number {
  const raw = Math.round(0.4 * (avgEngagementScore - 50));
  return Math.max(-MAX_LEARNED_ADJUSTMENT, Math.min(MAX_LEARNED_ADJUSTMENT, raw)) || 0;
}
