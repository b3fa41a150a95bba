import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { opportunityDedupeKey } from './dedupe';
import { scoreBand } from './dto';
import { initialScore } from './initial-score';
import { type OpportunityRow, toOpportunityDTO } from './mapping';

const NOW = new Date('2026-04-01T09:00:00.000Z');
const daysAgo = (days: number) => addDays(NOW, -days);

describe('scoreBand', () => {
  it('is low below 40, medium from 40 below 70, and high from 70', () => {
    expect([0, 39, 40, 69, 70, 100].map(scoreBand)).toEqual(['low', 'low', 'medium', 'medium', 'high', 'high']);
  });
});

describe('opportunityDedupeKey', () => {
  it('ignores case, punctuation and spacing of title and source', () => {
    expect(opportunityDedupeKey('  The Close — in 5 Days!  ', 'Ledger.io')).toBe(opportunityDedupeKey('the close in 5 days', 'LEDGERIO'));
    expect(opportunityDedupeKey('Close in 5 days', 'Feed')).not.toBe(opportunityDedupeKey('Close in 6 days', 'Feed'));
    expect(opportunityDedupeKey('Close', 'Feed A')).not.toBe(opportunityDedupeKey('Close', 'Feed B'));
  });
});

describe('initialScore', () => {
  it('starts from the type and adds freshness by the age of the source', () => {
    const score = (type: Parameters<typeof initialScore>[0], days: number | null) =>
      initialScore(type, days === null ? null : daysAgo(days), NOW).score;
    expect([score('trend', 0.5), score('trend', 2), score('trend', 5), score('trend', 20), score('trend', 45)]).toEqual([
      75, 67, 61, 55, 45,
    ]);
    expect([score('campaign', null), score('competitive', null), score('trend', null)]).toEqual([50, 45, 55]);
    expect(score('competitive', 1)).toBe(57);
  });

  it('does not age evergreen ideas, and treats a future source date as brand new', () => {
    expect(initialScore('evergreen', daysAgo(400), NOW).score).toBe(40);
    expect(initialScore('trend', daysAgo(-3), NOW).score).toBe(75);
  });

  it('explains the figure it gives', () => {
    expect(initialScore('trend', daysAgo(45), NOW).explanation).toBe(
      'Initial score 45: trend ideas start at 55; −10 for a source 45 day(s) old.',
    );
  });
});

describe('toOpportunityDTO', () => {
  it('drops the tenant id and dedupe key and derives handles, snooze state and band', () => {
    const row: OpportunityRow = {
      id: '5d3c3f9e-8a61-4c1e-9a43-0f6c3a1e2b7d',
      tenantId: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      brandId: '1b2c3d4e-5f6a-4b7c-8d9e-0f1a2b3c4d5e',
      type: 'trend',
      score: 70,
      baseScore: 70,
      learnedAdjustment: 0,
      scoreExplanation: null,
      title: 'T',
      angle: 'A',
      source: 'S',
      sourceUrl: null,
      dedupeKey: 't|s',
      personaId: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f',
      pillarId: '3d4e5f6a-7b8c-4d9e-8f1a-2b3c4d5e6f7a',
      primaryChannel: 'x',
      suggestedChannels: ['x'],
      isPinned: false,
      snoozedUntil: new Date(NOW.getTime() + 1),
      createdVia: 'manual',
      createdByUserId: null,
      lastTouchedAt: NOW,
      expiresAt: null,
      metadata: {},
      dismissedAt: null,
      dismissedReason: null,
      whyNow: null,
      subScores: null,
      signalIds: [],
      generationRunId: null,
      createdAt: NOW,
      updatedAt: NOW,
      deletedAt: null,
    };
    const dto = toOpportunityDTO(row, { personaName: 'P', pillarName: null }, NOW);
    expect(dto).not.toHaveProperty('tenantId');
    expect(dto).not.toHaveProperty('dedupeKey');
    expect(dto).toMatchObject({ personaHandle: { id: row.personaId, name: 'P' }, pillarHandle: null, isSnoozed: true, scoreBand: 'high' });
    expect(toOpportunityDTO({ ...row, snoozedUntil: NOW }, { personaName: null, pillarName: null }, NOW).isSnoozed).toBe(false);
  });
});
