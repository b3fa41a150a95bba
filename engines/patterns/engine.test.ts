import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { BrandBrainEngine } from '../brand-brain/engine';
import { patternTemplates } from '../db/schema';
import { InvariantViolationError, NotFoundError } from '../errors';
import type { PatternDTO, PatternPerformanceInput, UpsertPatternInput } from './dto';
import { PatternsEngine } from './engine';
import { EXPERIMENTAL_PENALTY, NEUTRAL_PRIOR, PILLAR_CATEGORY_BONUS } from './recommend';

let handle: TestDatabase;
let engine: PatternsEngine;
let brandBrain: BrandBrainEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  engine = new PatternsEngine(handle.db);
  brandBrain = new BrandBrainEngine(handle.db);
});
afterAll(() => handle.close());

const patternInput = (values: Partial<UpsertPatternInput> = {}): UpsertPatternInput => ({
  name: `Pattern ${randomUUID().slice(0, 8)}`,
  category: 'education',
  beats: ['Hook', 'Context', 'Insight', 'CTA'],
  supportedChannels: ['linkedin', 'x'],
  ...values,
});

const performance = (avgEngagementScore: number, usageCount = 5): Omit<PatternPerformanceInput, 'patternId'> => ({
  usageCount,
  lastUsedAt: new Date('2026-03-01T10:00:00Z'),
  avgEngagementScore,
});

/**
 * A pattern made the way the app makes it: a brand's through the library methods (a retired one is
 * created, then retired), a shared one (brandId null) through the shared library's writer.
 */
async function addPattern(
  owner: { tenantId: string; brandId: string | null },
  values: Partial<UpsertPatternInput> = {},
): Promise<PatternDTO> {
  const { name, category, status, beats, supportedChannels, exampleSnippet, performanceHint } = patternInput(values);
  if (owner.brandId === null) {
    return engine.upsertSharedPattern(owner, { name, category, status, beats, supportedChannels, exampleSnippet, performanceHint });
  }
  const brand = { tenantId: owner.tenantId, brandId: owner.brandId };
  const created = await engine.createPattern(brand, {
    name,
    category,
    channel: supportedChannels,
    structure: beats,
    status: status === 'retired' ? 'active' : status,
    exampleSnippet,
  });
  return status === 'retired' ? engine.retirePattern(brand, { patternId: created.id }) : created;
}

/** A second brand of the fixture's tenant. */
async function siblingOf(fx: TenantFixture): Promise<string> {
  const brand = await brandBrain.createBrand(fx.tenantId, {
    name: 'Sibling',
    slug: `sibling-${randomUUID().slice(0, 8)}`,
    primaryChannel: 'x',
    channels: [{ channel: 'x', handle: '@sibling' }],
  });
  return brand.id;
}

/** A tenant with one pattern of each kind a brand must tell apart. */
async function library() {
  const fx = await createTenantFixture(handle.db, 'Patterns Co');
  const other = await createTenantFixture(handle.db, 'Other Patterns Co');
  const siblingBrandId = await siblingOf(fx);
  const own = await addPattern(fx, { name: 'Own thread', supportedChannels: ['x'] });
  const shared = await addPattern({ tenantId: fx.tenantId, brandId: null }, { name: 'Shared story', category: 'engagement' });
  const siblings = await addPattern({ tenantId: fx.tenantId, brandId: siblingBrandId }, { name: "Sibling's" });
  const foreign = await addPattern(other, { name: 'Foreign' });
  const foreignShared = await addPattern({ tenantId: other.tenantId, brandId: null }, { name: 'Foreign shared' });
  return { fx, other, siblingBrandId, own, shared, siblings, foreign, foreignShared };
}

