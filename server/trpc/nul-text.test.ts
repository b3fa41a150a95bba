import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, contentPackages, ingestKeys, opportunities, variants } from '../../engines/db/schema';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { insertContentOpportunity, insertContentPackage, insertContentVariant } from '../../test/fixtures/content';
import { rejection } from '../../test/trpc';
import type { Viewer } from '../auth/viewer';
import { createSystemContext, type SystemContext } from '../orchestrator/context';
import { REFUSED_VALUE_MESSAGE, toTRPCError } from './errors';
import { createInnerContext } from './init';
import { createCaller } from './root';

// PostgreSQL (and PGlite) store no U+0000 in text or jsonb. A NUL anywhere in what a person sends is
// their mistake: BAD_REQUEST naming the field, nothing stored — never a 500 from the database.

const NUL = '\u0000';

let handle: TestDatabase;
let system: SystemContext;
let fx: TenantFixture;
let owner: Viewer;

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle);
  fx = await createTenantFixture(handle.db, 'Nul Co');
  owner = await viewerFor(system, fx.ownerUserId);
});
afterAll(() => handle.close());

const api = () => createCaller(createInnerContext({ system, viewer: owner }));

async function draftVariant(): Promise<string> {
  const packageId = await insertContentPackage(handle.db, fx, { channels: ['linkedin'] });
  return insertContentVariant(handle.db, fx, packageId, { draftText: 'The stored draft.' });
}

async function expectRefusedNul(call: Promise<unknown>, field: string): Promise<void> {
  const error = await rejection(call);
  expect(error.code).toBe('BAD_REQUEST');
  expect(error.message).toContain(`${field}: must not contain the NUL character`);
}

describe('a NUL character in procedure input', () => {
  it('variants.update refuses the text and keeps the stored one', async () => {
    const variantId = await draftVariant();
    await expectRefusedNul(api().variants.update({ brandId: fx.brandId, variantId, text: `Edited${NUL}text` }), 'text');
    const [row] = await handle.db.select().from(variants).where(eq(variants.id, variantId));
    expect(row).toMatchObject({ status: 'draft', editedText: null, draftText: 'The stored draft.' });
  });

  it('variants.markPublished refuses the external post id and leaves the variant unpublished', async () => {
    const variantId = await draftVariant();
    await expectRefusedNul(
      api().variants.markPublished({ brandId: fx.brandId, variantId, externalPostId: `urn:li:share:${NUL}1` }),
      'externalPostId',
    );
    const [row] = await handle.db.select().from(variants).where(eq(variants.id, variantId));
    expect(row).toMatchObject({ status: 'draft', externalPostId: null, publishedAt: null });
  });

  it('packages.createFromOpportunity and buildProgress refuse the idempotency key; no package is made', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const idempotencyKey = `key-${NUL}`;
    await expectRefusedNul(
      api().packages.createFromOpportunity({ brandId: fx.brandId, opportunityId, channels: ['linkedin'], idempotencyKey }),
      'idempotencyKey',
    );
    await expectRefusedNul(api().packages.buildProgress({ brandId: fx.brandId, idempotencyKey, channels: ['linkedin'] }), 'idempotencyKey');
    expect(await handle.db.select().from(contentPackages).where(eq(contentPackages.originOpportunityId, opportunityId))).toEqual([]);
  });

  it('ingestKeys.create refuses the name; no key is made', async () => {
    await expectRefusedNul(api().ingestKeys.create({ brandId: fx.brandId, name: `Webhook${NUL}` }), 'name');
    expect(await handle.db.select().from(ingestKeys).where(eq(ingestKeys.brandId, fx.brandId))).toEqual([]);
  });
});

/** Refused by the engine's input schema (not by the database backstop), as BAD_REQUEST. */
function expectRefusedByValidation(error: unknown): void {
  const mapped = toTRPCError(error);
  expect(mapped.code).toBe('BAD_REQUEST');
  expect(mapped.message).toMatch(/must not contain the NUL character/);
}

describe('a NUL character in engine input', () => {
  it('brand-brain writes refuse it in a brand name or handle, a persona and a pillar, storing nothing', async () => {
    const brand = {
      name: 'Nul brand',
      slug: 'nul-brand',
      primaryChannel: 'linkedin' as const,
      channels: [{ channel: 'linkedin' as const, handle: 'nul' }],
    };
    const engine = system.engines.brandBrain;
    for (const input of [
      { ...brand, name: `Nul${NUL} brand` },
      { ...brand, channels: [{ channel: 'linkedin' as const, handle: `n${NUL}ul` }] },
    ]) {
      expectRefusedByValidation(await engine.createBrand(fx.tenantId, input).catch((e: unknown) => e));
    }
    expectRefusedByValidation(await engine.updateBrand(fx, { name: `Nul${NUL}` }).catch((e: unknown) => e));
    const persona = { name: 'Persona', summary: 'Reads a lot.', priorities: ['a', 'b', `c${NUL}`] };
    expectRefusedByValidation(await engine.upsertPersona(fx, persona).catch((e: unknown) => e));
    expectRefusedByValidation(await engine.upsertPillar(fx, { name: `P${NUL}`, description: 'd' }).catch((e: unknown) => e));
    expect(await handle.db.select().from(brands).where(eq(brands.slug, 'nul-brand'))).toEqual([]);
  });

  it('opportunity ingest refuses it in the title, the source url and a metadata key, storing nothing', async () => {
    const opportunity = {
      type: 'trend' as const,
      title: 'A title',
      angle: 'An angle.',
      source: 'feed',
      primaryChannel: 'linkedin' as const,
    };
    for (const input of [
      { ...opportunity, title: `A${NUL}title` },
      { ...opportunity, sourceUrl: `https://example.com/${NUL}` },
      { ...opportunity, metadata: { [`k${NUL}`]: 1 } },
    ]) {
      expectRefusedByValidation(await system.engines.opportunities.ingestOpportunity(fx, input).catch((e: unknown) => e));
    }
    expect(await handle.db.select().from(opportunities).where(eq(opportunities.source, 'feed'))).toEqual([]);
  });
});

describe('the backstop for a NUL that reaches the database', () => {
  it('maps the driver’s refusal to BAD_REQUEST on this database driver', async () => {
    const refused = await handle.db
      .insert(ingestKeys)
      .values({ tenantId: fx.tenantId, brandId: fx.brandId, name: `raw${NUL}`, keyHash: 'raw' })
      .catch((e: unknown) => e);
    const mapped = toTRPCError(refused);
    expect({ code: mapped.code, message: mapped.message }).toEqual({ code: 'BAD_REQUEST', message: REFUSED_VALUE_MESSAGE });
  });
});
