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
}

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
 * choice is stable for the same board.
 *
 * Persona and channel follow the chosen pillar: among its opportunities on the board, the persona and
 * the channel with the highest summed score (ties: more opportunities, then id / the brand's primary
 * channel first, then alphabetical). With no pillar to focus on, the whole board is used, and an empty
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
    ),
    primaryChannel:
      leader(
        pool,
        (o) => o.primaryChannel,
        (a, b) => channelOrder(a, b, input.brandPrimaryChannel),
      ) ?? input.brandPrimaryChannel,
  };
}

export function pillarFocusWeight(pillar: FocusPillar, totalHighScore: number, recentPillarIds: (string | null)[]): number {
  const density = totalHighScore > 0 ? pillar.highScoreCount / totalHighScore : 0;
  const recent = recentPillarIds.length;
  const neglect = recent > 0 ? 1 - recentPillarIds.filter((id) => id === pillar.id).length / recent : 1;
  return 0.7 * density + 0.3 * neglect;
}

function choosePillar(input: FocusPolicyInput): FocusPillar | null {
  const candidates = input.pillars.filter((p) => p.liveCount > 0);
  const totalHighScore = candidates.reduce((sum, p) => sum + p.highScoreCount, 0);
  const weighted = candidates.map((pillar) => ({
    pillar,
    weight: pillarFocusWeight(pillar, totalHighScore, input.recentPackagePillarIds),
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

/** The key with the highest summed score among the opportunities, or null when none has a key. */
function leader<K extends string>(
  opportunities: FocusOpportunity[],
  key: (opportunity: FocusOpportunity) => K | null,
  tieBreak: (a: K, b: K) => number,
): K | null {
  const totals = new Map<K, { score: number; count: number }>();
  for (const opportunity of opportunities) {
    const subject = key(opportunity);
    if (subject === null) continue;
    const total = totals.get(subject) ?? { score: 0, count: 0 };
    totals.set(subject, { score: total.score + opportunity.score, count: total.count + 1 });
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
