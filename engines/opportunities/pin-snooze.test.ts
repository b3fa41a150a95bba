import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import {
  clearOpportunities,
  hoursFrom,
  insertOpportunity,
  movableClock,
  OPPORTUNITY_NOW,
  readOpportunityRow,
} from '../../test/fixtures/opportunities';
import { type DatabaseHandle, openDatabase } from '../db/client';
import { opportunities } from '../db/schema';
import { InvariantViolationError } from '../errors';
import { MAX_PINNED_PER_BRAND } from './dto';
import { OpportunitiesEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
const time = movableClock();
let engine: OpportunitiesEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Pins Co');
  engine = new OpportunitiesEngine(handle.db, { clock: time.clock });
});
afterAll(() => handle.close());
beforeEach(async () => {
  time.set(OPPORTUNITY_NOW);
  await clearOpportunities(handle.db, fx);
});

async function pinnedCount(): Promise<number> {
  const pinned = await handle.db
    .select({ id: opportunities.id })
    .from(opportunities)
    .where(and(eq(opportunities.brandId, fx.brandId), eq(opportunities.isPinned, true), isNull(opportunities.deletedAt)));
  return pinned.length;
}

async function insertPinned(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await insertOpportunity(handle.db, fx, { isPinned: true }));
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
    const id = await insertOpportunity(handle.db, fx, { lastTouchedAt: hoursFrom(OPPORTUNITY_NOW, -48) });
    const pinned = await engine.pinOpportunity(fx, { opportunityId: id });
    expect(pinned).toMatchObject({ id, isPinned: true, lastTouchedAt: OPPORTUNITY_NOW });

    time.advanceHours(1);
    const unpinned = await engine.unpinOpportunity(fx, { opportunityId: id });
    expect(unpinned).toMatchObject({ id, isPinned: false, lastTouchedAt: hoursFrom(OPPORTUNITY_NOW, 1) });
    expect((await readOpportunityRow(handle.db, id)).isPinned).toBe(false);
  });

  it(`refuses a pin beyond ${MAX_PINNED_PER_BRAND} as a state conflict, and still re-pins a pinned one`, async () => {
    const pinned = await insertPinned(MAX_PINNED_PER_BRAND);
    const sixth = await insertOpportunity(handle.db, fx);
    await expectInvariant(engine.pinOpportunity(fx, { opportunityId: sixth }), 'state');
    expect((await readOpportunityRow(handle.db, sixth)).isPinned).toBe(false);

    await expect(engine.pinOpportunity(fx, { opportunityId: pinned[0]! })).resolves.toMatchObject({ isPinned: true });
    await engine.unpinOpportunity(fx, { opportunityId: pinned[0]! });
    await expect(engine.pinOpportunity(fx, { opportunityId: sixth })).resolves.toMatchObject({ isPinned: true });
    expect(await pinnedCount()).toBe(MAX_PINNED_PER_BRAND);
  });

  it('does not count expired pins toward the limit, and does not pin an expired card', async () => {
    await insertPinned(MAX_PINNED_PER_BRAND - 1);
    await insertOpportunity(handle.db, fx, { isPinned: true, expiresAt: hoursFrom(OPPORTUNITY_NOW, -1) });
    const expired = await insertOpportunity(handle.db, fx, { expiresAt: OPPORTUNITY_NOW });
    const live = await insertOpportunity(handle.db, fx);

    await expectInvariant(engine.pinOpportunity(fx, { opportunityId: expired }), 'state');
    await expect(engine.pinOpportunity(fx, { opportunityId: live })).resolves.toMatchObject({ isPinned: true });
  });

  it(`never lets concurrent pins exceed ${MAX_PINNED_PER_BRAND}, each on its own connection where the database allows`, async () => {
    // PostgreSQL: two sessions really race for the last place. PGlite has one session, so the calls
    // interleave on it instead; both must end with exactly one winner.
    const sessions: DatabaseHandle[] = handle.url
      ? await Promise.all([openDatabase({ url: handle.url, maxConnections: 1 }), openDatabase({ url: handle.url, maxConnections: 1 })])
      : [];
    try {
      const [first, second] = sessions.length
        ? sessions.map((session) => new OpportunitiesEngine(session.db, { clock: time.clock }))
        : [engine, engine];
      await insertPinned(MAX_PINNED_PER_BRAND - 1);
      for (let round = 0; round < 5; round++) {
        const firstCandidate = await insertOpportunity(handle.db, fx);
        const secondCandidate = await insertOpportunity(handle.db, fx);
        const results = await Promise.allSettled([
          first!.pinOpportunity(fx, { opportunityId: firstCandidate }),
          second!.pinOpportunity(fx, { opportunityId: secondCandidate }),
        ]);
        const fulfilled = results.filter((r) => r.status === 'fulfilled');
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
        expect(fulfilled).toHaveLength(1);
        expect(rejected[0]?.reason).toBeInstanceOf(InvariantViolationError);
        expect(await pinnedCount()).toBe(MAX_PINNED_PER_BRAND);
        const winner = (fulfilled[0] as PromiseFulfilledResult<{ id: string }>).value.id;
        await engine.unpinOpportunity(fx, { opportunityId: winner });
      }
    } finally {
      await Promise.all(sessions.map((session) => session.close()));
    }
  });
});

