import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { opportunities } from '../../engines/db/schema';
import { addDays } from '../../lib/dates';
import { demoBed } from '../../test/fixtures/procedures';
import { rejection } from '../../test/trpc';

const bed = demoBed();

async function storedRow(id: string) {
  const [row] = await bed.handle.db.select().from(opportunities).where(eq(opportunities.id, id));
  return row!;
}

describe('today.get', () => {
  it("gives a member the brand's board with its focus, narrowed by the filter it is given", async () => {
    const view = await bed.as(bed.member).today.get({ brandId: bed.ledgerline });
    expect(view.brand.id).toBe(bed.ledgerline);
    expect(view.opportunities.length).toBeGreaterThan(0);
    expect(view.focus.metrics.total).toBeGreaterThanOrEqual(view.opportunities.length);

    const channel = view.opportunities[0]!.primaryChannel;
    const narrowed = await bed.as(bed.member).today.get({ brandId: bed.ledgerline, channel, limit: 5 });
    expect(narrowed.opportunities.length).toBeLessThanOrEqual(5);
    expect(narrowed.opportunities.every((o) => o.primaryChannel === channel)).toBe(true);
  });

  it("answers NOT_FOUND for another tenant's brand and for a pillar that is not the brand's", async () => {
    expect((await rejection(bed.as(bed.owner).today.get({ brandId: bed.climateDesk }))).code).toBe('NOT_FOUND');
    const foreignPillar = (await bed.as(bed.stranger).brands.strategy({ brandId: bed.climateDesk })).pillars[0]!.id;
    const error = await rejection(bed.as(bed.owner).today.get({ brandId: bed.ledgerline, pillarId: foreignPillar }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain(foreignPillar);
  });

  it('answers BAD_REQUEST naming the field for malformed input, and UNAUTHORIZED when signed out', async () => {
    const badLimit = await rejection(bed.as(bed.owner).today.get({ brandId: bed.ledgerline, limit: 0 }));
    expect(badLimit.code).toBe('BAD_REQUEST');
    expect(badLimit.message).toMatch(/limit/);
    const badChannel = await rejection(bed.as(bed.owner).today.get({ brandId: bed.ledgerline, channel: 'myspace' as 'x' }));
    expect(badChannel.code).toBe('BAD_REQUEST');
    expect((await rejection(bed.as(bed.owner).today.get({ brandId: 'ledgerline' }))).code).toBe('BAD_REQUEST');
    expect((await rejection(bed.as(null).today.get({ brandId: bed.ledgerline }))).code).toBe('UNAUTHORIZED');
  });
});

describe('today.summary', () => {
  it("returns the focus sentence for the viewer's brand and NOT_FOUND for another tenant's", async () => {
    const summary = await bed.as(bed.member).today.summary({ brandId: bed.ledgerline });
    // What to do first, with the board's own count; the heading above it already names the focus.
    expect(summary.summary).toMatch(/\d+ high-scoring ideas? (is|are) waiting on the board\.$/);
    expect(summary.source).toBe('model');
    expect((await rejection(bed.as(bed.owner).today.summary({ brandId: bed.climateDesk }))).code).toBe('NOT_FOUND');
  });
});

describe('opportunities.pin and opportunities.snooze', () => {
  it("pins and unpins a card of the viewer's brand", async () => {
    const { opportunities: list } = await bed.as(bed.member).today.get({ brandId: bed.ledgerline });
    const target = list.at(-1)!;
    expect(await bed.as(bed.member).opportunities.pin({ brandId: bed.ledgerline, opportunityId: target.id, pinned: true })).toMatchObject({
      id: target.id,
      isPinned: true,
    });
    const after = await bed.as(bed.member).today.get({ brandId: bed.ledgerline });
    expect(after.opportunities.find((o) => o.id === target.id)?.isPinned).toBe(true);
    await bed.as(bed.member).opportunities.pin({ brandId: bed.ledgerline, opportunityId: target.id, pinned: false });
    expect((await storedRow(target.id)).isPinned).toBe(false);
  });

  it('snoozes a card off the board and brings it back with until: null', async () => {
    const { opportunities: list } = await bed.as(bed.owner).today.get({ brandId: bed.ledgerline });
    const target = list[2]!;
    const until = addDays(new Date(), 1);
    expect(await bed.as(bed.owner).opportunities.snooze({ brandId: bed.ledgerline, opportunityId: target.id, until })).toMatchObject({
      isSnoozed: true,
      snoozedUntil: until,
    });
    expect((await bed.as(bed.owner).today.get({ brandId: bed.ledgerline })).opportunities.map((o) => o.id)).not.toContain(target.id);

    await bed.as(bed.owner).opportunities.snooze({ brandId: bed.ledgerline, opportunityId: target.id, until: null });
    expect((await bed.as(bed.owner).today.get({ brandId: bed.ledgerline })).opportunities.map((o) => o.id)).toContain(target.id);
  });

  it('refuses a snooze in the past or a bad id as BAD_REQUEST and changes nothing', async () => {
    const { opportunities: list } = await bed.as(bed.owner).today.get({ brandId: bed.ledgerline });
    const target = list[0]!;
    const before = await storedRow(target.id);
    const past = await rejection(
      bed.as(bed.owner).opportunities.snooze({ brandId: bed.ledgerline, opportunityId: target.id, until: new Date(Date.now() - 60_000) }),
    );
    expect(past.code).toBe('BAD_REQUEST');
    expect(past.message).toMatch(/future/);
    const badId = await rejection(bed.as(bed.owner).opportunities.pin({ brandId: bed.ledgerline, opportunityId: 'nope', pinned: true }));
    expect(badId.code).toBe('BAD_REQUEST');
    expect(await storedRow(target.id)).toEqual(before);
  });

  it("answers NOT_FOUND for another tenant's opportunity, through either brand, and leaves it alone", async () => {
    const { opportunities: theirs } = await bed.as(bed.stranger).today.get({ brandId: bed.climateDesk });
    const target = theirs[0]!;
    const before = await storedRow(target.id);
    expect(
      (await rejection(bed.as(bed.owner).opportunities.pin({ brandId: bed.climateDesk, opportunityId: target.id, pinned: true }))).code,
    ).toBe('NOT_FOUND');
    expect(
      (await rejection(bed.as(bed.owner).opportunities.pin({ brandId: bed.ledgerline, opportunityId: target.id, pinned: true }))).code,
    ).toBe('NOT_FOUND');
    const until = addDays(new Date(), 2);
    expect(
      (await rejection(bed.as(bed.owner).opportunities.snooze({ brandId: bed.ledgerline, opportunityId: target.id, until }))).code,
    ).toBe('NOT_FOUND');
    expect(await storedRow(target.id)).toEqual(before);
  });

  it('refuses a sixth pin as CONFLICT with a message saying why', async () => {
    const { opportunities: list } = await bed.as(bed.owner).today.get({ brandId: bed.ledgerline });
    const unpinned = list.filter((o) => !o.isPinned);
    const room = 5 - list.filter((o) => o.isPinned).length;
    for (const { id } of unpinned.slice(0, room))
      await bed.as(bed.owner).opportunities.pin({ brandId: bed.ledgerline, opportunityId: id, pinned: true });
    const sixth = unpinned[room]!;
    const error = await rejection(bed.as(bed.owner).opportunities.pin({ brandId: bed.ledgerline, opportunityId: sixth.id, pinned: true }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/at most 5/);
    expect((await storedRow(sixth.id)).isPinned).toBe(false);
  });
});
