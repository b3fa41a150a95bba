import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../lib/dates';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { movableClock } from '../../../test/fixtures/opportunities';
import { type EngineSet, enginesOver } from '../../index';
import type { GenerationCandidate } from './dto';

let handle: TestDatabase;
let set: EngineSet;
// Rows take their created_at from the database's clock, so the engines' clock starts at the real now.
const START = new Date();
const time = movableClock(START);

beforeAll(async () => {
  handle = await createTestDatabase();
  set = enginesOver(handle, time.clock);
});
afterAll(() => handle.close());

function candidate(fx: TenantFixture, title: string, timeliness = 3, changes: Partial<GenerationCandidate> = {}): GenerationCandidate {
  const sub = (score: number) => ({ score, reason: 'engine test' });
  return {
    title,
    angle: 'Show controllers how to do it in three steps.',
    whyNow: 'Audit season starts in two weeks.',
    type: 'trend',
    pillar: fx.pillarIds[0],
    persona: fx.personaIds[0],
    channels: ['linkedin', 'x'],
    signalIds: [],
    subScores: { clarity: sub(4), strategicFit: sub(4), timeliness: sub(timeliness), differentiation: sub(3), executionReadiness: sub(3) },
    ...changes,
  };
}

const land = (fx: TenantFixture, candidates: GenerationCandidate[]) =>
  set.engines.opportunities.landCandidates(fx, { runId: randomUUID(), candidates });

describe('landing generated candidates', () => {
  it('stores a passing candidate with its rubric score, why-now, sub-scores, run and trend expiry', async () => {
    const fx = await createTenantFixture(handle.db, 'Land Store Co');
    const runId = randomUUID();
    const result = await set.engines.opportunities.landCandidates(fx, {
      runId,
      candidates: [candidate(fx, 'Three steps to a faster close', 4)],
    });
    // (100 + 100 + 80 + 45 + 45) / 4 = 92.5 → 93
    expect(result.landed).toEqual([{ opportunityId: expect.any(String), title: 'Three steps to a faster close', score: 93 }]);
    const stored = await set.engines.opportunities.getOpportunity(fx, { opportunityId: result.landed[0]!.opportunityId });
    expect(stored).toMatchObject({
      createdVia: 'llm_proposed',
      score: 93,
      baseScore: 93,
      whyNow: 'Audit season starts in two weeks.',
      generationRunId: runId,
      primaryChannel: 'linkedin',
      suggestedChannels: ['linkedin', 'x'],
      expiresAt: addDays(time.clock(), 14),
      subScores: { timeliness: { score: 4, reason: 'engine test' } },
      scoreExplanation: expect.stringMatching(/^Rubric score 93/),
    });
  });

  it('keeps the higher of two near-duplicates: a better version replaces a live generated idea', async () => {
    const fx = await createTenantFixture(handle.db, 'Land Replace Co');
    const first = await land(fx, [candidate(fx, 'Three steps to a faster close', 1)]);
    const better = await land(fx, [candidate(fx, 'Three steps to a faster close!', 4)]);
    expect(better.replaced).toEqual([
      { opportunityId: first.landed[0]!.opportunityId, title: 'Three steps to a faster close', byTitle: 'Three steps to a faster close!' },
    ]);
    const live = await set.engines.opportunities.listOpportunitiesForBrand(fx);
    expect(live.map((o) => [o.title, o.score])).toEqual([['Three steps to a faster close!', 93]]);
    // A lower-scoring version of it is dropped instead.
    const worse = await land(fx, [candidate(fx, 'Three step to a faster close', 0)]);
    expect(worse.dropped).toEqual([
      {
        title: 'Three step to a faster close',
        rule: 'duplicate',
        reason: 'Near-duplicate of "Three steps to a faster close!" (already on the board, score 93).',
      },
    ]);
  });

  it("never replaces a person's own idea or a pinned one, and never brings back a dismissed one", async () => {
    const fx = await createTenantFixture(handle.db, 'Land Keep Co');
    const { opportunities } = set.engines;
    await opportunities.createOpportunity(fx, {
      title: 'Month-end close checklist',
      angle: 'The list we use.',
      type: 'evergreen',
      primaryChannel: 'linkedin',
      createdByUserId: fx.ownerUserId,
    });
    const generated = await land(fx, [candidate(fx, 'Why auditors ask early', 0)]);
    await opportunities.pinOpportunity(fx, { opportunityId: generated.landed[0]!.opportunityId, decidedByUserId: fx.ownerUserId });
    const dismissed = await land(fx, [candidate(fx, 'Cash-free treasury basics', 0)]);
    await opportunities.dismissOpportunity(fx, { opportunityId: dismissed.landed[0]!.opportunityId, decidedByUserId: fx.ownerUserId });

    const again = await land(fx, [
      candidate(fx, 'Month end close checklist', 4),
      candidate(fx, 'Why auditors ask early!', 4),
      candidate(fx, 'Cash free treasury basics', 4),
    ]);
    expect(again.landed).toEqual([]);
    expect(again.dropped.map((d) => d.reason)).toEqual([
      'Near-duplicate of "Month-end close checklist" (already on the board, score 40).',
      'Near-duplicate of "Why auditors ask early" (already on the board, score 73).',
      'Near-duplicate of "Cash-free treasury basics" (dismissed as not relevant, score 73).',
    ]);
  });

  it('counts ideas of the last 30 days as already had, and older expired ones not', async () => {
    const fx = await createTenantFixture(handle.db, 'Land Recent Co');
    await land(fx, [candidate(fx, 'Audit fees rise again')]);
    // Past the trend's 14 days it has left the board, but it is still recent.
    time.set(addDays(START, 20));
    expect((await land(fx, [candidate(fx, 'Audit fees rise again')])).dropped[0]).toMatchObject({
      rule: 'duplicate',
      reason: expect.stringContaining('proposed in the last 30 days'),
    });
    time.set(addDays(START, 31));
    // Similar (0.81), not the same title: an expired idea keeps its exact title from coming back.
    const later = await land(fx, [candidate(fx, 'Audit fees rise again this year')]);
    expect(later.landed).toHaveLength(1);
    time.set(START);
  });

  it('lands two concurrent runs of the same ideas once', async () => {
    const fx = await createTenantFixture(handle.db, 'Land Concurrent Co');
    const ideas = ['Close calendar', 'Evidence map', 'Forecast first'].map((title) => candidate(fx, title));
    const [a, b] = await Promise.all([land(fx, ideas), land(fx, ideas)]);
    expect(a.landed.length + b.landed.length).toBe(3);
    expect(a.dropped.length + b.dropped.length).toBe(3);
    expect(await set.engines.opportunities.listOpportunitiesForBrand(fx)).toHaveLength(3);
  });

  it("answers another tenant's brand as not found and leaves out signal ids the brand lacks", async () => {
    const fx = await createTenantFixture(handle.db, 'Land Scope Co');
    const other = await createTenantFixture(handle.db, 'Land Other Co');
    await expect(land({ ...fx, tenantId: other.tenantId }, [candidate(fx, 'x')])).rejects.toMatchObject({ name: 'NotFoundError' });
    const source = await set.engines.sources.addNote(other, { text: 'Another brand’s note' });
    const [otherSignal] = await set.engines.sources.listUnusedSignals(other);
    const result = await land(fx, [candidate(fx, 'Evidence trails', 3, { signalIds: [otherSignal!.id] })]);
    const stored = await set.engines.opportunities.getOpportunity(fx, { opportunityId: result.landed[0]!.opportunityId });
    expect(stored.signalIds).toEqual([]);
    expect(source.kind).toBe('note');
  });
});