describe('snoozing', () => {
  it('snoozes until a future time and unsnoozes, touching the card each time', async () => {
    const id = await insertOpportunity(handle.db, fx);
    const until = hoursFrom(OPPORTUNITY_NOW, 30);
    const snoozed = await engine.snoozeOpportunity(fx, { opportunityId: id, until });
    expect(snoozed).toMatchObject({ id, snoozedUntil: until, isSnoozed: true, lastTouchedAt: OPPORTUNITY_NOW });
    expect(await engine.listOpportunitiesForBrand(fx)).toEqual([]);

    time.advanceHours(2);
    const back = await engine.unsnoozeOpportunity(fx, { opportunityId: id });
    expect(back).toMatchObject({ snoozedUntil: null, isSnoozed: false, lastTouchedAt: hoursFrom(OPPORTUNITY_NOW, 2) });
    expect((await engine.getTodayBoard(fx)).opportunities.map((o) => o.id)).toEqual([id]);
  });

  it('refuses a snooze that ends now or in the past as bad input, and leaves the card as it was', async () => {
    const id = await insertOpportunity(handle.db, fx);
    await expectInvariant(engine.snoozeOpportunity(fx, { opportunityId: id, until: hoursFrom(OPPORTUNITY_NOW, -1) }), 'input');
    await expectInvariant(engine.snoozeOpportunity(fx, { opportunityId: id, until: OPPORTUNITY_NOW }), 'input');
    expect((await readOpportunityRow(handle.db, id)).snoozedUntil).toBeNull();
  });

  it('accepts a snooze of up to 365 days and refuses a longer one', async () => {
    const id = await insertOpportunity(handle.db, fx);
    await expect(engine.snoozeOpportunity(fx, { opportunityId: id, until: addDays(OPPORTUNITY_NOW, 365) })).resolves.toMatchObject({
      isSnoozed: true,
    });
    await expectInvariant(engine.snoozeOpportunity(fx, { opportunityId: id, until: addDays(OPPORTUNITY_NOW, 366) }), 'input');
  });
});

describe('listOpportunitiesForBrand', () => {
  it('lists live ones in board order by default, and snoozed or expired ones when asked', async () => {
    const live = await insertOpportunity(handle.db, fx, { score: 60 });
    const snoozed = await insertOpportunity(handle.db, fx, { score: 70, snoozedUntil: hoursFrom(OPPORTUNITY_NOW, 5) });
    const expired = await insertOpportunity(handle.db, fx, { score: 80, expiresAt: hoursFrom(OPPORTUNITY_NOW, -5) });
    const list = (input: Parameters<OpportunitiesEngine['listOpportunitiesForBrand']>[1]) =>
      engine.listOpportunitiesForBrand(fx, input).then((l) => l.map((o) => o.id));

    expect(await list({})).toEqual([live]);
    expect(await list({ includeSnoozed: true })).toEqual([snoozed, live]);
    expect(await list({ includeExpired: true })).toEqual([expired, live]);
    expect(await list({ includeSnoozed: true, includeExpired: true })).toEqual([expired, snoozed, live]);
    expect(await list({ includeSnoozed: true, includeExpired: true, limit: 1, offset: 1 })).toEqual([snoozed]);
  });
});
