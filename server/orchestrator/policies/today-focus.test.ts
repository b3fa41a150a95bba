import { describe, expect, it } from 'vitest';
import { chooseTodayFocus, type FocusOpportunity, type FocusPillar, pillarFocusWeight } from './today-focus';

const pillar = (id: string, liveCount: number, highScoreCount: number, priorityRank: number | null = null): FocusPillar => ({
  id,
  name: `Pillar ${id}`,
  priorityRank,
  liveCount,
  highScoreCount,
});

const opp = (
  id: string,
  score: number,
  pillarId: string | null,
  personaId: string | null,
  primaryChannel: FocusOpportunity['primaryChannel'] = 'linkedin',
): FocusOpportunity => ({
  id,
  score,
  pillarId,
  personaId,
  primaryChannel,
});

describe('chooseTodayFocus', () => {
  it('falls back to the brand primary channel with no pillar or persona on an empty board', () => {
    expect(
      chooseTodayFocus({ pillars: [pillar('a', 0, 0)], opportunities: [], recentPackagePillarIds: [], brandPrimaryChannel: 'newsletter' }),
    ).toEqual({ primaryPillarId: null, primaryPersonaId: null, primaryChannel: 'newsletter' });
  });

  it('focuses the only pillar of a single-pillar brand, whatever the recent packages', () => {
    const focus = chooseTodayFocus({
      pillars: [pillar('a', 2, 1)],
      opportunities: [opp('1', 80, 'a', 'p1', 'x'), opp('2', 30, 'a', 'p2', 'linkedin')],
      recentPackagePillarIds: ['a', 'a', 'a'],
      brandPrimaryChannel: 'linkedin',
    });
    expect(focus).toEqual({ primaryPillarId: 'a', primaryPersonaId: 'p1', primaryChannel: 'x' });
  });

  it('picks the pillar holding most high-score opportunities when nothing was produced recently', () => {
    const focus = chooseTodayFocus({
      pillars: [pillar('a', 10, 1), pillar('b', 3, 3)],
      opportunities: [opp('1', 90, 'b', 'p1'), opp('2', 50, 'a', 'p2')],
      recentPackagePillarIds: [],
      brandPrimaryChannel: 'linkedin',
    });
    expect(focus.primaryPillarId).toBe('b');
  });

  it('lifts a pillar neglected in recent packages over a slightly denser one', () => {
    // a: density 0.55, all recent packages → 0.385; b: density 0.45, neglected → 0.615
    const input = {
      pillars: [pillar('a', 11, 11), pillar('b', 9, 9)],
      opportunities: [opp('1', 90, 'a', 'p1'), opp('2', 85, 'b', 'p2')],
      recentPackagePillarIds: ['a', 'a', 'a', 'a'],
      brandPrimaryChannel: 'linkedin' as const,
    };
    expect(chooseTodayFocus(input).primaryPillarId).toBe('b');
    expect(chooseTodayFocus({ ...input, recentPackagePillarIds: [] }).primaryPillarId).toBe('a');
  });

  it('does not let neglect alone outweigh a strong density gap', () => {
    // a: 0.7 × 0.9 + 0.3 × 0 = 0.63; b: 0.7 × 0.1 + 0.3 × 1 = 0.37
    const focus = chooseTodayFocus({
      pillars: [pillar('a', 9, 9), pillar('b', 1, 1)],
      opportunities: [],
      recentPackagePillarIds: ['a'],
      brandPrimaryChannel: 'linkedin',
    });
    expect(focus.primaryPillarId).toBe('a');
  });

  it('ignores pillars with no live opportunity', () => {
    const focus = chooseTodayFocus({
      pillars: [pillar('a', 0, 0, 1), pillar('b', 1, 0, 2)],
      opportunities: [opp('1', 20, 'b', null)],
      recentPackagePillarIds: ['b'],
      brandPrimaryChannel: 'x',
    });
    expect(focus).toEqual({ primaryPillarId: 'b', primaryPersonaId: null, primaryChannel: 'linkedin' });
  });

  it('breaks equal weights by high-score count, then live count, then priority rank, then name', () => {
    const tiedOnWeight = { opportunities: [], recentPackagePillarIds: [], brandPrimaryChannel: 'linkedin' as const };
    expect(chooseTodayFocus({ ...tiedOnWeight, pillars: [pillar('b', 5, 0, 2), pillar('a', 3, 0, 1)] }).primaryPillarId).toBe('b');
    expect(chooseTodayFocus({ ...tiedOnWeight, pillars: [pillar('b', 3, 0, 2), pillar('a', 3, 0, 1)] }).primaryPillarId).toBe('a');
    expect(chooseTodayFocus({ ...tiedOnWeight, pillars: [pillar('b', 3, 0, null), pillar('a', 3, 0, null)] }).primaryPillarId).toBe('a');
  });

  it('chooses persona and channel by summed score within the focus pillar', () => {
    const focus = chooseTodayFocus({
      pillars: [pillar('a', 3, 2), pillar('b', 1, 0)],
      opportunities: [
        opp('1', 80, 'a', 'p1', 'x'),
        opp('2', 75, 'a', 'p2', 'newsletter'),
        opp('3', 60, 'a', 'p2', 'newsletter'),
        opp('4', 99, 'b', 'p3', 'linkedin'),
      ],
      recentPackagePillarIds: [],
      brandPrimaryChannel: 'linkedin',
    });
    expect(focus).toEqual({ primaryPillarId: 'a', primaryPersonaId: 'p2', primaryChannel: 'newsletter' });
  });

  it('prefers the brand primary channel when channel totals tie', () => {
    const focus = chooseTodayFocus({
      pillars: [pillar('a', 2, 0)],
      opportunities: [opp('1', 50, 'a', 'p1', 'x'), opp('2', 50, 'a', 'p1', 'newsletter')],
      recentPackagePillarIds: [],
      brandPrimaryChannel: 'newsletter',
    });
    expect(focus.primaryChannel).toBe('newsletter');
  });
});

describe('pillarFocusWeight', () => {
  it('weighs density 0.7 and neglect 0.3', () => {
    expect(pillarFocusWeight(pillar('a', 4, 2), 4, ['a', 'b', 'b', 'b'])).toBeCloseTo(0.7 * 0.5 + 0.3 * 0.75);
  });
});
