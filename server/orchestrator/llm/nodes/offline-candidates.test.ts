import { describe, expect, it } from 'vitest';
import { GenerationContext } from './generation-context';
import { writeOfflineCandidates } from './offline-candidates';
import { OpportunityCandidatesOutput } from './opportunity-candidates';

const PILLARS = [
  { id: '11111111-1111-4111-8111-111111111111', name: 'Faster close', description: 'Close the books in days, not weeks.' },
  { id: '22222222-2222-4222-8222-222222222222', name: 'Audit readiness', description: 'Evidence auditors accept first time.' },
  { id: '33333333-3333-4333-8333-333333333333', name: 'Forecasting', description: 'Weekly forecasts the board trusts.' },
];
const PERSONAS = [
  {
    id: '44444444-4444-4444-8444-444444444444',
    name: 'Controller Cara',
    role: 'Controller',
    summary: 'Runs the close.',
    priorities: ['accuracy', 'speed', 'audit trail'],
  },
  {
    id: '55555555-5555-4555-8555-555555555555',
    name: 'CFO Chris',
    role: 'CFO',
    summary: 'Owns the forecast.',
    priorities: ['forecast', 'cash', 'board'],
  },
];

function context(signalCount: number, weights: { pillar?: number[] } = {}): GenerationContext {
  return GenerationContext.parse({
    brandName: 'Ledgerly',
    positioning: 'Ledgerly closes the books in three days.',
    toneTags: ['plain', 'practical', 'warm'],
    taboos: ['crypto'],
    channels: ['linkedin', 'x', 'newsletter'],
    pillars: PILLARS.map((pillar, index) => ({ ...pillar, dominant: false, weight: weights.pillar?.[index] ?? 0 })),
    personas: PERSONAS.map((persona) => ({ ...persona, weight: 0 })),
    channelWeights: {},
    board: [],
    signals: Array.from({ length: signalCount }, (_, index) => ({
      id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
      title: index === 3 ? 'Crypto treasury rules' : `Signal ${index}: the audit close forecast changes number ${index}`,
      summary:
        index % 2
          ? 'Short.'
          : 'A longer summary that tells a writer what happened, who said it, and why it matters for finance teams this quarter.',
      url: null,
      publishedOn: `2026-11-${String(20 + (index % 9)).padStart(2, '0')}`,
    })),
  });
}

describe('the offline idea generator', () => {
  it('answers the node schema, deterministically, every reason labelled', () => {
    const input = context(10);
    const output = OpportunityCandidatesOutput.parse(writeOfflineCandidates(input));
    expect(writeOfflineCandidates(input)).toEqual(output);
    for (const idea of output.candidates) {
      for (const sub of Object.values(idea.subScores)) expect(sub.reason).toMatch(/\(offline heuristic\)$/);
    }
  });

  it('makes one trend idea per usable signal (a taboo one is passed over), spread over pillars and personas', () => {
    const { candidates } = writeOfflineCandidates(context(10));
    const trends = candidates.filter((c) => c.type === 'trend');
    expect(trends).toHaveLength(9);
    expect(trends.flatMap((c) => c.signalIds)).not.toContain('00000000-0000-4000-8000-000000000003');
    const perPillar = PILLARS.map((p) => trends.filter((c) => c.pillar === p.id).length);
    expect(perPillar).toEqual([3, 3, 3]);
    expect(new Set(trends.map((c) => c.persona)).size).toBe(2);
    // One evergreen idea tops the list up to ten.
    expect(candidates).toHaveLength(10);
    // The sub-scores vary with the signal, so the scores spread.
    expect(new Set(trends.map((c) => JSON.stringify(Object.values(c.subScores).map((s) => s.score)))).size).toBeGreaterThan(2);
  });

  it('gives a brand with no signals ten evergreen ideas from its strategy alone', () => {
    const { candidates } = writeOfflineCandidates(context(0));
    expect(candidates).toHaveLength(10);
    expect(candidates.every((c) => c.type === 'evergreen' && c.signalIds.length === 0)).toBe(true);
    expect(new Set(candidates.map((c) => c.title)).size).toBe(10);
  });

  it('serves the pillar the team keeps choosing first', () => {
    const { candidates } = writeOfflineCandidates(context(0, { pillar: [-0.3, 0, 0.4] }));
    expect(candidates[0]!.pillar).toBe(PILLARS[2]!.id);
  });
});
