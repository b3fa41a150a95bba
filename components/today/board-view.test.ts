import { describe, expect, it } from 'vitest';
import { learnedLine, viewBoard } from './board-view';

const card = (id: string, values: Partial<Parameters<typeof viewBoard>[0][number]> = {}) => ({
  id,
  isPinned: false,
  score: 50,
  lastTouchedAt: new Date('2026-11-01T00:00:00Z'),
  createdAt: new Date('2026-11-01T00:00:00Z'),
  expiresAt: null as Date | null,
  title: `Idea ${id}`,
  angle: 'An angle',
  whyNow: null as string | null,
  source: 'manual',
  pillarHandle: null,
  personaHandle: null,
  ...values,
});

describe('viewBoard', () => {
  const board = [
    card('a', { isPinned: true, score: 20, createdAt: new Date('2026-10-01T00:00:00Z') }),
    card('b', {
      score: 90,
      createdAt: new Date('2026-11-20T00:00:00Z'),
      expiresAt: new Date('2026-12-20T00:00:00Z'),
      title: 'Cash flow in winter',
    }),
    card('c', {
      score: 80,
      createdAt: new Date('2026-11-10T00:00:00Z'),
      expiresAt: new Date('2026-12-02T00:00:00Z'),
      whyNow: 'Rates moved',
    }),
    card('d', { score: 70, createdAt: new Date('2026-11-25T00:00:00Z') }),
  ];

  it('ranks by score as the server does (pinned, score, last touched), and keeps pinned cards first in every sort', () => {
    expect(viewBoard(board, 'score', '').map((o) => o.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(viewBoard(board, 'newest', '').map((o) => o.id)).toEqual(['a', 'd', 'b', 'c']);
    expect(viewBoard(board, 'expiring', '').map((o) => o.id)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('searches every word in the title, angle, why now and handles, ignoring case', () => {
    expect(viewBoard(board, 'score', 'CASH winter').map((o) => o.id)).toEqual(['b']);
    expect(viewBoard(board, 'score', 'rates').map((o) => o.id)).toEqual(['c']);
    expect(viewBoard(board, 'score', 'nothing-like-this')).toEqual([]);
  });
});

describe('learnedLine', () => {
  it('says the move in words and keeps the evidence, or nothing when learning did not move the score', () => {
    expect(learnedLine({ learnedAdjustment: 0, scoreExplanation: 'Initial score 40' })).toBeNull();
    expect(
      learnedLine({
        learnedAdjustment: 6,
        scoreExplanation: 'Learned +6: 3 published variants averaged 78/100 engagement for their channels.',
      }),
    ).toBe('Scored up 6: 3 published variants averaged 78/100 engagement for their channels.');
    expect(learnedLine({ learnedAdjustment: -4, scoreExplanation: null })).toBe('Scored down 4 by what your published posts did.');
  });
});
