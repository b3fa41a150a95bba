import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import {
  clearOpportunities,
  insertOpportunity,
  insertSiblingBrand,
  movableClock,
  OPPORTUNITY_NOW,
} from '../../test/fixtures/opportunities';
import { NotFoundError } from '../errors';
import { OpportunitiesEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
const time = movableClock();
let engine: OpportunitiesEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Snoozed Co');
  engine = new OpportunitiesEngine(handle.db, { clock: time.clock });
});
afterAll(() => handle.close());
beforeEach(async () => {
  time.set(OPPORTUNITY_NOW);
  await clearOpportunities(handle.db, fx);
});

const by = () => ({ decidedByUserId: fx.ownerUserId });

describe('OpportunitiesEngine.listSnoozedOpportunities', () => {
  it('lists the snoozed ideas, soonest back first, and none of the live, dismissed or expired ones', async () => {
    const live = await insertOpportunity(handle.db, fx, { title: 'Live idea' });
    const nextWeek = await insertOpportunity(handle.db, fx, { title: 'Back next week' });
    const tomorrow = await insertOpportunity(handle.db, fx, { title: 'Back tomorrow' });
    const dismissed = await insertOpportunity(handle.db, fx, { title: 'Snoozed, then dismissed' });
    const expiring = await insertOpportunity(handle.db, fx, { title: 'Expires while snoozed', expiresAt: addDays(OPPORTUNITY_NOW, 2) });
    await engine.snoozeOpportunity(fx, { opportunityId: nextWeek, until: addDays(OPPORTUNITY_NOW, 7), ...by() });
    await engine.snoozeOpportunity(fx, { opportunityId: tomorrow, until: addDays(OPPORTUNITY_NOW, 1), ...by() });
    await engine.snoozeOpportunity(fx, { opportunityId: dismissed, until: addDays(OPPORTUNITY_NOW, 1), ...by() });
    await engine.dismissOpportunity(fx, { opportunityId: dismissed, ...by() });
    await engine.snoozeOpportunity(fx, { opportunityId: expiring, until: addDays(OPPORTUNITY_NOW, 5), ...by() });

    const snoozed = await engine.listSnoozedOpportunities(fx);
    expect(snoozed.map((o) => o.id)).toEqual([tomorrow, expiring, nextWeek]);
    expect(snoozed.every((o) => o.isSnoozed)).toBe(true);
    expect(snoozed.map((o) => o.id)).not.toContain(live);

    // Past its expiry the idea has left for good, snoozed or not.
    time.set(addDays(OPPORTUNITY_NOW, 3));
    expect((await engine.listSnoozedOpportunities(fx)).map((o) => o.id)).toEqual([nextWeek]);
  });

  it('gives an idea back to the board once brought back (snooze until null), and honours the limit', async () => {
    const first = await insertOpportunity(handle.db, fx, { title: 'First' });
    const second = await insertOpportunity(handle.db, fx, { title: 'Second' });
    await engine.snoozeOpportunity(fx, { opportunityId: first, until: addDays(OPPORTUNITY_NOW, 1), ...by() });
    await engine.snoozeOpportunity(fx, { opportunityId: second, until: addDays(OPPORTUNITY_NOW, 2), ...by() });
    expect((await engine.listSnoozedOpportunities(fx, { limit: 1 })).map((o) => o.id)).toEqual([first]);

    await engine.unsnoozeOpportunity(fx, { opportunityId: first });
    expect((await engine.listSnoozedOpportunities(fx)).map((o) => o.id)).toEqual([second]);
    expect((await engine.getTodayBoard(fx)).opportunities.map((o) => o.id)).toEqual([first]);
  });

  it('answers not found for another tenant’s brand and lists nothing of a sibling brand', async () => {
    const sibling = await insertSiblingBrand(handle.db, fx);
    const theirs = await insertOpportunity(handle.db, sibling, { title: 'Theirs' });
    await engine.snoozeOpportunity(sibling, { opportunityId: theirs, until: addDays(OPPORTUNITY_NOW, 1), ...by() });
    expect(await engine.listSnoozedOpportunities(fx)).toEqual([]);
    const stranger = await createTenantFixture(handle.db, 'Stranger Co');
    await expect(engine.listSnoozedOpportunities({ tenantId: stranger.tenantId, brandId: fx.brandId })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
