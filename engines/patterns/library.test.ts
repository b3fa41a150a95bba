import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, insertBareSiblingBrand } from '../../test/fixtures';
import { ConflictError, ForbiddenError, InvariantViolationError, NotFoundError } from '../errors';
import type { CreatePatternInput, UpsertPatternInput } from './dto';
import { PatternsEngine } from './engine';

let handle: TestDatabase;
let engine: PatternsEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  engine = new PatternsEngine(handle.db);
});
afterAll(() => handle.close());

const created = (values: Partial<CreatePatternInput> = {}): CreatePatternInput => ({
  name: `Pattern ${randomUUID().slice(0, 8)}`,
  channel: ['linkedin', 'x'],
  structure: ['Hook', 'Context', 'CTA'],
  ...values,
});

const sharedInput = (values: Partial<UpsertPatternInput> = {}): UpsertPatternInput => ({
  name: 'Shared story',
  category: 'engagement',
  beats: ['Hook', 'Story', 'CTA'],
  supportedChannels: ['linkedin'],
  exampleSnippet: 'Last week a customer told us…',
  performanceHint: 'Best with a real quote.',
  ...values,
});

/** A tenant with a shared pattern, a sibling brand with its own pattern, and another tenant's pattern. */
async function library() {
  const fx = await createTenantFixture(handle.db, 'Library Co');
  const other = await createTenantFixture(handle.db, 'Other Library Co');
  const sibling = await insertBareSiblingBrand(handle.db, fx);
  const shared = await engine.upsertSharedPattern(fx, sharedInput());
  const siblings = await engine.createPattern(sibling, created({ name: "Sibling's" }));
  const foreign = await engine.createPattern(other, created({ name: 'Foreign' }));
  return { fx, other, sibling, shared, siblings, foreign };
}

describe('createPattern', () => {
  it('creates a brand pattern with its channels, beats and defaults, and no learned figures', async () => {
    const { fx } = await library();
    const pattern = await engine.createPattern(fx, created({ name: 'Myth buster', channel: 'x', structure: [' Hook ', 'Myth', 'Fact'] }));
    expect(pattern).toMatchObject({
      brandId: fx.brandId,
      scope: 'brand',
      isShared: false,
      name: 'Myth buster',
      supportedChannels: ['x'],
      beats: ['Hook', 'Myth', 'Fact'],
      category: 'evergreen',
      status: 'active',
      exampleSnippet: null,
      usageCount: 0,
      lastUsedAt: null,
      avgEngagementScore: null,
    });
    const trial = await engine.createPattern(
      fx,
      created({
        channel: ['newsletter', 'newsletter', 'linkedin'],
        status: 'experimental',
        category: 'launch',
        exampleSnippet: 'Ship day.',
      }),
    );
    expect(trial).toMatchObject({ supportedChannels: ['newsletter', 'linkedin'], status: 'experimental', category: 'launch' });
    expect(trial.exampleSnippet).toBe('Ship day.');
  });

  it('refuses no beats, more than eight, a blank beat, no channel, a retired status and a blank name through the schema', async () => {
    const { fx } = await library();
    const bad: Record<string, unknown>[] = [
      { structure: [] },
      { structure: Array.from({ length: 9 }, (_, index) => `Beat ${index}`) },
      { structure: ['Hook', '   '] },
      { channel: [] },
      { channel: 'fax' },
      { status: 'retired' },
      { name: '  ' },
    ];
    for (const values of bad) {
      await expect(engine.createPattern(fx, { ...created(), ...values } as CreatePatternInput)).rejects.toBeInstanceOf(ZodError);
    }
    expect(await engine.listLibrary(fx)).toHaveLength(1);
  });

  it('refuses a name the brand already uses, ignoring case, with a ConflictError; a sibling brand may use it', async () => {
    const { fx, sibling } = await library();
    await engine.createPattern(fx, created({ name: 'Weekly recap' }));
    const clash = engine.createPattern(fx, created({ name: 'weekly RECAP' }));
    await expect(clash).rejects.toBeInstanceOf(ConflictError);
    await expect(clash).rejects.toThrow('The brand already has a pattern named "weekly RECAP"');
    expect((await engine.createPattern(sibling, created({ name: 'Weekly recap' }))).brandId).toBe(sibling.brandId);
  });
});

