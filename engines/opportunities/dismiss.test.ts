import { describe, expect, it } from 'vitest';
import { OPPORTUNITY_NOW, opportunitiesBed } from '../../test/fixtures/opportunities';
import { errorCode } from '../errors';
import { OpportunitiesEngine } from './engine';

const bed = opportunitiesBed({ tenant: 'Dismiss Co', other: 'Other Dismiss Co' }, { emptyBoardEachTest: true });

/** An idea from a feed that sends its own score (so it can count as high), on the first pillar and persona. */
async function feedIdea(title: string, score: number, primaryChannel: 'linkedin' | 'x' = 'linkedin') {
  const { opportunity } = await bed.engine.ingestOpportunity(bed.fx, {
    type: 'trend',
    title,
    angle: 'Why now.',
    source: 'Industry feed',
    score,
    pillarId: bed.fx.pillarIds[0],
    personaId: bed.fx.personaIds[0],
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
    const before = await bed.engine.getTodayBoard(bed.fx);
    expect(before.metrics).toMatchObject({ total: 2, highScoreCount: 1 });

    const result = await bed.engine.dismissOpportunity(bed.fx, { opportunityId: dismissed.id, reason: '  Not our audience  ' });
    expect(result).toMatchObject({ id: dismissed.id, dismissedAt: OPPORTUNITY_NOW, dismissedReason: 'Not our audience' });

    const board = await bed.engine.getTodayBoard(bed.fx);
    expect(board.opportunities.map((o) => o.id)).toEqual([kept.id]);
    expect(board.highScoreOpportunityIds).toEqual([]);
    expect(board.metrics).toEqual({
      byPillar: [{ id: bed.fx.pillarIds[0], name: 'Faster close', count: 1, highScoreCount: 0 }],
      byPersona: [{ id: bed.fx.personaIds[0], name: 'Controller Cara', count: 1, highScoreCount: 0 }],
      byChannel: [{ channel: 'linkedin', count: 1, highScoreCount: 0 }],
      highScoreCount: 0,
      total: 1,
    });
    // Filtered pages and the plain listing, snoozed and expired included, leave it out too.
    expect((await bed.engine.getTodayBoard(bed.fx, { filter: { channel: 'x' } })).opportunities).toEqual([]);
    const everything = await bed.engine.listOpportunitiesForBrand(bed.fx, { includeSnoozed: true, includeExpired: true });
    expect(everything.map((o) => o.id)).toEqual([kept.id]);
    // It can still be read by id (its package, if any, links to it).
    await expect(bed.engine.getOpportunity(bed.fx, { opportunityId: dismissed.id })).resolves.toMatchObject({
      dismissedReason: 'Not our audience',
    });
  });

  it('is not brought back by a feed sending the same title again', async () => {
    const dismissed = await feedIdea('Recurring feed item', 60);
    await bed.engine.dismissOpportunity(bed.fx, { opportunityId: dismissed.id });
    const again = await bed.engine.ingestOpportunity(bed.fx, {
      type: 'trend',
      title: 'RECURRING feed item!',
      angle: 'Same item, next fetch.',
      source: 'Industry feed',
      primaryChannel: 'linkedin',
    });
    expect(again).toMatchObject({ created: false, opportunity: { id: dismissed.id } });
    expect(again.opportunity.dismissedAt).not.toBeNull();
    expect((await bed.engine.getTodayBoard(bed.fx)).metrics.total).toBe(0);
  });

  it('releases a pin, and refuses to pin or snooze a dismissed idea', async () => {
    const idea = await feedIdea('Pinned then dismissed', 60);
    await bed.engine.pinOpportunity(bed.fx, { opportunityId: idea.id });
    const dismissed = await bed.engine.dismissOpportunity(bed.fx, { opportunityId: idea.id });
    expect(dismissed.isPinned).toBe(false);
    expect(errorCode(await failure(bed.engine.pinOpportunity(bed.fx, { opportunityId: idea.id })))).toBe('conflict');
    const snooze = await failure(
      bed.engine.snoozeOpportunity(bed.fx, { opportunityId: idea.id, until: new Date(OPPORTUNITY_NOW.getTime() + 60_000) }),
    );
    expect(errorCode(snooze)).toBe('conflict');
  });

  it('dismissing twice keeps the first time and reason', async () => {
    const idea = await feedIdea('Twice', 60);
    await bed.engine.dismissOpportunity(bed.fx, { opportunityId: idea.id, reason: 'First' });
    bed.time.advanceHours(2);
    await expect(bed.engine.dismissOpportunity(bed.fx, { opportunityId: idea.id, reason: 'Second' })).resolves.toMatchObject({
      dismissedAt: OPPORTUNITY_NOW,
      dismissedReason: 'First',
    });
  });

  it("answers NotFound for another tenant's idea, a missing one, and from another tenant's scope", async () => {
    const idea = await feedIdea('Mine to dismiss', 60);
    const { opportunity: theirs } = await new OpportunitiesEngine(bed.handle.db, { clock: bed.time.clock }).ingestOpportunity(bed.other, {
      type: 'evergreen',
      title: 'Theirs',
      angle: 'Not yours.',
      source: 'Their feed',
      primaryChannel: 'x',
    });
    expect(errorCode(await failure(bed.engine.dismissOpportunity(bed.fx, { opportunityId: theirs.id })))).toBe('not_found');
    expect(errorCode(await failure(bed.engine.dismissOpportunity(bed.other, { opportunityId: idea.id })))).toBe('not_found');
    expect(errorCode(await failure(bed.engine.dismissOpportunity(bed.fx, { opportunityId: crypto.randomUUID() })))).toBe('not_found');
    await expect(bed.engine.getOpportunity(bed.other, { opportunityId: theirs.id })).resolves.toMatchObject({ dismissedAt: null });
  });

  it('refuses a reason longer than 500 characters', async () => {
    const idea = await feedIdea('Long reason', 60);
    await expect(bed.engine.dismissOpportunity(bed.fx, { opportunityId: idea.id, reason: 'x'.repeat(501) })).rejects.toThrow();
    await expect(bed.engine.getOpportunity(bed.fx, { opportunityId: idea.id })).resolves.toMatchObject({ dismissedAt: null });
  });
});
