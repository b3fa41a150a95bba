import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { createTenantFixture } from '../../test/fixtures';
import { insertOpportunity, insertSiblingBrand, OPPORTUNITY_NOW, opportunitiesBed } from '../../test/fixtures/opportunities';
import { NotFoundError } from '../errors';

const bed = opportunitiesBed({ tenant: 'Snoozed Co', other: 'Other Snoozed Co' }, { emptyBoardEachTest: true });

const by = () => ({ decidedByUserId: bed.fx.ownerUserId });

describe('OpportunitiesEngine.listSnoozedOpportunities', () => {
  it('lists the snoozed ideas, soonest back first, and none of the live, dismissed or expired ones', async () => {
    const live = await insertOpportunity(bed.handle.db, bed.fx, { title: 'Live idea' });
    const nextWeek = await insertOpportunity(bed.handle.db, bed.fx, { title: 'Back next week' });
    const tomorrow = await insertOpportunity(bed.handle.db, bed.fx, { title: 'Back tomorrow' });
    const dismissed = await insertOpportunity(bed.handle.db, bed.fx, { title: 'Snoozed, then dismissed' });
    const expiring = await insertOpportunity(bed.handle.db, bed.fx, {
      title: 'Expires while snoozed',
      expiresAt: addDays(OPPORTUNITY_NOW, 2),
    });
    await bed.engine.snoozeOpportunity(bed.fx, { opportunityId: nextWeek, until: addDays(OPPORTUNITY_NOW, 7), ...by() });
    await bed.engine.snoozeOpportunity(bed.fx, { opportunityId: tomorrow, until: addDays(OPPORTUNITY_NOW, 1), ...by() });
    await bed.engine.snoozeOpportunity(bed.fx, { opportunityId: dismissed, until: addDays(OPPORTUNITY_NOW, 1), ...by() });
    await bed.engine.dismissOpportunity(bed.fx, { opportunityId: dismissed, ...by() });
    await bed.engine.snoozeOpportunity(bed.fx, { opportunityId: expiring, until: addDays(OPPORTUNITY_NOW, 5), ...by() });

    const snoozed = await bed.engine.listSnoozedOpportunities(bed.fx);
    expect(snoozed.map((o) => o.id)).toEqual([tomorrow, expiring, nextWeek]);
    expect(snoozed.every((o) => o.isSnoozed)).toBe(true);
    expect(snoozed.map((o) => o.id)).not.toContain(live);

    // Past its expiry the idea has left for good, snoozed or not.
    bed.time.set(addDays(OPPORTUNITY_NOW, 3));
    expect((await bed.engine.listSnoozedOpportunities(bed.fx)).map((o) => o.id)).toEqual([nextWeek]);
  });

  it('gives an idea back to the board once brought back (snooze until null), and honours the limit', async () => {
    const first = await insertOpportunity(bed.handle.db, bed.fx, { title: 'First' });
    const second = await insertOpportunity(bed.handle.db, bed.fx, { title: 'Second' });
    await bed.engine.snoozeOpportunity(bed.fx, { opportunityId: first, until: addDays(OPPORTUNITY_NOW, 1), ...by() });
    await bed.engine.snoozeOpportunity(bed.fx, { opportunityId: second, until: addDays(OPPORTUNITY_NOW, 2), ...by() });
    expect((await bed.engine.listSnoozedOpportunities(bed.fx, { limit: 1 })).map((o) => o.id)).toEqual([first]);

    await bed.engine.unsnoozeOpportunity(bed.fx, { opportunityId: first });
    expect((await bed.engine.listSnoozedOpportunities(bed.fx)).map((o) => o.id)).toEqual([second]);
    expect((await bed.engine.getTodayBoard(bed.fx)).opportunities.map((o) => o.id)).toEqual([first]);
  });

  it('answers not found for another tenant’s brand and lists nothing of a sibling brand', async () => {
    const sibling = await insertSiblingBrand(bed.handle.db, bed.fx);
    const theirs = await insertOpportunity(bed.handle.db, sibling, { title: 'Theirs' });
    await bed.engine.snoozeOpportunity(sibling, { opportunityId: theirs, until: addDays(OPPORTUNITY_NOW, 1), ...by() });
    expect(await bed.engine.listSnoozedOpportunities(bed.fx)).toEqual([]);
    const stranger = await createTenantFixture(bed.handle.db, 'Stranger Co');
    await expect(bed.engine.listSnoozedOpportunities({ tenantId: stranger.tenantId, brandId: bed.fx.brandId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
