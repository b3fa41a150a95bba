import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertContentOpportunity } from '../../test/fixtures/content';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf } from '../../test/trpc';

// today.get shares one build of the view among identical calls in flight at once (SingleFlight on the
// system context), and never among different people, tenants or filters, nor across a finished write.

const bed = twoTenantBed({ tenant: 'Shared Reads Co', other: 'Other Shared Reads Co' });
let opportunityId: string;

beforeAll(async () => {
  opportunityId = await insertContentOpportunity(bed.handle.db, bed.fx, { title: 'Read once, shown to all' });
  await insertContentOpportunity(bed.handle.db, bed.other, { title: 'Theirs only' });
});
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Holds every board read until `open()`, and counts F1's builds (one strategy read per build). Reads
 * started after `open()` run at once.
 */
function holdBoardReads() {
  const { opportunities, brandBrain } = bed.system.engines;
  const readBoard = opportunities.getTodayBoard.bind(opportunities);
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const board = vi.spyOn(opportunities, 'getTodayBoard').mockImplementation(async (...args) => {
    await gate;
    return readBoard(...args);
  });
  const builds = vi.spyOn(brandBrain, 'getBrandWithStrategy');
  return { open, board, builds: () => builds.mock.calls.length };
}

/** Lets the calls already made reach their shared read (context, brand check, graph start). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('today.get shared among identical calls in flight', () => {
  it("builds the view once for one person's identical calls, and anew once it is built", async () => {
    const held = holdBoardReads();
    const calls = [1, 2, 3].map(() => bed.as(bed.owner).today.get({ brandId: bed.fx.brandId }));
    await settle();
    held.open();
    const views = await Promise.all(calls);
    expect(held.builds()).toBe(1);
    expect(views[1]).toBe(views[0]);
    expect(views[2]).toBe(views[0]);
    expect(views[0]!.opportunities.map((o) => o.id)).toContain(opportunityId);

    await bed.as(bed.owner).today.get({ brandId: bed.fx.brandId });
    expect(held.builds()).toBe(2);
  });

  it('never shares a build between people, tenants or filters', async () => {
    const held = holdBoardReads();
    const calls = [
      bed.as(bed.owner).today.get({ brandId: bed.fx.brandId }),
      bed.as(bed.member).today.get({ brandId: bed.fx.brandId }),
      bed.as(bed.owner).today.get({ brandId: bed.fx.brandId, channel: 'linkedin' }),
      bed.as(bed.otherOwner).today.get({ brandId: bed.other.brandId }),
    ];
    await settle();
    held.open();
    const [owners, members, filtered, theirs] = await Promise.all(calls);
    expect(held.builds()).toBe(4);
    expect(members).not.toBe(owners);
    expect(filtered!.filter).toEqual({ channel: 'linkedin' });
    expect(theirs!.brand.id).toBe(bed.other.brandId);
    expect(theirs!.opportunities.map((o) => o.title)).toEqual(['Theirs only']);
  });

  it('does not hand a call made after a finished write the build that started before it', async () => {
    const { opportunities } = bed.system.engines;
    const readBoard = opportunities.getTodayBoard.bind(opportunities);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    // Only the first board read waits: the build started before the pin.
    vi.spyOn(opportunities, 'getTodayBoard')
      .mockImplementationOnce(async (...args) => {
        await gate;
        return readBoard(...args);
      })
      .mockImplementation(readBoard);
    const before = bed.as(bed.owner).today.get({ brandId: bed.fx.brandId });
    await settle();
    await bed.as(bed.owner).opportunities.pin({ brandId: bed.fx.brandId, opportunityId, pinned: true });
    const after = await bed.as(bed.owner).today.get({ brandId: bed.fx.brandId });
    expect(after.opportunities.find((o) => o.id === opportunityId)?.isPinned).toBe(true);
    open();
    await before;
    await bed.as(bed.owner).opportunities.pin({ brandId: bed.fx.brandId, opportunityId, pinned: false });
  });

  it('gives every caller sharing a build its failure, and keeps none of it', async () => {
    const { opportunities } = bed.system.engines;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    vi.spyOn(opportunities, 'getTodayBoard').mockImplementationOnce(async () => {
      await gate;
      throw new Error('connection reset');
    });
    const calls = [1, 2].map(() => codeOf(bed.as(bed.owner).today.get({ brandId: bed.fx.brandId })));
    await settle();
    open();
    expect(await Promise.all(calls)).toEqual(['INTERNAL_SERVER_ERROR', 'INTERNAL_SERVER_ERROR']);
    await expect(bed.as(bed.owner).today.get({ brandId: bed.fx.brandId })).resolves.toMatchObject({ brand: { id: bed.fx.brandId } });
  });
});
