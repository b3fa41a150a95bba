import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { addMember, createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { brands, contentPillars, memberships, personas, tenants } from '../db/schema';
import { ConflictError, NotFoundError } from '../errors';
import type { CreateBrandInput, UpsertPersonaInput, UpsertPillarInput } from './dto';
import { BrandBrainEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
let other: TenantFixture;
let engine: BrandBrainEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Mine Co');
  other = await createTenantFixture(handle.db, 'Theirs Co');
  engine = new BrandBrainEngine(handle.db);
});
afterAll(() => handle.close());

const brandInput = (values: Partial<CreateBrandInput> = {}): CreateBrandInput => ({
  name: 'Second Brand',
  slug: `second-${randomUUID().slice(0, 8)}`,
  primaryChannel: 'x',
  channels: [
    { channel: 'x', handle: '@second' },
    { channel: 'linkedin', handle: 'second' },
  ],
  ...values,
});

const personaInput = (values: Partial<UpsertPersonaInput> = {}): UpsertPersonaInput => ({
  name: 'Auditor Ada',
  summary: 'Signs off the accounts.',
  priorities: ['evidence', 'materiality', 'deadlines'],
  ...values,
});

const pillarInput = (values: Partial<UpsertPillarInput> = {}): UpsertPillarInput => ({
  name: `Pillar ${randomUUID().slice(0, 8)}`,
  description: 'Something the brand writes about.',
  ...values,
});

const softDelete = {
  brand: (id: string) => handle.db.update(brands).set({ deletedAt: new Date() }).where(eq(brands.id, id)),
  persona: (id: string) => handle.db.update(personas).set({ deletedAt: new Date() }).where(eq(personas.id, id)),
  pillar: (id: string) => handle.db.update(contentPillars).set({ deletedAt: new Date() }).where(eq(contentPillars.id, id)),
};

describe('reading a brand', () => {
  it('summarises the brand with its channels, positioning, tone and taboos', async () => {
    const summary = await engine.getBrandSummary(fx);
    expect(summary).toEqual({
      id: fx.brandId,
      tenantId: fx.tenantId,
      name: 'Mine Co brand',
      slug: `fixture-${fx.brandId.slice(0, 8)}`,
      primaryChannel: 'linkedin',
      channels: [
        { channel: 'linkedin', handle: 'fixture-co' },
        { channel: 'x', handle: '@fixtureco' },
        { channel: 'newsletter', handle: 'Fixture Weekly' },
      ],
      positioning: 'Fixture Co helps finance teams close the books faster.',
      toneTags: ['plainspoken', 'practical'],
      taboos: ['guaranteed returns', 'crypto'],
      timeZone: 'UTC',
    });
  });

  it('gives the strategy view with personas by name and active pillars by rank', async () => {
    const view = await engine.getBrandStrategyView(fx);
    expect(view).toMatchObject({
      brandId: fx.brandId,
      brandName: 'Mine Co brand',
      positioning: 'Fixture Co helps finance teams close the books faster.',
      toneTags: ['plainspoken', 'practical'],
      taboos: ['guaranteed returns', 'crypto'],
      primaryChannel: 'linkedin',
    });
    expect(view.channels.map((c) => c.channel)).toEqual(['linkedin', 'x', 'newsletter']);
    expect(view.personas.map((p) => [p.id, p.name])).toEqual([
      [fx.personaIds[1], 'CFO Chris'],
      [fx.personaIds[0], 'Controller Cara'],
    ]);
    expect(view.personas[1]).toMatchObject({
      priorities: ['accuracy', 'speed', 'audit trail'],
      channelBiases: { linkedin: 'reads long posts' },
    });
    expect(view.pillars.map((p) => [p.id, p.priorityRank])).toEqual([
      [fx.pillarIds[0], 1],
      [fx.pillarIds[1], 2],
    ]);
  });

  it('lists pillars ranked first (unranked last, then by name), and inactive ones only when asked', async () => {
    const own = await createTenantFixture(handle.db, 'Pillars Co');
    await engine.upsertPillar(own, pillarInput({ name: 'Zeta unranked' }));
    await engine.upsertPillar(own, pillarInput({ name: 'alpha unranked' }));
    await engine.upsertPillar(own, pillarInput({ name: 'Dormant', priorityRank: 3, isActive: false }));
    const gone = await engine.upsertPillar(own, pillarInput({ name: 'Gone', priorityRank: 4 }));
    await softDelete.pillar(gone.id);

    const active = await engine.listBrandPillars(own);
    expect(active.map((p) => p.name)).toEqual(['Faster close', 'Audit readiness', 'alpha unranked', 'Zeta unranked']);
    const all = await engine.listBrandPillars(own, { includeInactive: true });
    expect(all.map((p) => p.name)).toEqual(['Faster close', 'Audit readiness', 'Dormant', 'alpha unranked', 'Zeta unranked']);
    expect((await engine.getBrandStrategyView(own)).pillars.map((p) => p.name)).toEqual(active.map((p) => p.name));
  });

  it('lists personas by name, leaving deleted ones out', async () => {
    const own = await createTenantFixture(handle.db, 'Personas Co');
    await softDelete.persona(own.personaIds[1]);
    const listed = await engine.listBrandPersonas(own);
    expect(listed.map((p) => p.id)).toEqual([own.personaIds[0]]);
    expect(listed[0]).not.toHaveProperty('tenantId');
  });
});

