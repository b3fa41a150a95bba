import { describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import type { SubScores } from './dto';
import {
  type BoardItem,
  classifyBoard,
  generatedExpiry,
  NEAR_DUPLICATE_SIMILARITY,
  PORTFOLIO_CAP_MIN_BOARD,
  portfolioCapDrops,
  rubricExplanation,
  rubricScore,
  TREND_EXPIRY_DAYS,
  titleSimilarity,
} from './rubric';

const subScores = (
  clarity: number,
  strategicFit: number,
  timeliness: number,
  differentiation: number,
  executionReadiness: number,
): SubScores => ({
  clarity: { score: clarity, reason: 'c' },
  strategicFit: { score: strategicFit, reason: 'f' },
  timeliness: { score: timeliness, reason: 't' },
  differentiation: { score: differentiation, reason: 'd' },
  executionReadiness: { score: executionReadiness, reason: 'r' },
});

describe('the rubric score', () => {
  it.each([
    [[4, 4, 4, 4, 4], 100],
    [[0, 0, 0, 0, 0], 0],
    // (100 + 100 + 20 + 30 + 60) / 4 = 77.5, rounded half up
    [[4, 4, 1, 2, 4], 78],
    // (75 + 75 + 40 + 30 + 45) / 4 = 66.25
    [[3, 3, 2, 2, 3], 66],
    // (50 + 75 + 80 + 15 + 30) / 4 = 62.5
    [[2, 3, 4, 1, 2], 63],
    // (25 + 25 + 0 + 0 + 0) / 4 = 12.5
    [[1, 1, 0, 0, 0], 13],
  ])('weighs %j as 0.25 / 0.25 / 0.20 / 0.15 / 0.15 of 4 → %i', (scores, expected) => {
    const [c, f, t, d, r] = scores as [number, number, number, number, number];
    expect(rubricScore(subScores(c, f, t, d, r))).toBe(expected);
  });

  it('caps the score at 40 when clarity or strategic fit is 0, and says so', () => {
    expect(rubricScore(subScores(0, 4, 4, 4, 4))).toBe(40);
    expect(rubricScore(subScores(4, 0, 4, 4, 4))).toBe(40);
    expect(rubricExplanation(subScores(4, 0, 4, 4, 4), 40)).toMatch(/capped at 40/);
    // Below the cap the computed score stands.
    expect(rubricScore(subScores(0, 1, 1, 0, 0))).toBe(11);
    expect(rubricExplanation(subScores(4, 4, 1, 2, 4), 78)).toBe(
      'Rubric score 78 (clarity 4, fit 4, timeliness 1, differentiation 2, readiness 4, each of 4).',
    );
  });
});

describe('title similarity (Sørensen–Dice over character bigrams of the normalised title)', () => {
  it('is 1 for the same title however it is cased, spaced or punctuated', () => {
    expect(titleSimilarity('AI agents close the books!', '  ai AGENTS close the books ')).toBe(1);
  });

  it('finds a reworded title a near-duplicate and a different idea not', () => {
    expect(titleSimilarity('AI agents close the books', 'AI agent closes the books')).toBeGreaterThanOrEqual(NEAR_DUPLICATE_SIMILARITY);
    expect(titleSimilarity('Audit season starts early', 'Why the close takes ten days')).toBeLessThan(0.3);
    expect(titleSimilarity('The controller’s checklist: faster close', 'The controller’s checklist: audit readiness')).toBeLessThan(
      NEAR_DUPLICATE_SIMILARITY,
    );
  });

  it('counts repeated bigrams as a multiset: "aaaa" and "aa" share one of four', () => {
    // bigrams aa,aa,aa vs aa: one shared → 2·1 / (3 + 1)
    expect(titleSimilarity('aaaa', 'aa')).toBe(0.5);
    expect(titleSimilarity('a', 'b')).toBe(0);
  });
});

describe('expiry', () => {
  it(`gives trend ideas ${TREND_EXPIRY_DAYS} days and no other type an expiry`, () => {
    const now = new Date('2026-11-30T10:00:00Z');
    expect(generatedExpiry('trend', now)).toEqual(addDays(now, 14));
    expect(generatedExpiry('evergreen', now)).toBeNull();
    expect(generatedExpiry('competitive', now)).toBeNull();
    expect(generatedExpiry('campaign', now)).toBeNull();
  });
});

describe('the portfolio cap', () => {
  const none = new Map<string, number>();

  it('drops the lowest-scoring new ideas of a pillar above 60% of the board', () => {
    const candidates = [
      { pillarId: 'a', score: 90 },
      { pillarId: 'a', score: 50 },
      { pillarId: 'a', score: 80 },
      { pillarId: 'a', score: 40 },
      { pillarId: 'a', score: 60 },
      { pillarId: 'a', score: 65 },
      { pillarId: 'b', score: 70 },
      { pillarId: 'c', score: 70 },
    ];
    // 6 of 8 is 75%; dropping the 40 leaves 5 of 7 (71%), dropping the 50 leaves 4 of 6 (67%), then 3 of 5.
    expect([...portfolioCapDrops(none, 0, candidates, new Set())].sort()).toEqual([1, 3, 4]);
  });

  it(`binds only from a board of ${PORTFOLIO_CAP_MIN_BOARD} ideas on`, () => {
    const four = [1, 2, 3].map((score) => ({ pillarId: 'a', score })).concat({ pillarId: 'b', score: 4 });
    expect(portfolioCapDrops(none, 0, four, new Set()).size).toBe(0);
    // 5 of 6: the lowest goes (4 of 5 is still over, so the next), until 3 of 4 stays below the size.
    const six = [1, 2, 3, 4, 5].map((score) => ({ pillarId: 'a', score })).concat({ pillarId: 'b', score: 6 });
    expect([...portfolioCapDrops(none, 0, six, new Set())].sort()).toEqual([0, 1]);
  });

  it('counts the ideas already live and never drops them', () => {
    const live = new Map([['a', 5]]);
    // 5 live ideas of "a" in a board of 6: every new "a" idea goes, the "b" one stays.
    expect([
      ...portfolioCapDrops(
        live,
        6,
        [
          { pillarId: 'a', score: 99 },
          { pillarId: 'b', score: 10 },
        ],
        new Set(),
      ),
    ]).toEqual([0]);
    expect(portfolioCapDrops(live, 6, [{ pillarId: 'b', score: 10 }], new Set()).size).toBe(0);
  });

  it('leaves a dominant pillar alone', () => {
    const candidates = [1, 2, 3, 4].map((score) => ({ pillarId: 'a', score }));
    expect(portfolioCapDrops(none, 0, candidates, new Set(['a'])).size).toBe(0);
  });

  it('keeps a board at exactly 60%', () => {
    const candidates = [
      { pillarId: 'a', score: 1 },
      { pillarId: 'a', score: 2 },
      { pillarId: 'a', score: 3 },
      { pillarId: 'b', score: 4 },
      { pillarId: 'c', score: 5 },
    ];
    expect(portfolioCapDrops(none, 0, candidates, new Set()).size).toBe(0);
  });
});

describe('the board class', () => {
  const item = (score: number, pillarId: string | null = 'p1', personaId: string | null = 'q1'): BoardItem => ({
    score,
    pillarId,
    personaId,
  });
  const goodBoard = (): BoardItem[] => [
    item(90, 'p1', 'q1'),
    item(85, 'p2', 'q2'),
    item(75, 'p1', 'q2'),
    item(70, 'p2', 'q1'),
    item(60),
    item(55),
    item(45),
    item(35),
  ];
  const run = { proposed: 10, hardFailures: 0 };

  it('is good with 8–16 ideas over 2 pillars and 2 personas, 4 at 70 or more and at most 30% below 40', () => {
    expect(classifyBoard(goodBoard(), run)).toEqual({
      class: 'good',
      reason: expect.stringMatching(/^8 live ideas over 2 pillars and 2 personas/),
    });
  });

  it('is partial when it misses one of those, naming what', () => {
    expect(
      classifyBoard(
        goodBoard().map((i) => ({ ...i, pillarId: 'p1' })),
        run,
      ),
    ).toEqual({
      class: 'partial',
      reason: expect.stringContaining('1 pillar covered (at least 2)'),
    });
    // 3 of 10 below 40 is exactly 30%: still good; 4 of 11 is not.
    expect(classifyBoard([...goodBoard(), item(10), item(20)], run).class).toBe('good');
    expect(classifyBoard([...goodBoard(), item(10), item(20), item(30)], run).reason).toContain('4 of 11 ideas below 40 (at most 30%)');
    expect(classifyBoard([...goodBoard(), ...goodBoard(), item(50)], run).reason).toContain('17 live ideas (a good board has 8–16)');
    expect(
      classifyBoard(
        goodBoard().map((i) => ({ ...i, score: Math.min(i.score, 69) })),
        run,
      ).reason,
    ).toContain('0 ideas scoring 70');
  });

  it('is bad below 6 live ideas or when half the candidates broke a hard rule', () => {
    expect(classifyBoard(goodBoard().slice(0, 5), run)).toEqual({
      class: 'bad',
      reason: 'Only 5 live ideas: a usable board has at least 6.',
    });
    expect(classifyBoard(goodBoard(), { proposed: 10, hardFailures: 5 })).toEqual({
      class: 'bad',
      reason: '5 of the 10 proposed ideas broke a hard rule (taboo, unknown pillar or persona, empty angle).',
    });
    expect(classifyBoard(goodBoard(), { proposed: 10, hardFailures: 4 }).class).toBe('good');
  });
});
