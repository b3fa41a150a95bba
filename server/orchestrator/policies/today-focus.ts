import type { Channel } from '../../../engines/enums';

export interface FocusPillar {
  id: string;
  name: string;
  priorityRank: number | null;
  liveCount: number;
  highScoreCount: number;
}

export interface FocusOpportunity {
  id: string;
  score: number;
  pillarId: string | null;
  personaId: string | null;
  primaryChannel: Channel;
}

export interface FocusPolicyInput {
  pillars: FocusPillar[];
  /** The ranked board (top N live opportunities). */
  opportunities: FocusOpportunity[];
  /** Pillar of each recent package, newest first; null for packages with no pillar. */
  recentPackagePillarIds: (string | null)[];
  brandPrimaryChannel: Channel;
  /**
   * What the team's decisions taught (the learning engine's decision weights, −0.5 … +0.5 per key;
   * a missing key is 0). Absent for a brand that has not been learned from.
   */
  decisionWeights?: { pillars: Record<string, number>; personas: Record<string, number>; channels: Record<string, number> };
}

/** How far a decision weight moves a pillar's focus weight: at most ±0.25 against density and neglect's 0–1. */
export const DECISION_LEAN = 0.5;

export interface FocusChoice {
  primaryPillarId: string | null;
  primaryPersonaId: string | null;
  primaryChannel: Channel;
}

/**
 * Focus policy: "what should the team work on today?"
 *
 * Every pillar with at least one live opportunity is a candidate. Its focus weight is
 *   0.7 × density + 0.3 × neglect
 * where density is the pillar's share of the brand's live high-score (≥ 70) opportunities — where the
 * best ideas are now — and neglect is 1 minus the pillar's share of the recent packages — a pillar the
 * team has not worked on lately gets a lift so the content mix does not collapse onto one theme. With no
 * recent packages every pillar is equally neglected and density decides. Ties go to more high-score
 * opportunities, then more live ones, then the better priority rank, then the name, then the id, so the
 * choice is stable for the same board. The team's decisions lean it: the pillar's decision weight
 * times DECISION_LEAN is added, so a pillar the team keeps pinning and building from rises and one it
 * keeps dismissing sinks, without outweighing where the best ideas are.
 *
 * Persona and channel follow the chosen pillar: among its opportunities on the board, the persona and
 * the channel with the highest summed score, each score scaled by 1 + the key's decision weight (ties:
 * more opportunities, then id / the brand's primary channel first, then alphabetical). With no pillar to focus on, the whole board is used, and an empty
 * board falls back to the brand's primary channel with no pillar or persona.
 */
export function chooseTodayFocus(input: FocusPolicyInput): FocusChoice {
  const pillar = choosePillar(input);
  const slice = pillar ? input.opportunities.filter((o) => o.pillarId === pillar.id) : input.opportunities;
  const pool = slice.length > 0 ? slice : input.opportunities;
  return {
    primaryPillarId: pillar?.id ?? null,
    primaryPersonaId: leader(
      pool,
      (o) => o.personaId,
      (a, b) => a.localeCompare(b),
      input.decisionWeights?.personas,
    ),
    primaryChannel:
      leader(
        pool,
        (o) => o.primaryChannel,
        (a, b) => channelOrder(a, b, input.brandPrimaryChannel),
        input.decisionWeights?.channels,
      ) ?? input.brandPrimaryChannel,
  };
}

export function pillarFocusWeight(
  pillar: FocusPillar,
  totalHighScore: number,
  recentPillarIds: (string | null)[],
  decisionWeight = 0,
): number {
  const density = totalHighScore > 0 ? pillar.highScoreCount / totalHighScore : 0;
  const recent = recentPillarIds.length;
  const neglect = recent > 0 ? 1 - recentPillarIds.filter((id) => id === pillar.id).length / recent : 1;
  return 0.7 * density + 0.3 * neglect + DECISION_LEAN * decisionWeight;
}

