import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../../lib/slug';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { addMember, createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { brands, personas } from '../db/schema';
import { ConflictError, errorCode, InvariantViolationError, NotFoundError } from '../errors';
import { type Engines, enginesOver } from '../index';
import type { CreateBrandInput } from './dto';

let handle: TestDatabase;
let engines: Engines;
let fx: TenantFixture;
let other: TenantFixture;

beforeAll(async () => {
  handle = await createTestDatabase();
  engines = enginesOver(handle).engines;
  fx = await createTenantFixture(handle.db, 'Lifecycle Co');
  other = await createTenantFixture(handle.db, 'Elsewhere Co');
});
afterAll(() => handle.close());

const unique = () => randomUUID().slice(0, 8);
const brandInput = (values: Partial<CreateBrandInput> = {}): CreateBrandInput => ({
  name: `Brand ${unique()}`,
  primaryChannel: 'linkedin',
  ...values,
});
const create = (input: Partial<CreateBrandInput> = {}, tenantId = fx.tenantId) =>
  engines.brandBrain.createBrand(tenantId, brandInput(input));

describe('createBrand', () => {
  it('derives the slug from the name, adds the primary channel, and starts with an empty strategy', async () => {
    const name = `Tax Talk ${unique()}`;
    const created = await create({ name, channels: [{ channel: 'x', handle: '@taxtalk' }] });
    expect(created).toMatchObject({
      tenantId: fx.tenantId,
      name,
      slug: name.toLowerCase().replaceAll(' ', '-'),
      primaryChannel: 'linkedin',
      channels: [
        { channel: 'linkedin', handle: '' },
        { channel: 'x', handle: '@taxtalk' },
      ],
      positioning: '',
      toneTags: [],
      taboos: [],
    });
    const strategy = await engines.brandBrain.getBrandStrategyView({ tenantId: fx.tenantId, brandId: created.id });
    expect(strategy).toMatchObject({ personas: [], pillars: [] });
  });

  it('keeps a slug given, and channels that already list the primary channel in their order', async () => {
    const slug = `given-${unique()}`;
    const channels = [
      { channel: 'x' as const, handle: '@given' },
      { channel: 'newsletter' as const, handle: 'Given Weekly' },
    ];
    expect(await create({ slug, primaryChannel: 'newsletter', channels })).toMatchObject({ slug, primaryChannel: 'newsletter', channels });
  });

  it('refuses a slug another brand of the tenant has, naming it, but not one of another tenant', async () => {
    const slug = `taken-${unique()}`;
    await create({ slug });
    const clash = await create({ slug }).catch((error: unknown) => error);
    expect(clash).toBeInstanceOf(ConflictError);
    expect((clash as Error).message).toContain(`"${slug}"`);
    // A derived slug clashes the same way.
    const name = `Same Name ${unique()}`;
    await create({ name });
    await expect(create({ name })).rejects.toBeInstanceOf(ConflictError);

    expect(await create({ slug }, other.tenantId)).toMatchObject({ tenantId: other.tenantId, slug });
  });

  it('refuses a name with nothing to make a slug from as bad input naming the slug, and takes it with a slug', async () => {
    const refused = await create({ name: '日本のブランド' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvariantViolationError);
    expect(errorCode(refused)).toBe('bad_input');
    expect((refused as Error).message).toMatch(/^slug: /);
    expect(await create({ name: '日本のブランド', slug: `nihon-${unique()}` })).toMatchObject({ name: '日本のブランド' });
  });

  it('refuses a channel listed twice, a malformed slug and an empty name', async () => {
    const twice = create({
      channels: [
        { channel: 'x', handle: 'a' },
        { channel: 'x', handle: 'b' },
      ],
    });
    await expect(twice).rejects.toMatchObject({ errorCode: 'bad_input', message: expect.stringMatching(/^channels: x/) });
    for (const bad of [{ slug: 'Has Spaces' }, { slug: 'double--hyphen' }, { slug: '-edge' }, { name: '   ' }, { name: 'n'.repeat(121) }]) {
      await expect(create(bad), JSON.stringify(bad)).rejects.toBeInstanceOf(ZodError);
    }
  });

  it('is NotFound for a tenant that does not exist', async () => {
    await expect(create({}, randomUUID())).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives any name a valid stored slug, or refuses it as bad input', async () => {
    const tenant = await createTenantFixture(handle.db, 'Slug Property Co');
    const names = fc.oneof(fc.string({ minLength: 1, maxLength: 120 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }));
    await fc.assert(
      fc.asyncProperty(names, async (name) => {
        const result = await engines.brandBrain.createBrand(tenant.tenantId, { name, primaryChannel: 'x' }).catch((error: Error) => error);
        // Two names can give one slug ("a" and "A"): the second is a clash, which is a clear refusal too.
        if (result instanceof Error)
          return result instanceof ZodError || errorCode(result) === 'bad_input' || result instanceof ConflictError;
        return SLUG_PATTERN.test(result.slug) && result.slug.length <= SLUG_MAX_LENGTH;
      }),
      { numRuns: 40 },
    );
  });
});

describe('updateBrand', () => {
  it('changes only the fields given', async () => {
    const brand = await create({ channels: [{ channel: 'x', handle: '@old' }] });
    const scope = { tenantId: fx.tenantId, brandId: brand.id };
    const renamed = await engines.brandBrain.updateBrand(scope, { name: 'Renamed' });
    expect(renamed).toEqual({ ...brand, name: 'Renamed' });
    const reslugged = await engines.brandBrain.updateBrand(scope, { slug: `new-${unique()}` });
    expect(reslugged.name).toBe('Renamed');
    const handles = await engines.brandBrain.updateBrand(scope, {
      channels: [
        { channel: 'linkedin', handle: 'renamed-co' },
        { channel: 'newsletter', handle: 'Renamed Weekly' },
      ],
    });
    expect(handles.channels.map((c) => c.channel)).toEqual(['linkedin', 'newsletter']);
    expect(handles.primaryChannel).toBe('linkedin');
  });

  it('adds a new primary channel the list lacks, but refuses a list that drops the primary channel', async () => {
    const brand = await create({ channels: [{ channel: 'linkedin', handle: 'co' }] });
    const scope = { tenantId: fx.tenantId, brandId: brand.id };
    const moved = await engines.brandBrain.updateBrand(scope, { primaryChannel: 'newsletter' });
    expect(moved).toMatchObject({
      primaryChannel: 'newsletter',
      channels: [
        { channel: 'newsletter', handle: '' },
        { channel: 'linkedin', handle: 'co' },
      ],
    });
    const dropped = engines.brandBrain.updateBrand(scope, { channels: [{ channel: 'linkedin', handle: 'co' }] });
    await expect(dropped).rejects.toMatchObject({ errorCode: 'bad_input', message: expect.stringMatching(/^channels: .*newsletter/) });
    expect((await engines.brandBrain.getBrandSummary(scope)).channels).toHaveLength(2);
  });

  it("refuses another brand's slug of the tenant, naming it", async () => {
    const taken = (await engines.brandBrain.getBrandSummary(fx)).slug;
    const brand = await create();
    const clash = engines.brandBrain.updateBrand({ tenantId: fx.tenantId, brandId: brand.id }, { slug: taken });
    await expect(clash).rejects.toBeInstanceOf(ConflictError);
    await expect(clash).rejects.toThrow(taken);
  });

  it("is NotFound for another tenant's brand and changes nothing", async () => {
    const before = await engines.brandBrain.getBrandSummary(fx);
    const hijack = engines.brandBrain.updateBrand({ tenantId: other.tenantId, brandId: fx.brandId }, { name: 'Hijacked' });
    await expect(hijack).rejects.toBeInstanceOf(NotFoundError);
    expect(await engines.brandBrain.getBrandSummary(fx)).toEqual(before);
  });
});

describe('archiveBrand', () => {
  it('takes the brand out of the lists, the cron walk and every brand-scoped call, keeping its rows', async () => {
    const tenant = await createTenantFixture(handle.db, 'Archive Co');
    const member = await addMember(handle.db, tenant.tenantId, 'member');
    const kept = await engines.brandBrain.createBrand(tenant.tenantId, brandInput());
    const scope = { tenantId: tenant.tenantId, brandId: tenant.brandId };
    expect((await engines.learning.walk.listTargets({ limit: 500 })).map((t) => t.brandId)).toContain(tenant.brandId);
    const { key } = await engines.ingestKeys.createKey(scope, { name: 'Metrics webhook' });

    const archived = await engines.brandBrain.archiveBrand(scope);
    expect(archived.id).toBe(tenant.brandId);

    expect((await engines.brandBrain.listBrandsForUser(member)).map((b) => b.id)).toEqual([kept.id]);
    expect((await engines.brandBrain.listBrandsForUser(tenant.ownerUserId)).map((b) => b.id)).toEqual([kept.id]);
    expect((await engines.learning.walk.listTargets({ limit: 500 })).map((t) => t.brandId)).not.toContain(tenant.brandId);
    await expect(engines.learning.walk.findTarget(tenant.brandId)).rejects.toBeInstanceOf(NotFoundError);
    // Its ingest key speaks for no brand any more: the route answers it like an unknown key.
    expect(await engines.ingestKeys.verifyKey(key)).toBeNull();
    await expect(engines.tenancy.findBrandTenant({ brandId: tenant.brandId, tenantIds: [tenant.tenantId] })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    for (const call of [
      () => engines.brandBrain.getBrandSummary(scope),
      () => engines.brandBrain.getBrandStrategyView(scope),
      () => engines.brandBrain.updateBrand(scope, { name: 'Back' }),
      () => engines.brandBrain.archiveBrand(scope),
      () => engines.opportunities.getTodayBoard(scope),
    ]) {
      await expect(call()).rejects.toBeInstanceOf(NotFoundError);
    }

    const [row] = await handle.db.select().from(brands).where(eq(brands.id, tenant.brandId));
    expect(row!.archivedAt).toBeInstanceOf(Date);
    expect(row!.deletedAt).toBeNull();
    expect(await handle.db.select().from(personas).where(eq(personas.brandId, tenant.brandId))).toHaveLength(2);
  });

  it('keeps the slug of an archived brand, and says so when a new brand asks for it', async () => {
    const brand = await create();
    await engines.brandBrain.archiveBrand({ tenantId: fx.tenantId, brandId: brand.id });
    await expect(create({ slug: brand.slug })).rejects.toThrow(/archived brand/);
  });

  it("is NotFound for another tenant's brand, which stays live", async () => {
    await expect(engines.brandBrain.archiveBrand({ tenantId: other.tenantId, brandId: fx.brandId })).rejects.toBeInstanceOf(NotFoundError);
    expect((await engines.brandBrain.getBrandSummary(fx)).id).toBe(fx.brandId);
  });
});
