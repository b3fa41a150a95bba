import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentPackages, flowRunEvents, flowRuns, variants } from '../../engines/db/schema';
import { addMember } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { insertContentOpportunity, insertContentPattern } from '../../test/fixtures/content';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';
import type { Viewer } from '../auth/viewer';
import { DEFAULT_RATE_LIMITS } from '../rate-limit/config';
import { createRateLimits } from '../rate-limit/limits';

// Small allowances so a burst crosses them in a few calls; the windows are the defaults' lengths,
// and the reset is reached by moving the clock past the window, never by waiting for it.
const WINDOW_SECONDS = 600;
const LIMITS = {
  ...DEFAULT_RATE_LIMITS,
  packageBuilds: { points: 2, seconds: WINDOW_SECONDS },
  regenerations: { points: 2, seconds: WINDOW_SECONDS },
  summaries: { points: 3, seconds: WINDOW_SECONDS },
};

/** A member whose allowances only the regeneration test spends. */
let regenerator: Viewer;

const bed = twoTenantBed({ tenant: 'Limited Co', other: 'Other Co' }, (handle) => ({ limits: createRateLimits(handle, LIMITS) }));
beforeAll(async () => {
  await insertContentPattern(bed.handle.db, bed.fx, { supportedChannels: ['linkedin', 'x', 'newsletter'] });
  regenerator = await viewerFor(bed.system, await addMember(bed.handle.db, bed.fx.tenantId, 'member'));
});
afterEach(() => {
  vi.useRealTimers();
});

/** Rows a model-calling procedure writes, for the fixture brand: packages, drafts, runs and their events. */
async function writtenRows(): Promise<{ packages: number; variants: number; runs: number; events: number }> {
  const tally = async (table: typeof contentPackages | typeof variants | typeof flowRuns | typeof flowRunEvents) => {
    const [row] = await bed.handle.db.select({ n: count() }).from(table).where(eq(table.brandId, bed.fx.brandId));
    return Number(row!.n);
  };
  return {
    packages: await tally(contentPackages),
    variants: await tally(variants),
    runs: await tally(flowRuns),
    events: await tally(flowRunEvents),
  };
}

/** Builds a package from a new opportunity with a fresh key, and answers its id. */
async function build(viewer: Viewer): Promise<string> {
  const opportunityId = await insertContentOpportunity(bed.handle.db, bed.fx);
  const answer = await bed.as(viewer).packages.createFromOpportunity({
    brandId: bed.fx.brandId,
    opportunityId,
    channels: ['linkedin'],
    idempotencyKey: randomUUID(),
  });
  // A fresh key is never a duplicate, so the answer is the built workspace, not a build in progress.
  if (!('package' in answer)) throw new Error('expected the built package');
  return answer.package.id;
}

/** Moves `Date` (only) past the limits' window; timers and the database keep real time. */
function afterTheWindow(): void {
  const later = Date.now() + (WINDOW_SECONDS + 1) * 1000;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(later);
}

