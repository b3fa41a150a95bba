import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { createContentEngine, FIXED_NOW, insertContentOpportunity } from '../../test/fixtures/content';
import { type DatabaseHandle, openDatabase } from '../db/client';
import { contentPackages, opportunities } from '../db/schema';
import { ConflictError } from '../errors';
import type { ContentEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
let content: ContentEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Idempotent Co');
  content = createContentEngine(handle.db);
});
afterAll(() => handle.close());

async function packagesWithKey(idempotencyKey: string) {
  return handle.db
    .select({ id: contentPackages.id })
    .from(contentPackages)
    .where(and(eq(contentPackages.brandId, fx.brandId), eq(contentPackages.idempotencyKey, idempotencyKey)));
}

describe('createPackageFromOpportunity with an idempotency key', () => {
  it('returns the same package for a repeated key, reporting it as not created', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const request = {
      opportunityId,
      channels: ['linkedin' as const, 'x' as const],
      createdByUserId: fx.ownerUserId,
      idempotencyKey: randomUUID(),
    };
    const first = await content.createPackageFromOpportunity(fx, request);
    const again = await content.createPackageFromOpportunity(fx, request);
    const reordered = await content.createPackageFromOpportunity(fx, { ...request, channels: ['x', 'linkedin'] });
    expect(first.created).toBe(true);
    expect(again).toEqual({ package: first.package, created: false });
    expect(reordered).toEqual({ package: first.package, created: false });
    expect(await packagesWithKey(request.idempotencyKey)).toHaveLength(1);
  });

  it('finds the package of a used key before anything is made, refusing a mismatched request', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const request = { opportunityId, channels: ['linkedin' as const], createdByUserId: fx.ownerUserId, idempotencyKey: randomUUID() };
    expect(await content.findPackageForKey(fx, request)).toBeNull();
    expect(await content.findPackageForKey(fx, { ...request, idempotencyKey: undefined })).toBeNull();
    const { package: pkg } = await content.createPackageFromOpportunity(fx, request);
    expect(await content.findPackageForKey(fx, request)).toEqual(pkg);
    await expect(content.findPackageForKey(fx, { ...request, channels: ['x'] })).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses the key reused for a different opportunity', async () => {
    const first = await insertContentOpportunity(handle.db, fx);
    const second = await insertContentOpportunity(handle.db, fx);
    const idempotencyKey = randomUUID();
    await content.createPackageFromOpportunity(fx, {
      opportunityId: first,
      channels: ['x'],
      createdByUserId: fx.ownerUserId,
      idempotencyKey,
    });
    await expect(
      content.createPackageFromOpportunity(fx, { opportunityId: second, channels: ['x'], createdByUserId: fx.ownerUserId, idempotencyKey }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await packagesWithKey(idempotencyKey)).toHaveLength(1);
  });

  it('refuses the key reused for a different channel set', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const idempotencyKey = randomUUID();
    await content.createPackageFromOpportunity(fx, { opportunityId, channels: ['x'], createdByUserId: fx.ownerUserId, idempotencyKey });
    for (const channels of [['linkedin'], ['x', 'linkedin']] as const) {
      await expect(
        content.createPackageFromOpportunity(fx, {
          opportunityId,
          channels: [...channels],
          createdByUserId: fx.ownerUserId,
          idempotencyKey,
        }),
      ).rejects.toBeInstanceOf(ConflictError);
    }
  });

  it('replays a key even after its opportunity stopped being live', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const request = { opportunityId, channels: ['x' as const], createdByUserId: fx.ownerUserId, idempotencyKey: randomUUID() };
    const first = await content.createPackageFromOpportunity(fx, request);
    await handle.db
      .update(opportunities)
      .set({ snoozedUntil: addDays(FIXED_NOW, 7) })
      .where(eq(opportunities.id, opportunityId));
    expect(await content.createPackageFromOpportunity(fx, request)).toEqual({ package: first.package, created: false });
  });

  it('refuses a key whose package has been deleted, rather than making a second one', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const request = { opportunityId, channels: ['x' as const], createdByUserId: fx.ownerUserId, idempotencyKey: randomUUID() };
    const first = await content.createPackageFromOpportunity(fx, request);
    await handle.db.update(contentPackages).set({ deletedAt: FIXED_NOW }).where(eq(contentPackages.id, first.package.id));
    await expect(content.createPackageFromOpportunity(fx, request)).rejects.toBeInstanceOf(ConflictError);
    expect(await packagesWithKey(request.idempotencyKey)).toHaveLength(1);
  });

  it('keeps keys apart per brand', async () => {
    const otherBrand = await createTenantFixture(handle.db, 'Other Idempotent Co');
    const idempotencyKey = randomUUID();
    const mine = await content.createPackageFromOpportunity(fx, {
      opportunityId: await insertContentOpportunity(handle.db, fx),
      channels: ['x'],
      createdByUserId: fx.ownerUserId,
      idempotencyKey,
    });
    const theirs = await content.createPackageFromOpportunity(otherBrand, {
      opportunityId: await insertContentOpportunity(handle.db, otherBrand),
      channels: ['x'],
      createdByUserId: otherBrand.ownerUserId,
      idempotencyKey,
    });
    expect(theirs.created).toBe(true);
    expect(theirs.package.id).not.toBe(mine.package.id);
  });

  it('makes exactly one package for 10 concurrent identical calls, each on its own connection where the database allows', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const idempotencyKey = randomUUID();
    // PostgreSQL: ten sessions really race on the unique index. PGlite has one session, so the calls
    // interleave on it instead; both must end with one package.
    const sessions: DatabaseHandle[] = handle.url
      ? await Promise.all(Array.from({ length: 10 }, () => openDatabase({ url: handle.url!, maxConnections: 1 })))
      : [];
    try {
      const engines = sessions.length ? sessions.map((s) => createContentEngine(s.db)) : Array.from({ length: 10 }, () => content);
      const results = await Promise.all(
        engines.map((engine) =>
          engine.createPackageFromOpportunity(fx, {
            opportunityId,
            channels: ['linkedin'],
            createdByUserId: fx.ownerUserId,
            idempotencyKey,
          }),
        ),
      );
      expect(new Set(results.map((r) => r.package.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await packagesWithKey(idempotencyKey)).toHaveLength(1);
    } finally {
      await Promise.all(sessions.map((s) => s.close()));
    }
  });
});
