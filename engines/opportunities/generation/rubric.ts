import { addDays } from '../../../lib/dates';
import type { OpportunityType } from '../../enums';
import { normalizeForDedupe } from '../dedupe';
import { HIGH_SCORE, MEDIUM_SCORE } from '../dto';
import type { BoardClass, SubScores } from './dto';

// The opportunity rubric (../shared/RUBRICS.md) as deterministic rules: the score formula and its cap,
// near-duplicate titles, the portfolio cap, expiry and the board's class. Pure functions, so the unit
// tests pin every number without a database.

/** The rubric's weights, in hundredths, so the score is computed in whole numbers (no float drift). */
const WEIGHTS: Record<keyof SubScores, number> = {
  clarity: 25,
  strategicFit: 25,
  timeliness: 20,
  differentiation: 15,
  executionReadiness: 15,
};
/** An idea that is unclear, or fits no part of the strategy, is capped here whatever else it has. */
export const UNCLEAR_OR_OFF_STRATEGY_CAP = 40;

/** round(100 × Σ wᵢ·subᵢ / 4); at most 40 when clarity or strategic fit is 0. */
export function rubricScore(subScores: SubScores): number {
  const weighted = (Object.keys(WEIGHTS) as (keyof SubScores)[]).reduce((sum, key) => sum + WEIGHTS[key] * subScores[key].score, 0);
  // `weighted` is already 100 × Σ wᵢ·subᵢ; dividing by 4 maps the 0–4 scale onto 0–100.
  const score = Math.round(weighted / 4);
  const capped = subScores.clarity.score === 0 || subScores.strategicFit.score === 0;
  return capped ? Math.min(score, UNCLEAR_OR_OFF_STRATEGY_CAP) : score;
}

/** The score's explanation as the card shows it. */
export function rubricExplanation(subScores: SubScores, score: number): string {
  const parts = `clarity ${subScores.clarity.score}, fit ${subScores.strategicFit.score}, timeliness ${subScores.timeliness.score}, differentiation ${subScores.differentiation.score}, readiness ${subScores.executionReadiness.score}`;
  const capped = (subScores.clarity.score === 0 || subScores.strategicFit.score === 0) && score === UNCLEAR_OR_OFF_STRATEGY_CAP;
  return `Rubric score ${score} (${parts}, each of 4)${capped ? '; capped at 40 because clarity or fit is 0' : ''}.`;
}

/** Two titles at or above this similarity are the same idea. */
export const NEAR_DUPLICATE_SIMILARITY = 0.75;

/**
 * The Sørensen–Dice coefficient over character bigrams of the normalised titles (normalizeForDedupe,
 * spaces removed): 2·|A ∩ B| / (|A| + |B|) with A and B as multisets. Character bigrams, not words,
 * so "AI agents close the books" and "AI agent closes the books" are near-duplicates (0.9) while
 * two titles that share only common words are not. 1 for equal titles, 0 for nothing in common.
 */
export function titleSimilarity(a: string, b: string): number {
  const left = normalizeForDedupe(a).replace(/\s+/g, '');
  const right = normalizeForDedupe(b).replace(/\s+/g, '');
  if (left === right) return 1;
  if (left.length < 2 || right.length < 2) return 0;
  const counts = new Map<string, number>();
  for (const bigram of bigrams(left)) counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  let shared = 0;
  for (const bigram of bigrams(right)) {
    const unmatched = counts.get(bigram) ?? 0;
    if (unmatched > 0) {
      shared++;
      counts.set(bigram, unmatched - 1);
    }
  }
  return (2 * shared) / (left.length - 1 + (right.length - 1));
}

function bigrams(text: string): string[] {
  const chars = Array.from(text);
  return chars.slice(1).map((char, index) => chars[index] + char);
}

/** A trend is worth posting while it is news: two weeks. Other types stay until a person acts. */
export const TREND_EXPIRY_DAYS = 14;

export function generatedExpiry(type: OpportunityType, now: Date): Date | null {
  return type === 'trend' ? addDays(now, TREND_EXPIRY_DAYS) : null;
}

/** No pillar takes more than this share of the live board unless the strategy marks it dominant. */
export const PORTFOLIO_CAP = 0.6;
/**
 * The cap binds from this board size on. On a smaller board a share says little (one idea is 100%),
 * and the board's class already calls it thin; dropping ideas there would only leave it emptier.
 */
export const PORTFOLIO_CAP_MIN_BOARD = 5;

export interface CapCandidate {
  pillarId: string;
  score: number;
}

/**
 * Which candidates the portfolio cap drops. While the board (the live ideas plus the candidates still
 * kept) has at least PORTFOLIO_CAP_MIN_BOARD ideas and a pillar that is not dominant holds more than
 * 60% of it, that pillar's lowest-scoring candidate is dropped; ideas already on the board are never
 * touched. Returns the dropped candidates' indexes.
 */