describe('rate limits on the procedures that call a model', () => {
  it('a burst of package builds over the limit: the extra one is TOO_MANY_REQUESTS with its wait, and writes nothing', async () => {
    const before = await writtenRows();
    const opportunityIds = await Promise.all([1, 2, 3].map(() => insertContentOpportunity(bed.handle.db, bed.fx)));
    const results = await Promise.allSettled(
      opportunityIds.map((opportunityId) =>
        bed.as(bed.owner).packages.createFromOpportunity({
          brandId: bed.fx.brandId,
          opportunityId,
          channels: ['linkedin'],
          idempotencyKey: randomUUID(),
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    const error = await rejection(Promise.reject((refused[0] as PromiseRejectedResult).reason));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/^Too many package builds: try again in \d+ s$/);
    const wait = Number(/in (\d+) s/.exec(error.message)![1]);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(WINDOW_SECONDS);

    const after = await writtenRows();
    expect(after.packages - before.packages).toBe(2);
    expect(after.runs - before.runs).toBe(2);
    // And a further attempt, once the drafts are stored, changes no row at all.
    expect(await codeOf(build(bed.owner))).toBe('TOO_MANY_REQUESTS');
    expect(await writtenRows()).toEqual(after);
  });

  it('another user of the same brand still builds while the first is refused', async () => {
    expect(await codeOf(build(bed.owner))).toBe('TOO_MANY_REQUESTS');
    expect(await build(bed.member)).toEqual(expect.any(String));
  });

  it('malformed input and a foreign brand answer as before and spend no attempt, refused user or not', async () => {
    const foreign = await insertContentOpportunity(bed.handle.db, bed.other);
    const malformed = { brandId: bed.fx.brandId, opportunityId: 'not-a-uuid', channels: ['linkedin' as const] };
    const foreignBrand = { brandId: bed.other.brandId, opportunityId: foreign, channels: ['linkedin' as const] };
    expect(await codeOf(build(bed.owner))).toBe('TOO_MANY_REQUESTS');
    expect(await codeOf(bed.as(bed.owner).packages.createFromOpportunity(malformed))).toBe('BAD_REQUEST');
    expect(await codeOf(bed.as(bed.owner).packages.createFromOpportunity(foreignBrand))).toBe('NOT_FOUND');
    // The member has one build left: these refusals do not spend it.
    for (let i = 0; i < 3; i++) {
      expect(await codeOf(bed.as(bed.member).packages.createFromOpportunity(malformed))).toBe('BAD_REQUEST');
      expect(await codeOf(bed.as(bed.member).packages.createFromOpportunity(foreignBrand))).toBe('NOT_FOUND');
    }
    await build(bed.member);
    expect(await codeOf(build(bed.member))).toBe('TOO_MANY_REQUESTS');
  });

  it('the window resets: once it has passed, the same user builds again', async () => {
    expect(await codeOf(build(bed.owner))).toBe('TOO_MANY_REQUESTS');
    afterTheWindow();
    expect(await build(bed.owner)).toEqual(expect.any(String));
  });

  it('regenerations: the third in a burst is refused and stores no drafts and no run', async () => {
    const packageId = await build(regenerator);
    const before = await writtenRows();
    const results = await Promise.allSettled(
      [1, 2, 3].map(() => bed.as(regenerator).packages.regenerateVariants({ brandId: bed.fx.brandId, packageId, channel: 'linkedin' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    const error = await rejection(Promise.reject(refused?.reason));
    expect(error.code).toBe('TOO_MANY_REQUESTS');
    expect(error.message).toMatch(/^Too many draft regenerations: try again in \d+ s$/);
    const after = await writtenRows();
    expect(after.runs - before.runs).toBe(2);

    expect(await codeOf(bed.as(regenerator).packages.regenerateVariants({ brandId: bed.fx.brandId, packageId, channel: 'linkedin' }))).toBe(
      'TOO_MANY_REQUESTS',
    );
    expect(await writtenRows()).toEqual(after);
  });

  it('summaries: today and learning summaries share one allowance per user, spent by model calls only; other users keep theirs', async () => {
    const api = bed.as(bed.otherOwner);
    const brandId = bed.other.brandId;
    await api.today.summary({ brandId });
    await api.learning.summary({ brandId, windowDays: 30 });
    // Page views that recall this morning's sentence call no model, so they spend nothing.
    for (let view = 0; view < 5; view++) await expect(api.today.summary({ brandId })).resolves.toMatchObject({ source: 'model' });
    // A new idea on the board is a new context: the model writes again, spending the last summary.
    await insertContentOpportunity(bed.handle.db, bed.other, { title: 'A new idea for a new sentence' });
    await api.today.summary({ brandId });
    await insertContentOpportunity(bed.handle.db, bed.other, { title: 'One more idea than allowed' });
    const today = await rejection(api.today.summary({ brandId }));
    expect(today.code).toBe('TOO_MANY_REQUESTS');
    expect(today.message).toMatch(/^Too many summaries: try again in \d+ s$/);
    expect(await codeOf(api.learning.summary({ brandId, windowDays: 7 }))).toBe('TOO_MANY_REQUESTS');
    // Reads that call no model are not limited.
    await expect(api.today.get({ brandId })).resolves.toMatchObject({ brand: { id: brandId } });

    const summary = await bed.as(bed.member).today.summary({ brandId: bed.fx.brandId });
    expect(summary.summary).toEqual(expect.any(String));
  });
});