describe('upsertSharedPattern', () => {
  it("creates a pattern of the tenant's shared library with no usage yet, dropping repeated channels", async () => {
    const fx = await createTenantFixture(handle.db, 'Upsert Co');
    const shared = await engine.upsertSharedPattern(
      fx,
      patternInput({ status: 'experimental', performanceHint: 'Works on Mondays.', supportedChannels: ['x', 'linkedin', 'x'] }),
    );
    expect(shared).toMatchObject({
      brandId: null,
      isShared: true,
      scope: 'shared',
      status: 'experimental',
      supportedChannels: ['x', 'linkedin'],
    });
    expect(shared).toMatchObject({
      usageCount: 0,
      lastUsedAt: null,
      avgEngagementScore: null,
      exampleSnippet: null,
      performanceHint: 'Works on Mondays.',
    });
  });

  it('replaces the fields on update and keeps the performance figures', async () => {
    const fx = await createTenantFixture(handle.db, 'Update Co');
    const created = await engine.upsertSharedPattern(fx, patternInput());
    await engine.recordPatternPerformance(fx, { patternId: created.id, ...performance(64, 7) });
    const updated = await engine.upsertSharedPattern(
      fx,
      patternInput({ id: created.id, name: 'Renamed', status: 'retired', beats: ['Hook'] }),
    );
    expect(updated).toMatchObject({
      id: created.id,
      name: 'Renamed',
      status: 'retired',
      beats: ['Hook'],
      usageCount: 7,
      avgEngagementScore: 64,
    });
  });

  it("answers NotFound for a brand's own pattern, another tenant's shared pattern and an unknown tenant, changing nothing", async () => {
    const { fx, own, siblings, foreignShared } = await library();
    for (const id of [own.id, siblings.id, foreignShared.id, randomUUID()]) {
      await expect(engine.upsertSharedPattern(fx, patternInput({ id, name: 'Hijacked' }))).rejects.toBeInstanceOf(NotFoundError);
    }
    await expect(engine.upsertSharedPattern({ tenantId: randomUUID() }, patternInput())).rejects.toBeInstanceOf(NotFoundError);
    const names = (
      await handle.db.select({ name: patternTemplates.name }).from(patternTemplates).where(eq(patternTemplates.tenantId, fx.tenantId))
    ).map((r) => r.name);
    expect(names).not.toContain('Hijacked');
  });

  it('refuses empty beats, no channels and over-long text through the input schema', async () => {
    const fx = await createTenantFixture(handle.db, 'Schema Co');
    for (const bad of [{ beats: [] }, { supportedChannels: [] }, { name: 'n'.repeat(121) }, { exampleSnippet: 'e'.repeat(2_001) }]) {
      await expect(engine.upsertSharedPattern(fx, patternInput(bad))).rejects.toBeInstanceOf(ZodError);
    }
  });
});

describe('listLibrary and getPattern', () => {
  it("lists the brand's own patterns then the tenant's shared ones, never a sibling brand's or another tenant's", async () => {
    const { fx, own, shared } = await library();
    const more = await addPattern(fx, { name: 'another own', status: 'retired', supportedChannels: ['newsletter'] });
    const gone = await addPattern({ tenantId: fx.tenantId, brandId: null }, { name: 'Deleted shared' });
    await handle.db.update(patternTemplates).set({ deletedAt: new Date() }).where(eq(patternTemplates.id, gone.id));

    const listed = await engine.listLibrary(fx);
    expect(listed.map((p) => p.id)).toEqual([more.id, own.id, shared.id]);
    expect(listed[0]).not.toHaveProperty('tenantId');
  });

  it('filters by status and by supported channel', async () => {
    const { fx, own, shared } = await library();
    const retired = await addPattern(fx, { status: 'retired', supportedChannels: ['newsletter'] });
    expect((await engine.listLibrary(fx, { status: 'retired' })).map((p) => p.id)).toEqual([retired.id]);
    expect((await engine.listLibrary(fx, { channel: 'x' })).map((p) => p.id)).toEqual([own.id, shared.id]);
    expect((await engine.listLibrary(fx, { channel: 'linkedin', status: 'active' })).map((p) => p.id)).toEqual([shared.id]);
  });

  it("gets the brand's own and the tenant's shared patterns, and answers NotFound for a sibling brand's or another tenant's", async () => {
    const { fx, own, shared, siblings, foreign, foreignShared } = await library();
    expect(await engine.getPattern(fx, { patternId: own.id })).toEqual(own);
    expect(await engine.getPattern(fx, { patternId: shared.id })).toEqual(shared);
    for (const id of [siblings.id, foreign.id, foreignShared.id, randomUUID()]) {
      await expect(engine.getPattern(fx, { patternId: id })).rejects.toBeInstanceOf(NotFoundError);
    }
  });
});