describe('upsertPersona', () => {
  it('creates a persona and replaces its fields on update', async () => {
    const created = await engine.upsertPersona(fx, personaInput({ channelBiases: { x: 'skims threads' } }));
    expect(created).toMatchObject({ brandId: fx.brandId, role: null, pains: [], channelBiases: { x: 'skims threads' } });
    const updated = await engine.upsertPersona(
      fx,
      personaInput({ id: created.id, role: 'Audit partner', priorities: ['a', 'b', 'c', 'd'] }),
    );
    expect(updated).toMatchObject({ id: created.id, role: 'Audit partner', priorities: ['a', 'b', 'c', 'd'], channelBiases: {} });
  });

  it('requires three to seven priorities', async () => {
    for (const priorities of [
      ['a', 'b'],
      ['1', '2', '3', '4', '5', '6', '7', '8'],
    ]) {
      await expect(engine.upsertPersona(fx, personaInput({ priorities }))).rejects.toBeInstanceOf(ZodError);
    }
    const seven = await engine.upsertPersona(fx, personaInput({ priorities: ['1', '2', '3', '4', '5', '6', '7'] }));
    expect(seven.priorities).toHaveLength(7);
  });
});

describe('upsertPillar', () => {
  it('creates a pillar and replaces its fields on update, keeping its own rank without a clash', async () => {
    const own = await createTenantFixture(handle.db, 'Pillar writes Co');
    const created = await engine.upsertPillar(own, pillarInput({ name: 'Cash', priorityRank: 3, category: 'finance' }));
    expect(created).toMatchObject({ brandId: own.brandId, name: 'Cash', priorityRank: 3, category: 'finance', isActive: true });
    const updated = await engine.upsertPillar(own, { ...pillarInput({ name: 'Cash flow', priorityRank: 3 }), id: created.id });
    expect(updated).toMatchObject({ id: created.id, name: 'Cash flow', priorityRank: 3, category: null });
  });

  it('refuses a name (ignoring case) or a priority rank another pillar of the brand has', async () => {
    const own = await createTenantFixture(handle.db, 'Pillar clash Co');
    await expect(engine.upsertPillar(own, pillarInput({ name: 'FASTER CLOSE' }))).rejects.toBeInstanceOf(ConflictError);
    await expect(engine.upsertPillar(own, pillarInput({ priorityRank: 1 }))).rejects.toBeInstanceOf(ConflictError);
    const renamed = engine.upsertPillar(own, { ...pillarInput({ name: 'Faster close' }), id: own.pillarIds[1] });
    await expect(renamed).rejects.toBeInstanceOf(ConflictError);
    // Another brand's pillar names and ranks do not count.
    const elsewhere = await engine.upsertPillar(other, pillarInput({ name: 'Faster Close Elsewhere', priorityRank: 7 }));
    expect(await engine.upsertPillar(own, pillarInput({ priorityRank: elsewhere.priorityRank }))).toMatchObject({ priorityRank: 7 });
  });

  it('refuses a priority rank below 1 through the input schema', async () => {
    await expect(engine.upsertPillar(fx, pillarInput({ priorityRank: 0 }))).rejects.toBeInstanceOf(ZodError);
  });
});

