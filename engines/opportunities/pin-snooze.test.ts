import { and, eq, isNull } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { hoursFrom, insertOpportunity, OPPORTUNITY_NOW, opportunitiesBed, readOpportunityRow } from '../../test/fixtures/opportunities';
import { type DatabaseHandle, openDatabase } from '../db/client';
import { opportunities } from '../db/schema';
import { InvariantViolationError } from '../errors';
import { MAX_PINNED_PER_BRAND } from './dto';
import { OpportunitiesEngine } from './engine';

const bed = opportunitiesBed({ tenant: 'Pins Co', other: 'Other Pins Co' }, { emptyBoardEachTest: true });

async function pinnedCount(): Promise<number> {
  const pinned = await bed.handle.db
    .select({ id: opportunities.id })
    .from(opportunities)
    .where(and(eq(opportunities.brandId, bed.fx.brandId), eq(opportunities.isPinned, true), isNull(opportunities.deletedAt)));
  return pinned.length;
}

async function insertPinned(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await insertOpportunity(bed.handle.db, bed.fx, { isPinned: true }));
  return ids;
}

async function expectInvariant(promise: Promise<unknown>, kind: 'input' | 'state') {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvariantViolationError);
  expect((error as InvariantViolationError).kind).toBe(kind);
}

describe('pinning', () => {
  it('pins and unpins, touching the card each time', async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx, { lastTouchedAt: hoursFrom(OPPORTUNITY_NOW, -48) });
    const pinned = await bed.engine.pinOpportunity(bed.fx, { opportunityId: id });
    expect(pinned).toMatchObject({ id, isPinned: true, lastTouchedAt: OPPORTUNITY_NOW });

    bed.time.advanceHours(1);
    const unpinned = await bed.engine.unpinOpportunity(bed.fx, { opportunityId: id });
    expect(unpinned).toMatchObject({ id, isPinned: false, lastTouchedAt: hoursFrom(OPPORTUNITY_NOW, 1) });
    expect((await readOpportunityRow(bed.handle.db, id)).isPinned).toBe(false);
  });

  it(`refuses a pin beyond ${MAX_PINNED_PER_BRAND} as a state conflict, and still re-pins a pinned one`, async () => {
    const pinned = await insertPinned(MAX_PINNED_PER_BRAND);
    const sixth = await insertOpportunity(bed.handle.db, bed.fx);
    await expectInvariant(bed.engine.pinOpportunity(bed.fx, { opportunityId: sixth }), 'state');
    expect((await readOpportunityRow(bed.handle.db, sixth)).isPinned).toBe(false);

    await expect(bed.engine.pinOpportunity(bed.fx, { opportunityId: pinned[0]! })).resolves.toMatchObject({ isPinned: true });
    await bed.engine.unpinOpportunity(bed.fx, { opportunityId: pinned[0]! });
    await expect(bed.engine.pinOpportunity(bed.fx, { opportunityId: sixth })).resolves.toMatchObject({ isPinned: true });
    expect(await pinnedCount()).toBe(MAX_PINNED_PER_BRAND);
  });

  it('does not count expired pins toward the limit, and does not pin an expired card', async () => {
    await insertPinned(MAX_PINNED_PER_BRAND - 1);
    await insertOpportunity(bed.handle.db, bed.fx, { isPinned: true, expiresAt: hoursFrom(OPPORTUNITY_NOW, -1) });
    const expired = await insertOpportunity(bed.handle.db, bed.fx, { expiresAt: OPPORTUNITY_NOW });
    const live = await insertOpportunity(bed.handle.db, bed.fx);

    await expectInvariant(bed.engine.pinOpportunity(bed.fx, { opportunityId: expired }), 'state');
    await expect(bed.engine.pinOpportunity(bed.fx, { opportunityId: live })).resolves.toMatchObject({ isPinned: true });
  });

  it(`never lets concurrent pins exceed ${MAX_PINNED_PER_BRAND}, each on its own connection where the database allows`, async () => {
    // PostgreSQL: two sessions really race for the last place. PGlite has one session, so the calls
    // interleave on it instead; both must end with exactly one winner.
    const sessions: DatabaseHandle[] = bed.handle.url
      ? await Promise.all([
          openDatabase({ url: bed.handle.url, maxConnections: 1 }),
          openDatabase({ url: bed.handle.url, maxConnections: 1 }),
        ])
      : [];
    try {
      const [first, second] = sessions.length
        ? sessions.map((session) => new OpportunitiesEngine(session.db, { clock: bed.time.clock }))
        : [bed.engine, bed.engine];
      await insertPinned(MAX_PINNED_PER_BRAND - 1);
      for (let round = 0; round < 5; round++) {
        const firstCandidate = await insertOpportunity(bed.handle.db, bed.fx);
        const secondCandidate = await insertOpportunity(bed.handle.db, bed.fx);
        const results = await Promise.allSettled([
          first!.pinOpportunity(bed.fx, { opportunityId: firstCandidate }),
          second!.pinOpportunity(bed.fx, { opportunityId: secondCandidate }),
        ]);
        const fulfilled = results.filter((r) => r.status === 'fulfilled');
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(fulfilled).toHaveLength(1);
        expect(rejected[0]?.reason).toBeInstanceOf(InvariantViolationError);
        expect(await pinnedCount()).toBe(MAX_PINNED_PER_BRAND);
        const winner = (fulfilled[0] as PromiseFulfilledResult<{ id: string }>).value.id;
        await bed.engine.unpinOpportunity(bed.fx, { opportunityId: winner });
      }
    } finally {
      await Promise.all(sessions.map((session) => session.close()));
    }
  });
});

