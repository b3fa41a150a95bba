import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { brands, contentPackages, ingestKeys, opportunities, variants } from '../../engines/db/schema';
import { insertContentOpportunity, insertContentPackage, insertContentVariant } from '../../test/fixtures/content';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { rejection } from '../../test/trpc';
import { REFUSED_VALUE_MESSAGE, toTRPCError } from './errors';

// PostgreSQL (and PGlite) store no U+0000 in text or jsonb. A NUL anywhere in what a person sends is
// their mistake: BAD_REQUEST naming the field, nothing stored — never a 500 from the database.

const NUL = '\u0000';

const bed = twoTenantBed({ tenant: 'Nul Co', other: 'Other Nul Co' });

const api = () => bed.as(bed.owner);

async function draftVariant(): Promise<string> {
  const packageId = await insertContentPackage(bed.handle.db, bed.fx, { channels: ['linkedin'] });
  return insertContentVariant(bed.handle.db, bed.fx, packageId, { draftText: 'The stored draft.' });
}

async function expectRefusedNul(call: Promise<unknown>, field: string): Promise<void> {
  const error = await rejection(call);
  expect(error.code).toBe('BAD_REQUEST');
  expect(error.message).toContain(`${field}: must not contain the NUL character`);
}

describe('a NUL character in procedure input', () => {
  it('variants.update refuses the text and keeps the stored one', async () => {
    const variantId = await draftVariant();
    await expectRefusedNul(api().variants.update({ brandId: bed.fx.brandId, variantId, text: `Edited${NUL}text` }), 'text');
    const [row] = await bed.handle.db.select().from(variants).where(eq(variants.id, variantId));
    expect(row).toMatchObject({ status: 'draft', editedText: null, draftText: 'The stored draft.' });
  });

  it('variants.markPublished refuses the external post id and leaves the variant unpublished', async () => {
    const variantId = await draftVariant();
    await expectRefusedNul(
      api().variants.markPublished({ brandId: bed.fx.brandId, variantId, externalPostId: `urn:li:share:${NUL}1` }),
      'externalPostId',
    );
    const [row] = await bed.handle.db.select().from(variants).where(eq(variants.id, variantId));
    expect(row).toMatchObject({ status: 'draft', externalPostId: null, publishedAt: null });
  });

  it('packages.createFromOpportunity and buildProgress refuse the idempotency key; no package is made', async () => {
    const opportunityId = await insertContentOpportunity(bed.handle.db, bed.fx);
    const idempotencyKey = `key-${NUL}`;
    await expectRefusedNul(
      api().packages.createFromOpportunity({ brandId: bed.fx.brandId, opportunityId, channels: ['linkedin'], idempotencyKey }),
      'idempotencyKey',
    );
    await expectRefusedNul(
      api().packages.buildProgress({ brandId: bed.fx.brandId, idempotencyKey, channels: ['linkedin'] }),
      'idempotencyKey',
    );
    expect(await bed.handle.db.select().from(contentPackages).where(eq(contentPackages.originOpportunityId, opportunityId))).toEqual([]);
  });

  it('ingestKeys.create refuses the name; no key is made', async () => {
    await expectRefusedNul(api().ingestKeys.create({ brandId: bed.fx.brandId, name: `Webhook${NUL}` }), 'name');
    expect(await bed.handle.db.select().from(ingestKeys).where(eq(ingestKeys.brandId, bed.fx.brandId))).toEqual([]);
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
    const engine = bed.system.engines.brandBrain;
    for (const input of [
      { ...brand, name: `Nul${NUL} brand` },
      { ...brand, channels: [{ channel: 'linkedin' as const, handle: `n${NUL}ul` }] },
    ]) {
      expectRefusedByValidation(await engine.createBrand(bed.fx.tenantId, input).catch((e: unknown) => e));
    }
    expectRefusedByValidation(await engine.updateBrand(bed.fx, { name: `Nul${NUL}` }).catch((e: unknown) => e));
    const persona = { name: 'Persona', summary: 'Reads a lot.', priorities: ['a', 'b', `c${NUL}`] };
    expectRefusedByValidation(await engine.upsertPersona(bed.fx, persona).catch((e: unknown) => e));
    expectRefusedByValidation(await engine.upsertPillar(bed.fx, { name: `P${NUL}`, description: 'd' }).catch((e: unknown) => e));
    expect(await bed.handle.db.select().from(brands).where(eq(brands.slug, 'nul-brand'))).toEqual([]);
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
      expectRefusedByValidation(await bed.system.engines.opportunities.ingestOpportunity(bed.fx, input).catch((e: unknown) => e));
    }
    expect(await bed.handle.db.select().from(opportunities).where(eq(opportunities.source, 'feed'))).toEqual([]);
  });
});

describe('the backstop for a NUL that reaches the database', () => {
  it('maps the driver’s refusal to BAD_REQUEST on this database driver', async () => {
    const refused = await bed.handle.db
      .insert(ingestKeys)
      .values({ tenantId: bed.fx.tenantId, brandId: bed.fx.brandId, name: `raw${NUL}`, keyHash: 'raw' })
      .catch((e: unknown) => e);
    const mapped = toTRPCError(refused);
    expect({ code: mapped.code, message: mapped.message }).toEqual({ code: 'BAD_REQUEST', message: REFUSED_VALUE_MESSAGE });
  });
});