export function portfolioCapDrops(
  livePillarCounts: ReadonlyMap<string, number>,
  liveTotal: number,
  candidates: readonly CapCandidate[],
  dominantPillarIds: ReadonlySet<string>,
): Set<number> {
  const dropped = new Set<number>();
  for (;;) {
    const kept = candidates.map((candidate, index) => ({ ...candidate, index })).filter((c) => !dropped.has(c.index));
    const total = liveTotal + kept.length;
    if (total < PORTFOLIO_CAP_MIN_BOARD) return dropped;
    const counts = new Map(livePillarCounts);
    for (const candidate of kept) counts.set(candidate.pillarId, (counts.get(candidate.pillarId) ?? 0) + 1);
    const over = [...counts.entries()]
      .filter(([pillarId, count]) => !dominantPillarIds.has(pillarId) && count > PORTFOLIO_CAP * total)
      .filter(([pillarId]) => kept.some((c) => c.pillarId === pillarId))
      .sort((a, b) => b[1] - a[1]);
    const pillar = over[0]?.[0];
    if (pillar === undefined) return dropped;
    const lowest = kept.filter((c) => c.pillarId === pillar).sort((a, b) => a.score - b.score || b.index - a.index)[0]!;
    dropped.add(lowest.index);
  }
}

export interface BoardItem {
  score: number;
  pillarId: string | null;
  personaId: string | null;
}

export const GOOD_BOARD = { minItems: 8, maxItems: 16, minPillars: 2, minPersonas: 2, minHigh: 4, maxLowShare: 0.3 } as const;
export const BAD_BOARD_MIN_ITEMS = 6;

/**
 * The board's class after a run. Bad: fewer than 6 live ideas, or half (or more) of this run's
 * candidates broke a hard rule (empty title or angle, unknown pillar or persona, taboo). Good: 8–16
 * live ideas over at least 2 pillars and 2 personas, at least 4 scoring ≥ 70 and at most 30% below 40.
 * Anything else is partial, with what keeps it from good.
 */
export function classifyBoard(live: readonly BoardItem[], run: { proposed: number; hardFailures: number }): BoardClass {
  if (run.proposed > 0 && run.hardFailures * 2 >= run.proposed) {
    return {
      class: 'bad',
      reason: `${run.hardFailures} of the ${run.proposed} proposed ideas broke a hard rule (taboo, unknown pillar or persona, empty angle).`,
    };
  }
  if (live.length < BAD_BOARD_MIN_ITEMS) {
    return {
      class: 'bad',
      reason: `Only ${live.length} live idea${live.length === 1 ? '' : 's'}: a usable board has at least ${BAD_BOARD_MIN_ITEMS}.`,
    };
  }
  const pillars = new Set(live.flatMap((item) => (item.pillarId ? [item.pillarId] : []))).size;
  const personas = new Set(live.flatMap((item) => (item.personaId ? [item.personaId] : []))).size;
  const high = live.filter((item) => item.score >= HIGH_SCORE).length;
  const low = live.filter((item) => item.score < MEDIUM_SCORE).length;
  const gaps: string[] = [];
  if (live.length < GOOD_BOARD.minItems || live.length > GOOD_BOARD.maxItems) {
    gaps.push(`${live.length} live ideas (a good board has ${GOOD_BOARD.minItems}–${GOOD_BOARD.maxItems})`);
  }
  if (pillars < GOOD_BOARD.minPillars)
    gaps.push(`${pillars} pillar${pillars === 1 ? '' : 's'} covered (at least ${GOOD_BOARD.minPillars})`);
  if (personas < GOOD_BOARD.minPersonas)
    gaps.push(`${personas} persona${personas === 1 ? '' : 's'} served (at least ${GOOD_BOARD.minPersonas})`);
  if (high < GOOD_BOARD.minHigh)
    gaps.push(`${high} idea${high === 1 ? '' : 's'} scoring ${HIGH_SCORE} or more (at least ${GOOD_BOARD.minHigh})`);
  if (low > GOOD_BOARD.maxLowShare * live.length) {
    gaps.push(`${low} of ${live.length} ideas below ${MEDIUM_SCORE} (at most ${Math.round(GOOD_BOARD.maxLowShare * 100)}%)`);
  }
  if (gaps.length) return { class: 'partial', reason: `Not yet good: ${gaps.join('; ')}.` };
  return {
    class: 'good',
    reason: `${live.length} live ideas over ${pillars} pillars and ${personas} personas; ${high} score ${HIGH_SCORE} or more, ${low} below ${MEDIUM_SCORE}.`,
  };
}