describe('snoozing', () => {
  it('snoozes until a future time and unsnoozes, touching the card each time', async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx);
    const until = hoursFrom(OPPORTUNITY_NOW, 30);
    const snoozed = await bed.engine.snoozeOpportunity(bed.fx, { opportunityId: id, until });
    expect(snoozed).toMatchObject({ id, snoozedUntil: until, isSnoozed: true, lastTouchedAt: OPPORTUNITY_NOW });
    expect(await bed.engine.listOpportunitiesForBrand(bed.fx)).toEqual([]);

    bed.time.advanceHours(2);
    const back = await bed.engine.unsnoozeOpportunity(bed.fx, { opportunityId: id });
    expect(back).toMatchObject({ snoozedUntil: null, isSnoozed: false, lastTouchedAt: hoursFrom(OPPORTUNITY_NOW, 2) });
    expect((await bed.engine.getTodayBoard(bed.fx)).opportunities.map((o) => o.id)).toEqual([id]);
  });

  it('refuses a snooze that ends now or in the past as bad input, and leaves the card as it was', async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx);
    await expectInvariant(bed.engine.snoozeOpportunity(bed.fx, { opportunityId: id, until: hoursFrom(OPPORTUNITY_NOW, -1) }), 'input');
    await expectInvariant(bed.engine.snoozeOpportunity(bed.fx, { opportunityId: id, until: OPPORTUNITY_NOW }), 'input');
    expect((await readOpportunityRow(bed.handle.db, id)).snoozedUntil).toBeNull();
  });

  it('accepts a snooze of up to 365 days and refuses a longer one', async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx);
    await expect(bed.engine.snoozeOpportunity(bed.fx, { opportunityId: id, until: addDays(OPPORTUNITY_NOW, 365) })).resolves.toMatchObject({
      isSnoozed: true,
    });
    await expectInvariant(bed.engine.snoozeOpportunity(bed.fx, { opportunityId: id, until: addDays(OPPORTUNITY_NOW, 366) }), 'input');
  });
});

describe('listOpportunitiesForBrand', () => {
  it('lists live ones in board order by default, and snoozed or expired ones when asked', async () => {
    const live = await insertOpportunity(bed.handle.db, bed.fx, { score: 60 });
    const snoozed = await insertOpportunity(bed.handle.db, bed.fx, { score: 70, snoozedUntil: hoursFrom(OPPORTUNITY_NOW, 5) });
    const expired = await insertOpportunity(bed.handle.db, bed.fx, { score: 80, expiresAt: hoursFrom(OPPORTUNITY_NOW, -5) });
    const list = (input: Parameters<OpportunitiesEngine['listOpportunitiesForBrand']>[1]) =>
      bed.engine.listOpportunitiesForBrand(bed.fx, input).then((l) => l.map((o) => o.id));

    expect(await list({})).toEqual([live]);
    expect(await list({ includeSnoozed: true })).toEqual([snoozed, live]);
    expect(await list({ includeExpired: true })).toEqual([expired, live]);
    expect(await list({ includeSnoozed: true, includeExpired: true })).toEqual([expired, snoozed, live]);
    expect(await list({ includeSnoozed: true, includeExpired: true, limit: 1, offset: 1 })).toEqual([snoozed]);
  });
});
