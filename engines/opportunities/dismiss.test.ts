import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { clearOpportunities, movableClock, OPPORTUNITY_NOW } from '../../test/fixtures/opportunities';
import { errorCode } from '../errors';
import { OpportunitiesEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
let other: TenantFixture;
const time = movableClock();
let engine: OpportunitiesEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Dismiss Co');
  other = await createTenantFixture(handle.db, 'Other Dismiss Co');
  engine = new OpportunitiesEngine(handle.db, { clock: time.clock });
});
afterAll(() => handle.close());
beforeEach(async () => {
  time.set(OPPORTUNITY_NOW);
  await clearOpportunities(handle.db, fx);
});

/** An idea from a feed that sends its own score (so it can count as high), on the first pillar and persona. */
async function feedIdea(title: string, score: number, primaryChannel: 'linkedin' | 'x' = 'linkedin') {
  const { opportunity } = await engine.ingestOpportunity(fx, {
    type: 'trend',
    title,
    angle: 'Why now.',
    source: 'Industry feed',
    score,
    pillarId: fx.pillarIds[0],
    personaId: fx.personaIds[0],
    primaryChannel,
  });
  return opportunity;
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e,
  );

describe('dismissOpportunity', () => {
  it('takes the idea off the board and out of every count, and keeps the reason', async () => {
    const kept = await feedIdea('Kept idea', 50);
    const dismissed = await feedIdea('Dismissed idea', 90, 'x');
    const before = await engine.getTodayBoard(fx);
    expect(before.metrics).toMatchObject({ total: 2, highScoreCount: 1 });

    const result = await engine.dismissOpportunity(fx, { opportunityId: dismissed.id, reason: '  Not our audience  ' });
    expect(result).toMatchObject({ id: dismissed.id, dismissedAt: OPPORTUNITY_NOW, dismissedReason: 'Not our audience' });

    const board = await engine.getTodayBoard(fx);
    expect(board.opportunities.map((o) => o.id)).toEqual([kept.id]);
    expect(board.highScoreOpportunityIds).toEqual([]);
    expect(board.metrics).toEqual({
      byPillar: [{ id: fx.pillarIds[0], name: 'Faster close', count: 1, highScoreCount: 0 }],
      byPersona: [{ id: fx.personaIds[0], name: 'Controller Cara', count: 1, highScoreCount: 0 }],
      byChannel: [{ channel: 'linkedin', count: 1, highScoreCount: 0 }],
      highScoreCount: 0,
      total: 1,
    });
    // Filtered pages and the plain listing, snoozed and expired included, leave it out too.
    expect((await engine.getTodayBoard(fx, { filter: { channel: 'x' } })).opportunities).toEqual([]);
    const everything = await engine.listOpportunitiesForBrand(fx, { includeSnoozed: true, includeExpired: true });
    expect(everything.map((o) => o.id)).toEqual([kept.id]);
    // It can still be read by id (its package, if any, links to it).
    await expect(engine.getOpportunity(fx, { opportunityId: dismissed.id })).resolves.toMatchObject({
      dismissedReason: 'Not our audience',
    });
  });

  it('is not brought back by a feed sending the same title again', async () => {
    const dismissed = await feedIdea('Recurring feed item', 60);
    await engine.dismissOpportunity(fx, { opportunityId: dismissed.id });
    const again = await engine.ingestOpportunity(fx, {
      type: 'trend',
      title: 'RECURRING feed item!',
      angle: 'Same item, next fetch.',
      source: 'Industry feed',
      primaryChannel: 'linkedin',
    });
    expect(again).toMatchObject({ created: false, opportunity: { id: dismissed.id } });
    expect(again.opportunity.dismissedAt).not.toBeNull();
    expect((await engine.getTodayBoard(fx)).metrics.total).toBe(0);
  });

  it('releases a pin, and refuses to pin or snooze a dismissed idea', async () => {
    const idea = await feedIdea('Pinned then dismissed', 60);
    await engine.pinOpportunity(fx, { opportunityId: idea.id });
    const dismissed = await engine.dismissOpportunity(fx, { opportunityId: idea.id });
    expect(dismissed.isPinned).toBe(false);
    expect(errorCode(await failure(engine.pinOpportunity(fx, { opportunityId: idea.id })))).toBe('conflict');
    const snooze = await failure(
      engine.snoozeOpportunity(fx, { opportunityId: idea.id, until: new Date(OPPORTUNITY_NOW.getTime() + 60_000) }),
    );
    expect(errorCode(snooze)).toBe('conflict');
  });

  it('dismissing twice keeps the first time and reason', async () => {
    const idea = await feedIdea('Twice', 60);
    await engine.dismissOpportunity(fx, { opportunityId: idea.id, reason: 'First' });
    time.advanceHours(2);
    await expect(engine.dismissOpportunity(fx, { opportunityId: idea.id, reason: 'Second' })).resolves.toMatchObject({
      dismissedAt: OPPORTUNITY_NOW,
      dismissedReason: 'First',
    });
  });

  it("answers NotFound for another tenant's idea, a missing one, and from another tenant's scope", async () => {
    const idea = await feedIdea('Mine to dismiss', 60);
    const { opportunity: theirs } = await new OpportunitiesEngine(handle.db, { clock: time.clock }).ingestOpportunity(other, {
      type: 'evergreen',
      title: 'Theirs',
      angle: 'Not yours.',
      source: 'Their feed',
      primaryChannel: 'x',
    });
    expect(errorCode(await failure(engine.dismissOpportunity(fx, { opportunityId: theirs.id })))).toBe('not_found');
    expect(errorCode(await failure(engine.dismissOpportunity(other, { opportunityId: idea.id })))).toBe('not_found');
    expect(errorCode(await failure(engine.dismissOpportunity(fx, { opportunityId: crypto.randomUUID() })))).toBe('not_found');
    await expect(engine.getOpportunity(other, { opportunityId: theirs.id })).resolves.toMatchObject({ dismissedAt: null });
  });

  it('refuses a reason longer than 500 characters', async () => {
    const idea = await feedIdea('Long reason', 60);
    await expect(engine.dismissOpportunity(fx, { opportunityId: idea.id, reason: 'x'.repeat(501) })).rejects.toThrow();
    await expect(engine.getOpportunity(fx, { opportunityId: idea.id })).resolves.toMatchObject({ dismissedAt: null });
  });
});