function choosePillar(input: FocusPolicyInput): FocusPillar | null {
  const candidates = input.pillars.filter((p) => p.liveCount > 0);
  const totalHighScore = candidates.reduce((sum, p) => sum + p.highScoreCount, 0);
  const weighted = candidates.map((pillar) => ({
    pillar,
    weight: pillarFocusWeight(pillar, totalHighScore, input.recentPackagePillarIds, input.decisionWeights?.pillars[pillar.id] ?? 0),
  }));
  weighted.sort(
    (a, b) =>
      b.weight - a.weight ||
      b.pillar.highScoreCount - a.pillar.highScoreCount ||
      b.pillar.liveCount - a.pillar.liveCount ||
      (a.pillar.priorityRank ?? Number.MAX_SAFE_INTEGER) - (b.pillar.priorityRank ?? Number.MAX_SAFE_INTEGER) ||
      a.pillar.name.localeCompare(b.pillar.name) ||
      a.pillar.id.localeCompare(b.pillar.id),
  );
  return weighted[0]?.pillar ?? null;
}

/**
 * The key with the highest summed score among the opportunities (each scaled by 1 + the key's
 * decision weight), or null when none has a key.
 */
function leader<K extends string>(
  opportunities: FocusOpportunity[],
  key: (opportunity: FocusOpportunity) => K | null,
  tieBreak: (a: K, b: K) => number,
  weights: Record<string, number> = {},
): K | null {
  const totals = new Map<K, { score: number; count: number }>();
  for (const opportunity of opportunities) {
    const subject = key(opportunity);
    if (subject === null) continue;
    const total = totals.get(subject) ?? { score: 0, count: 0 };
    totals.set(subject, { score: total.score + opportunity.score * (1 + (weights[subject] ?? 0)), count: total.count + 1 });
  }
  const ranked = [...totals.entries()].sort(
    ([leftKey, left], [rightKey, right]) => right.score - left.score || right.count - left.count || tieBreak(leftKey, rightKey),
  );
  return ranked[0]?.[0] ?? null;
}

function channelOrder(a: Channel, b: Channel, primary: Channel): number {
  if (a === primary) return -1;
  if (b === primary) return 1;
  return a.localeCompare(b);
}

/** How many recent packages a hint needs before it says anything about the mix. */
const MIN_PACKAGES_FOR_HINTS = 4;
/** A pillar holding more than this share of the recent packages is over-served. */
const OVER_SERVED_SHARE = 0.5;

export interface PillarHint {
  pillarId: string;
  name: string;
  /** The plain reason, e.g. "none of the last 10 packages". */
  detail: string;
}

export interface PillarBalance {
  neglected: PillarHint[];
  overServed: PillarHint[];
}

/**
 * Which of the brand's pillars the recent packages left out (neglected) and which took more than half
 * of them (over-served), for a plain line on the Today page. Counts only, in pillar order, so the
 * same packages always give the same hints; nothing is said with fewer than four recent packages.
 */
export function pillarBalance(
  pillars: readonly Pick<FocusPillar, 'id' | 'name'>[],
  recentPackagePillarIds: (string | null)[],
): PillarBalance {
  const recent = recentPackagePillarIds.length;
  if (recent < MIN_PACKAGES_FOR_HINTS) return { neglected: [], overServed: [] };
  const counts = new Map<string, number>();
  for (const id of recentPackagePillarIds) if (id !== null) counts.set(id, (counts.get(id) ?? 0) + 1);
  const lastPackages = `the last ${recent} packages`;
  return {
    neglected: pillars.filter((p) => !counts.has(p.id)).map((p) => ({ pillarId: p.id, name: p.name, detail: `none of ${lastPackages}` })),
    overServed: pillars
      .filter((p) => (counts.get(p.id) ?? 0) / recent > OVER_SERVED_SHARE)
      .map((p) => ({ pillarId: p.id, name: p.name, detail: `${counts.get(p.id)} of ${lastPackages}` })),
  };
}