describe('updatePattern', () => {
  it('replaces only the fields given and never the learned figures', async () => {
    const { fx } = await library();
    const pattern = await engine.createPattern(fx, created({ exampleSnippet: 'Before.' }));
    await engine.recordPatternPerformance(fx, {
      patternId: pattern.id,
      usageCount: 9,
      lastUsedAt: new Date('2026-03-01T00:00:00Z'),
      avgEngagementScore: 71,
    });
    const updated = await engine.updatePattern(fx, {
      patternId: pattern.id,
      name: 'Renamed',
      structure: ['Hook', 'Proof'],
      channel: 'newsletter',
    });
    expect(updated).toMatchObject({
      name: 'Renamed',
      beats: ['Hook', 'Proof'],
      supportedChannels: ['newsletter'],
      category: pattern.category,
      status: 'active',
      exampleSnippet: 'Before.',
      usageCount: 9,
      avgEngagementScore: 71,
      lastUsedAt: new Date('2026-03-01T00:00:00Z'),
    });
    expect((await engine.updatePattern(fx, { patternId: pattern.id, exampleSnippet: null })).exampleSnippet).toBeNull();
    expect(await engine.updatePattern(fx, { patternId: pattern.id })).toEqual(await engine.getPattern(fx, { patternId: pattern.id }));
  });

  it('refuses a shared pattern as Forbidden, naming the copy as the way to change it, and changes nothing', async () => {
    const { fx, shared } = await library();
    const refused = engine.updatePattern(fx, { patternId: shared.id, name: 'Taken over' });
    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toThrow(/shared library.*read-only.*copy it to the brand/);
    await expect(engine.retirePattern(fx, { patternId: shared.id })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await engine.getPattern(fx, { patternId: shared.id })).toEqual(shared);
  });

  it("answers NotFound for a sibling brand's, another tenant's or a missing pattern, and for another tenant's brand", async () => {
    const { fx, other, siblings, foreign } = await library();
    for (const patternId of [siblings.id, foreign.id, randomUUID()]) {
      await expect(engine.updatePattern(fx, { patternId, name: 'Hijacked' })).rejects.toBeInstanceOf(NotFoundError);
      await expect(engine.retirePattern(fx, { patternId })).rejects.toBeInstanceOf(NotFoundError);
      await expect(engine.copySharedPattern(fx, { patternId })).rejects.toBeInstanceOf(NotFoundError);
    }
    const intruder = { tenantId: other.tenantId, brandId: fx.brandId };
    await expect(engine.createPattern(intruder, created())).rejects.toBeInstanceOf(NotFoundError);
    await expect(engine.listLibrary(intruder)).rejects.toBeInstanceOf(NotFoundError);
    expect(await engine.getPattern(other, { patternId: foreign.id })).toEqual(foreign);
  });

  it("refuses a name another of the brand's patterns has", async () => {
    const { fx } = await library();
    await engine.createPattern(fx, created({ name: 'Taken' }));
    const mine = await engine.createPattern(fx, created({ name: 'Mine' }));
    await expect(engine.updatePattern(fx, { patternId: mine.id, name: 'TAKEN' })).rejects.toBeInstanceOf(ConflictError);
    expect((await engine.updatePattern(fx, { patternId: mine.id, name: 'MINE' })).name).toBe('MINE');
  });
});

describe('retirePattern', () => {
  it('retires the pattern, which is then never recommended, keeps its figures, and can be restored by a status', async () => {
    const { fx } = await library();
    const pattern = await engine.createPattern(fx, created({ channel: 'x' }));
    await engine.recordPatternPerformance(fx, { patternId: pattern.id, usageCount: 3, lastUsedAt: null, avgEngagementScore: 95 });
    const recommendedNames = async () =>
      (await engine.recommendPatternsForContext(fx, { channel: 'x', maxResults: 10 })).map((r) => r.pattern.id);
    expect(await recommendedNames()).toContain(pattern.id);

    const retired = await engine.retirePattern(fx, { patternId: pattern.id });
    expect(retired).toMatchObject({ status: 'retired', usageCount: 3, avgEngagementScore: 95 });
    expect(await recommendedNames()).not.toContain(pattern.id);
    expect(await engine.retirePattern(fx, { patternId: pattern.id })).toEqual(retired);
    expect((await engine.listLibrary(fx, { status: 'retired' })).map((p) => p.id)).toEqual([pattern.id]);

    // Editing a retired pattern keeps it retired; a status brings it back.
    expect((await engine.updatePattern(fx, { patternId: pattern.id, name: 'Still retired' })).status).toBe('retired');
    expect((await engine.updatePattern(fx, { patternId: pattern.id, status: 'experimental' })).status).toBe('experimental');
    expect(await recommendedNames()).toContain(pattern.id);
  });

  it('refuses retired as a status through update: retiring has its own operation', async () => {
    const { fx } = await library();
    const pattern = await engine.createPattern(fx, created());
    await expect(engine.updatePattern(fx, { patternId: pattern.id, status: 'retired' } as never)).rejects.toBeInstanceOf(ZodError);
  });
});

