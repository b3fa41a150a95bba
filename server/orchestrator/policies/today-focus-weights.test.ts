import { describe, expect, it } from 'vitest';
import { chooseTodayFocus, DECISION_LEAN, type FocusPolicyInput, pillarBalance, pillarFocusWeight } from './today-focus';

const pillar = (id: string, name: string, rank: number) => ({ id, name, priorityRank: rank, liveCount: 2, highScoreCount: 2 });
const opportunity = (id: string, pillarId: string, personaId: string, channel: 'linkedin' | 'x', score = 72) => ({
  id,
  score,
  pillarId,
  personaId,
  primaryChannel: channel,
});

/** Two pillars with identical boards: the better-ranked one wins without weights. */
const even: FocusPolicyInput = {
  pillars: [pillar('p-cash', 'Cash flow', 1), pillar('p-audit', 'Audit readiness', 2)],
  opportunities: [
    opportunity('o1', 'p-cash', 'cara', 'linkedin'),
    opportunity('o2', 'p-cash', 'cara', 'linkedin'),
    opportunity('o3', 'p-audit', 'finn', 'x'),
    opportunity('o4', 'p-audit', 'finn', 'x'),
  ],
  recentPackagePillarIds: [],
  brandPrimaryChannel: 'linkedin',
};
const weights = (pillars: Record<string, number>, personas: Record<string, number> = {}, channels: Record<string, number> = {}) => ({
  pillars,
  personas,
  channels,
});

describe('the focus policy with decision weights', () => {
  it('adds the pillar’s weight × DECISION_LEAN to density and neglect', () => {
    const base = pillarFocusWeight(even.pillars[0]!, 4, []);
    expect(pillarFocusWeight(even.pillars[0]!, 4, [], 0.4)).toBeCloseTo(base + DECISION_LEAN * 0.4, 10);
    expect(pillarFocusWeight(even.pillars[0]!, 4, [], -0.5)).toBeCloseTo(base - 0.25, 10);
  });

  it('leans into a pillar with a positive weight and away from one with a negative weight', () => {
    expect(chooseTodayFocus(even).primaryPillarId).toBe('p-cash');
    expect(chooseTodayFocus({ ...even, decisionWeights: weights({ 'p-audit': 0.1 }) })).toMatchObject({
      primaryPillarId: 'p-audit',
      primaryPersonaId: 'finn',
      primaryChannel: 'x',
    });
    expect(chooseTodayFocus({ ...even, decisionWeights: weights({ 'p-cash': -0.05 }) }).primaryPillarId).toBe('p-audit');
  });

  it('does not let a weight outweigh where the best ideas are', () => {
    const lopsided: FocusPolicyInput = {
      ...even,
      pillars: [
        { ...even.pillars[0]!, highScoreCount: 6, liveCount: 6 },
        { ...even.pillars[1]!, highScoreCount: 0 },
      ],
    };
    expect(chooseTodayFocus({ ...lopsided, decisionWeights: weights({ 'p-cash': -0.5, 'p-audit': 0.5 }) }).primaryPillarId).toBe('p-cash');
  });

  it('scales persona and channel scores by 1 + their weight, deterministically', () => {
    const mixed: FocusPolicyInput = {
      ...even,
      opportunities: [opportunity('o1', 'p-cash', 'cara', 'linkedin', 80), opportunity('o2', 'p-cash', 'finn', 'x', 75)],
    };
    expect(chooseTodayFocus(mixed)).toMatchObject({ primaryPersonaId: 'cara', primaryChannel: 'linkedin' });
    const leaned = { ...mixed, decisionWeights: weights({}, { finn: 0.2 }, { x: 0.2, linkedin: -0.1 }) };
    expect(chooseTodayFocus(leaned)).toMatchObject({ primaryPersonaId: 'finn', primaryChannel: 'x' });
    expect(chooseTodayFocus(leaned)).toEqual(chooseTodayFocus(leaned));
  });
});

describe('pillarBalance', () => {
  const pillars = [
    { id: 'p-cash', name: 'Cash flow' },
    { id: 'p-audit', name: 'Audit readiness' },
    { id: 'p-tax', name: 'Tax' },
  ];

  it('names pillars with none of the recent packages, and one with more than half of them', () => {
    expect(pillarBalance(pillars, ['p-audit', 'p-audit', 'p-audit', 'p-tax', 'p-audit', null])).toEqual({
      neglected: [{ pillarId: 'p-cash', name: 'Cash flow', detail: 'none of the last 6 packages' }],
      overServed: [{ pillarId: 'p-audit', name: 'Audit readiness', detail: '4 of the last 6 packages' }],
    });
  });

  it('says nothing with fewer than four recent packages, or with an even mix', () => {
    expect(pillarBalance(pillars, ['p-audit', 'p-audit', 'p-audit'])).toEqual({ neglected: [], overServed: [] });
    expect(pillarBalance(pillars, ['p-cash', 'p-audit', 'p-tax', 'p-cash'])).toEqual({ neglected: [], overServed: [] });
  });
});