describe('listBrandsForUser', () => {
  it("lists the brands of the user's live tenants with the user's role, by tenant then brand name", async () => {
    const alpha = await createTenantFixture(handle.db, 'Alpha Tenant');
    const beta = await createTenantFixture(handle.db, 'Beta Tenant');
    const user = await addMember(handle.db, beta.tenantId, 'member');
    await handle.db.insert(memberships).values({ tenantId: alpha.tenantId, userId: user, role: 'admin' });
    const aardvark = await engine.createBrand(alpha.tenantId, brandInput({ name: 'Aardvark' }));

    expect((await engine.listBrandsForUser(user)).map((b) => [b.tenantName, b.name, b.role])).toEqual([
      ['Alpha Tenant', 'Aardvark', 'admin'],
      ['Alpha Tenant', 'Alpha Tenant brand', 'admin'],
      ['Beta Tenant', 'Beta Tenant brand', 'member'],
    ]);
    expect((await engine.listBrandsForUser(user))[0]).toEqual({
      id: aardvark.id,
      tenantId: alpha.tenantId,
      tenantName: 'Alpha Tenant',
      name: 'Aardvark',
      slug: aardvark.slug,
      role: 'admin',
    });
  });

  it('leaves out deleted brands, deleted memberships and deleted tenants', async () => {
    const kept = await createTenantFixture(handle.db, 'Kept Tenant');
    const left = await createTenantFixture(handle.db, 'Left Tenant');
    const closed = await createTenantFixture(handle.db, 'Closed Tenant');
    const user = await addMember(handle.db, kept.tenantId, 'member');
    await handle.db.insert(memberships).values([
      { tenantId: left.tenantId, userId: user, role: 'member', deletedAt: new Date() },
      { tenantId: closed.tenantId, userId: user, role: 'member' },
    ]);
    await handle.db.update(tenants).set({ deletedAt: new Date() }).where(eq(tenants.id, closed.tenantId));
    const dropped = await engine.createBrand(kept.tenantId, brandInput({ name: 'Dropped' }));
    await softDelete.brand(dropped.id);

    expect((await engine.listBrandsForUser(user)).map((brand) => brand.id)).toEqual([kept.brandId]);
    expect(await engine.listBrandsForUser(randomUUID())).toEqual([]);
  });
});

describe('tenancy', () => {
  type Scope = { tenantId: string; brandId: string };
  const brandCalls = (scope: Scope) => ({
    getBrandSummary: () => engine.getBrandSummary(scope),
    getBrandStrategyView: () => engine.getBrandStrategyView(scope),
    listBrandPersonas: () => engine.listBrandPersonas(scope),
    listBrandPillars: () => engine.listBrandPillars(scope),
    upsertPersona: () => engine.upsertPersona(scope, personaInput()),
    upsertPillar: () => engine.upsertPillar(scope, pillarInput()),
  });

  it("answers NotFound for every brand-scoped method given another tenant's brand, a deleted or a missing brand", async () => {
    const deleted = await createTenantFixture(handle.db, 'Deleted brand Co');
    await softDelete.brand(deleted.brandId);
    const scopes = {
      "another tenant naming this tenant's brand": { tenantId: other.tenantId, brandId: fx.brandId },
      'a deleted brand': { tenantId: deleted.tenantId, brandId: deleted.brandId },
      'a brand that does not exist': { tenantId: fx.tenantId, brandId: randomUUID() },
    };
    for (const [label, scope] of Object.entries(scopes)) {
      for (const [method, call] of Object.entries(brandCalls(scope))) {
        await expect(call(), `${method} with ${label}`).rejects.toBeInstanceOf(NotFoundError);
      }
    }
    // The refused writes landed nowhere, not even in the caller's own tenant.
    expect((await engine.listBrandPersonas(other)).map((p) => p.id).sort()).toEqual([...other.personaIds].sort());
  });

  it("answers NotFound when updating a persona or pillar of another brand through one's own brand, and changes nothing", async () => {
    const personaBefore = await engine.listBrandPersonas(fx);
    const pillarsBefore = await engine.listBrandPillars(fx, { includeInactive: true });
    await expect(engine.upsertPersona(other, personaInput({ id: fx.personaIds[0], name: 'Hijacked' }))).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(engine.upsertPillar(other, pillarInput({ id: fx.pillarIds[0], name: 'Hijacked' }))).rejects.toBeInstanceOf(NotFoundError);
    expect(await engine.listBrandPersonas(fx)).toEqual(personaBefore);
    expect(await engine.listBrandPillars(fx, { includeInactive: true })).toEqual(pillarsBefore);
  });
});