describe('assertPatternSupportsChannel', () => {
  it('returns the pattern when it supports the channel and refuses it as bad input when not', async () => {
    const { fx, own, shared, siblings } = await library();
    expect(await engine.assertPatternSupportsChannel(fx, { patternId: own.id, channel: 'x' })).toEqual(own);
    expect((await engine.assertPatternSupportsChannel(fx, { patternId: shared.id, channel: 'linkedin' })).id).toBe(shared.id);
    const refused = engine.assertPatternSupportsChannel(fx, { patternId: own.id, channel: 'linkedin' });
    await expect(refused).rejects.toBeInstanceOf(InvariantViolationError);
    await expect(refused).rejects.toMatchObject({ kind: 'input' });
    await expect(engine.assertPatternSupportsChannel(fx, { patternId: siblings.id, channel: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('recordPatternPerformance', () => {
  it("replaces the usage and engagement figures of the brand's own or a shared pattern", async () => {
    const { fx, own, shared } = await library();
    const recorded = await engine.recordPatternPerformance(fx, { patternId: own.id, ...performance(81.5, 12) });
    expect(recorded).toMatchObject({ usageCount: 12, avgEngagementScore: 81.5, lastUsedAt: new Date('2026-03-01T10:00:00Z') });
    const again = await engine.recordPatternPerformance(fx, { patternId: own.id, usageCount: 0, lastUsedAt: null, avgEngagementScore: 0 });
    expect(again).toMatchObject({ usageCount: 0, avgEngagementScore: 0, lastUsedAt: null });
    expect((await engine.recordPatternPerformance(fx, { patternId: shared.id, ...performance(40) })).avgEngagementScore).toBe(40);
  });

  it('refuses an engagement score outside 0–100 or a negative usage count, and changes nothing', async () => {
    const { fx, own } = await library();
    for (const bad of [performance(100.5), performance(-1), performance(50, -1), { ...performance(50), usageCount: 1.5 }]) {
      await expect(engine.recordPatternPerformance(fx, { patternId: own.id, ...bad })).rejects.toBeInstanceOf(ZodError);
    }
    expect(await engine.getPattern(fx, { patternId: own.id })).toEqual(own);
  });
});

describe('tenancy', () => {
  it("answers NotFound for every brand-scoped method given another tenant's brand or a missing brand, and changes nothing", async () => {
    const { fx, other, own } = await library();
    const scopes = {
      "another tenant naming this tenant's brand": { tenantId: other.tenantId, brandId: fx.brandId },
      'a brand that does not exist': { tenantId: fx.tenantId, brandId: randomUUID() },
    };
    for (const [label, { tenantId, brandId }] of Object.entries(scopes)) {
      const calls = {
        listLibrary: () => engine.listLibrary({ tenantId, brandId }),
        getPattern: () => engine.getPattern({ tenantId, brandId }, { patternId: own.id }),
        assertPatternSupportsChannel: () => engine.assertPatternSupportsChannel({ tenantId, brandId }, { patternId: own.id, channel: 'x' }),
        recommendPatternsForContext: () => engine.recommendPatternsForContext({ tenantId, brandId }, { channel: 'x' }),
        createPattern: () => engine.createPattern({ tenantId, brandId }, { name: 'Hijacked', channel: 'x', structure: ['Hook'] }),
        updatePattern: () => engine.updatePattern({ tenantId, brandId }, { patternId: own.id, name: 'Hijacked' }),
        retirePattern: () => engine.retirePattern({ tenantId, brandId }, { patternId: own.id }),
        copySharedPattern: () => engine.copySharedPattern({ tenantId, brandId }, { patternId: own.id }),
        recordPatternPerformance: () => engine.recordPatternPerformance({ tenantId, brandId }, { patternId: own.id, ...performance(99) }),
      };
      for (const [method, call] of Object.entries(calls)) {
        await expect(call(), `${method} with ${label}`).rejects.toBeInstanceOf(NotFoundError);
      }
    }
    expect(await engine.getPattern(fx, { patternId: own.id })).toEqual(own);
  });

  it("answers NotFound for a pattern of another tenant asked through the caller's own brand", async () => {
    const { other, foreign, fx } = await library();
    await expect(engine.recordPatternPerformance(fx, { patternId: foreign.id, ...performance(99) })).rejects.toBeInstanceOf(NotFoundError);
    await expect(engine.assertPatternSupportsChannel(fx, { patternId: foreign.id, channel: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    expect(await engine.getPattern(other, { patternId: foreign.id })).toEqual(foreign);
  });
});

describe('recommendPatternsForContext', () => {
  /** A brand whose candidates are exactly the patterns a test adds. */
  async function emptyBrand() {
    return createTenantFixture(handle.db, 'Recommend Co');
  }

  async function add(fx: TenantFixture, values: Partial<UpsertPatternInput> & { shared?: boolean; score?: number | null; uses?: number }) {
    const { shared, score, uses, ...input } = values;
    const created = await addPattern({ tenantId: fx.tenantId, brandId: shared ? null : fx.brandId }, input);
    if (score === undefined || score === null) return created;
    return engine.recordPatternPerformance(fx, { patternId: created.id, ...performance(score, uses ?? 5) });
  }

  it('recommends active and experimental patterns for the channel by engagement, never a retired or incompatible one', async () => {
    const fx = await emptyBrand();
    await add(fx, { name: 'Retired star', status: 'retired', score: 99 });
    await add(fx, { name: 'Newsletter only', supportedChannels: ['newsletter'], score: 95 });
    await add(fx, { name: 'Middling', score: 60 });
    await add(fx, { name: 'Unmeasured' });
    await add(fx, { name: 'Strong trial', status: 'experimental', score: 90 });
    await add(fx, { name: 'Weak', score: 20 });

    const ranked = await engine.recommendPatternsForContext(fx, { channel: 'linkedin' });
    expect(ranked.map((r) => [r.pattern.name, r.score])).toEqual([
      ['Strong trial', 90 - EXPERIMENTAL_PENALTY],
      ['Middling', 60],
      ['Unmeasured', NEUTRAL_PRIOR],
    ]);
    const all = await engine.recommendPatternsForContext(fx, { channel: 'linkedin', maxResults: 10 });
    expect(all.map((r) => r.pattern.name)).toEqual(['Strong trial', 'Middling', 'Unmeasured', 'Weak']);
    const newsletter = await engine.recommendPatternsForContext(fx, { channel: 'newsletter', maxResults: 10 });
    expect(newsletter.map((r) => r.pattern.name)).toEqual(['Newsletter only']);
    expect(await engine.recommendPatternsForContext(fx, { channel: 'tiktok' })).toEqual([]);
  });

  it("puts the brand's own pattern before a shared one of equal score, and leaves out sibling brands' patterns", async () => {
    const fx = await emptyBrand();
    const sibling = await siblingOf(fx);
    await addPattern({ tenantId: fx.tenantId, brandId: sibling }, { name: 'Sibling best' });
    await add(fx, { name: 'A shared', shared: true, score: 70, uses: 40 });
    await add(fx, { name: 'Z own', score: 70, uses: 2 });
    await add(fx, { name: 'Shared better', shared: true, score: 71 });

    const ranked = await engine.recommendPatternsForContext(fx, { channel: 'x', maxResults: 10 });
    expect(ranked.map((r) => r.pattern.name)).toEqual(['Shared better', 'Z own', 'A shared']);
    expect(ranked[2]!.rationale).toMatch(/^Shared pattern for x; averages 70\/100 engagement over 40 uses\./);
  });

  it("uses the pillar's category and the persona's channel note, and refuses another brand's pillar or persona", async () => {
    const fx = await emptyBrand();
    const other = await emptyBrand();
    const pillar = await brandBrain.upsertPillar(fx, { name: 'Launches', description: 'New releases.', category: 'Launch' });
    await add(fx, { name: 'Launch post', category: 'launch', score: 58 });
    await add(fx, { name: 'Explainer', category: 'education', score: 60 });

    const plain = await engine.recommendPatternsForContext(fx, { channel: 'linkedin' });
    expect(plain.map((r) => r.pattern.name)).toEqual(['Explainer', 'Launch post']);
    const forPillar = await engine.recommendPatternsForContext(fx, {
      channel: 'linkedin',
      pillarId: pillar.id,
      personaId: fx.personaIds[0],
    });
    expect(forPillar.map((r) => [r.pattern.name, r.score])).toEqual([
      ['Launch post', 58 + PILLAR_CATEGORY_BONUS],
      ['Explainer', 60],
    ]);
    expect(forPillar[0]!.rationale).toContain("Fits the pillar's launch focus.");
    expect(forPillar[0]!.rationale).toContain('Controller Cara on linkedin: reads long posts');
    // Null ids (a package without pillar or persona) mean no context, not an error.
    expect(await engine.recommendPatternsForContext(fx, { channel: 'linkedin', pillarId: null, personaId: null })).toEqual(plain);

    await expect(engine.recommendPatternsForContext(fx, { channel: 'linkedin', pillarId: other.pillarIds[0] })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(engine.recommendPatternsForContext(fx, { channel: 'linkedin', personaId: other.personaIds[0] })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('gives every score within 0–100 and the same order on every call', async () => {
    const fx = await emptyBrand();
    const pillar = await brandBrain.upsertPillar(fx, { name: 'Edu', description: 'Teaching.', category: 'education' });
    for (const name of ['Tie b', 'Tie a', 'Tie c']) await add(fx, { name, score: 98 });
    const first = await engine.recommendPatternsForContext(fx, { channel: 'x', pillarId: pillar.id, maxResults: 10 });
    expect(first.map((r) => [r.pattern.name, r.score])).toEqual([
      ['Tie a', 100],
      ['Tie b', 100],
      ['Tie c', 100],
    ]);
    expect(await engine.recommendPatternsForContext(fx, { channel: 'x', pillarId: pillar.id, maxResults: 10 })).toEqual(first);
  });

  it('recommends for several channels at once exactly what each channel gets asked alone', async () => {
    const fx = await emptyBrand();
    const pillar = await brandBrain.upsertPillar(fx, { name: 'Launches', description: 'New releases.', category: 'Launch' });
    await add(fx, { name: 'Launch post', category: 'launch', score: 58 });
    await add(fx, { name: 'Explainer', category: 'education', score: 60, supportedChannels: ['linkedin', 'x'] });
    await add(fx, { name: 'Newsletter only', supportedChannels: ['newsletter'], score: 95 });
    const context = { pillarId: pillar.id, personaId: fx.personaIds[0], maxResults: 10 };
    const channels = ['linkedin', 'x', 'newsletter', 'tiktok'] as const;
    const together = await engine.recommendPatternsForChannels(fx, { channels: [...channels], ...context });
    for (const channel of channels) {
      expect(together[channel]).toEqual(await engine.recommendPatternsForContext(fx, { channel, ...context }));
    }
    expect(together.newsletter!.map((r) => r.pattern.name)).toEqual(['Newsletter only']);
  });

  it('refuses maxResults outside 1–10 through the input schema', async () => {
    const fx = await emptyBrand();
    for (const maxResults of [0, 11, 2.5]) {
      await expect(engine.recommendPatternsForContext(fx, { channel: 'x', maxResults })).rejects.toBeInstanceOf(ZodError);
    }
  });
});