describe('copySharedPattern', () => {
  it('copies a shared pattern into the brand under its name, without its figures, leaving the shared one as it was', async () => {
    const { fx, shared } = await library();
    await engine.recordPatternPerformance(fx, {
      patternId: shared.id,
      usageCount: 20,
      lastUsedAt: new Date('2026-03-02T00:00:00Z'),
      avgEngagementScore: 80,
    });
    const copy = await engine.copySharedPattern(fx, { patternId: shared.id });
    expect(copy).toMatchObject({
      brandId: fx.brandId,
      scope: 'brand',
      name: 'Shared story',
      category: 'engagement',
      status: 'active',
      beats: ['Hook', 'Story', 'CTA'],
      supportedChannels: ['linkedin'],
      exampleSnippet: 'Last week a customer told us…',
      performanceHint: 'Best with a real quote.',
      usageCount: 0,
      lastUsedAt: null,
      avgEngagementScore: null,
    });
    expect(copy.id).not.toBe(shared.id);
    const edited = await engine.updatePattern(fx, { patternId: copy.id, structure: ['Hook', 'Quote', 'CTA'] });
    expect(edited.beats).toEqual(['Hook', 'Quote', 'CTA']);
    expect((await engine.getPattern(fx, { patternId: shared.id })).beats).toEqual(['Hook', 'Story', 'CTA']);
    expect((await engine.listLibrary(fx)).map((p) => [p.name, p.scope])).toEqual([
      ['Shared story', 'brand'],
      ['Shared story', 'shared'],
    ]);
  });

  it('refuses a second copy with a ConflictError naming the clash, a brand pattern as bad input, and a retired shared one', async () => {
    const { fx, sibling } = await library();
    const shared = await engine.upsertSharedPattern(fx, sharedInput({ name: 'Copied twice' }));
    await engine.copySharedPattern(fx, { patternId: shared.id });
    const again = engine.copySharedPattern(fx, { patternId: shared.id });
    await expect(again).rejects.toBeInstanceOf(ConflictError);
    await expect(again).rejects.toThrow('"Copied twice"');
    // Another brand of the tenant has its own library: its copy does not clash.
    expect((await engine.copySharedPattern(sibling, { patternId: shared.id })).brandId).toBe(sibling.brandId);

    const own = await engine.createPattern(fx, created());
    const notShared = engine.copySharedPattern(fx, { patternId: own.id });
    await expect(notShared).rejects.toBeInstanceOf(InvariantViolationError);
    await expect(notShared).rejects.toMatchObject({ kind: 'input' });

    const retired = await engine.upsertSharedPattern(fx, sharedInput({ name: 'Old shared', status: 'retired' }));
    const refused = engine.copySharedPattern(fx, { patternId: retired.id });
    await expect(refused).rejects.toBeInstanceOf(InvariantViolationError);
    await expect(refused).rejects.toMatchObject({ kind: 'state' });
  });
});

describe('two writes racing for one name', () => {
  it('lets exactly one of two simultaneous copies of a shared pattern land; the other is a ConflictError', async () => {
    const { fx } = await library();
    const shared = await engine.upsertSharedPattern(fx, sharedInput({ name: 'Raced' }));
    const results = await Promise.allSettled([
      engine.copySharedPattern(fx, { patternId: shared.id }),
      engine.copySharedPattern(fx, { patternId: shared.id }),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((result) => result.status === 'rejected');
    expect(refused!.reason).toBeInstanceOf(ConflictError);
    expect((await engine.listLibrary(fx)).filter((p) => p.name === 'Raced').map((p) => p.scope)).toEqual(['brand', 'shared']);
  });
});

describe('listLibrary', () => {
  it("lists the brand's own patterns, then the shared ones, each with its scope and figures, never a sibling's or another tenant's", async () => {
    const { fx, shared } = await library();
    const own = await engine.createPattern(fx, created({ name: 'Zebra', channel: 'x' }));
    const listed = await engine.listLibrary(fx);
    expect(listed.map((p) => [p.id, p.scope])).toEqual([
      [own.id, 'brand'],
      [shared.id, 'shared'],
    ]);
    expect(listed[1]).toMatchObject({ usageCount: 0, avgEngagementScore: null, lastUsedAt: null, beats: shared.beats });
    expect((await engine.listLibrary(fx, { channel: 'linkedin' })).map((p) => p.id)).toEqual([shared.id]);
  });
});
