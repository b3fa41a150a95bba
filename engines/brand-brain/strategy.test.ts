import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ZodError } from 'zod';
import { strategyDraftProblems } from '../../lib/strategy-rules';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, insertBareSiblingBrand, type TenantFixture } from '../../test/fixtures';
import type { Database } from '../db/client';
import { personas } from '../db/schema';
import { InvariantViolationError, NotFoundError } from '../errors';
import { BrandBrainEngine } from './engine';
import { StrategyEngine } from './strategy';
import { StrategyDraft } from './strategy-dto';

let handle: TestDatabase;
let fx: TenantFixture;
let other: TenantFixture;
let strategy: StrategyEngine;
let brandBrain: BrandBrainEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Strategy Co');
  other = await createTenantFixture(handle.db, 'Elsewhere Co');
  strategy = new StrategyEngine(handle.db);
  brandBrain = new BrandBrainEngine(handle.db);
});
afterAll(() => handle.close());

const persona = (name: string, priority: 'high' | 'medium' | 'low' = 'medium') => ({
  name,
  role: 'Head of finance',
  summary: `${name} decides which tools the finance team buys.`,
  priorities: ['a close that holds', 'fewer spreadsheets', 'clean audits'],
  pains: ['late numbers'],
  priority,
});

const draft = (values: Partial<StrategyDraft> = {}): StrategyDraft => ({
  positioning: 'Ledgerly helps finance teams close the month in three days.',
  pillars: [
    { name: 'Faster close', description: 'How teams close sooner.', priority: 1 },
    { name: 'Clean audits', description: 'Audit trails that hold up.', priority: 2 },
    { name: 'Cash clarity', description: 'Knowing the cash position daily.', priority: 3 },
  ],
  personas: [persona('Controller Cara', 'high'), persona('Analyst Ana')],
  toneTags: ['plain', 'practical', 'calm'],
  taboos: ['guaranteed returns'],
  ...values,
});

const bareBrand = () => insertBareSiblingBrand(handle.db, fx);

describe('strategy draft invariants', () => {
  it.each([
    ['pillars', draft({ pillars: [] }), 'pillars: a strategy has 2–5 pillars, this draft has 0'],
    [
      'pillars',
      draft({ pillars: Array.from({ length: 7 }, (_, i) => ({ name: `P${i}`, description: 'd', priority: i + 1 })) }),
      'pillars: a strategy has 2–5 pillars, this draft has 7',
    ],
    ['personas', draft({ personas: [] }), 'personas: a strategy has 1–5 personas, this draft has 0'],
    [
      'personas',
      draft({ personas: ['A', 'B', 'C', 'D'].map((n) => persona(n, 'high')) }),
      'personas: at most 3 personas are high priority, this draft has 4',
    ],
    ['toneTags', draft({ toneTags: ['plain'] }), 'toneTags: a strategy has 3–7 tone tags, this draft has 1'],
    ['taboos', draft({ taboos: [] }), 'taboos: a strategy names at least one taboo'],
  ])('refuses a draft whose %s break the rule, naming the field', async (_, bad, message) => {
    const brand = await bareBrand();
    const error = await strategy.acceptDraft(brand, { draft: bad }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvariantViolationError);
    expect(error).toMatchObject({ errorCode: 'bad_input', message: expect.stringContaining(message) });
    expect(await strategy.calibration(brand)).toMatchObject({ calibrated: false });
  });

  it('accepts exactly the counts the rules allow (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 0, max: 30 }),
        (pillarCount, personaCount, highCount, toneCount, tabooCount) => {
          const candidate = StrategyDraft.parse(
            draft({
              pillars: Array.from({ length: pillarCount }, (_, i) => ({ name: `Pillar ${i}`, description: 'About it.', priority: i + 1 })),
              personas: Array.from({ length: personaCount }, (_, i) => persona(`Persona ${i}`, i < highCount ? 'high' : 'low')),
              toneTags: Array.from({ length: toneCount }, (_, i) => `tone ${i}`),
              taboos: Array.from({ length: tabooCount }, (_, i) => `taboo ${i}`),
            }),
          );
          const fields = new Set(strategyDraftProblems(candidate).map((p) => p.field));
          expect(fields.has('pillars')).toBe(pillarCount < 2 || pillarCount > 5);
          expect(fields.has('personas')).toBe(personaCount < 1 || personaCount > 5 || Math.min(highCount, personaCount) > 3);
          expect(fields.has('toneTags')).toBe(toneCount < 3 || toneCount > 7);
          expect(fields.has('taboos')).toBe(tabooCount < 1);
        },
      ),
    );
  });

  it('bounds every string: too long once trimmed, blank or holding NUL is refused by the schema (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ minLength: 601, maxLength: 700 }).filter((text) => text.trim().length > 600),
          fc.constant('   '),
          fc.constant('a\u0000b'),
        ),
        (positioning) => {
          expect(StrategyDraft.safeParse(draft({ positioning })).success).toBe(false);
        },
      ),
    );
    expect(() => StrategyDraft.parse(draft({ taboos: ['x'.repeat(121)] }))).toThrow(ZodError);
    expect(StrategyDraft.parse(draft({ positioning: '  trimmed  ' })).positioning).toBe('trimmed');
  });

  it('refuses two pillars with the same name, ignoring case', () => {
    const problems = strategyDraftProblems(
      draft({
        pillars: [
          { name: 'Trust', description: 'd', priority: 1 },
          { name: 'trust', description: 'd', priority: 2 },
        ],
      }),
    );
    expect(problems).toEqual([{ field: 'pillars', message: expect.stringMatching(/^pillars: each pillar has its own name/) }]);
  });
});

describe('acceptDraft', () => {
  it('stores the voice, pillars and personas, and the brand is then calibrated', async () => {
    const brand = await bareBrand();
    expect(await strategy.calibration(brand)).toEqual({
      calibrated: false,
      missing: [
        '2–5 active pillars (the brand has 0)',
        '1–5 personas (the brand has 0)',
        '3–7 tone tags (the brand has 0)',
        'At least one taboo: a topic the brand never touches',
      ],
    });
    const view = await strategy.acceptDraft(brand, { draft: draft() });
    expect(view).toMatchObject({
      positioning: draft().positioning,
      toneTags: ['plain', 'practical', 'calm'],
      taboos: ['guaranteed returns'],
    });
    expect(view.pillars.map((p) => [p.name, p.priorityRank])).toEqual([
      ['Faster close', 1],
      ['Clean audits', 2],
      ['Cash clarity', 3],
    ]);
    expect(view.personas.map((p) => [p.name, p.priority])).toEqual([
      ['Analyst Ana', 'medium'],
      ['Controller Cara', 'high'],
    ]);
    expect(await strategy.calibration(brand)).toEqual({ calibrated: true, missing: [] });
  });

  it('is idempotent by name: accepting again updates the same rows, and other pillars and personas are kept', async () => {
    const first = await strategy.acceptDraft(fx, { draft: draft() });
    const second = await strategy.acceptDraft(fx, {
      draft: draft({
        pillars: [
          { name: 'CLEAN AUDITS', description: 'Rewritten.', priority: 1 },
          { name: 'Faster close', description: 'How teams close sooner.', priority: 2 },
        ],
        personas: [persona('controller cara', 'low')],
      }),
    });
    const ids = (rows: { id: string }[]) => rows.map((r) => r.id).sort();
    expect(ids(second.personas)).toEqual(ids(first.personas));
    expect(second.personas.find((p) => p.name === 'controller cara')).toMatchObject({ priority: 'low' });
    // The fixture's own "Faster close" and "Audit readiness" pillars were matched or kept, never duplicated.
    const all = await brandBrain.listBrandPillars(fx, { includeInactive: true });
    expect(all.map((p) => [p.name, p.priorityRank])).toEqual([
      ['CLEAN AUDITS', 1],
      ['Faster close', 2],
      ['Cash clarity', 3],
      ['Audit readiness', 4],
    ]);
    expect(all.find((p) => p.name === 'CLEAN AUDITS')).toMatchObject({ description: 'Rewritten.' });
    expect(new Set(all.map((p) => p.priorityRank)).size).toBe(all.length);
  });

  it('stores nothing when a write fails half-way', async () => {
    const brand = await bareBrand();
    const transaction = handle.db.transaction.bind(handle.db);
    // The persona insert (the last writes) fails: the brand and pillar writes before it must roll back.
    const spy = vi.spyOn(handle.db, 'transaction').mockImplementation(((work: (tx: Database) => Promise<unknown>) =>
      transaction((tx) =>
        work(
          new Proxy(tx, {
            get: (target, key, receiver) =>
              key === 'insert'
                ? (table: unknown) => {
                    if (table === personas) throw new Error('the database went away');
                    return target.insert(table as typeof personas);
                  }
                : Reflect.get(target, key, receiver),
          }) as unknown as Database,
        ),
      )) as typeof handle.db.transaction);
    try {
      await expect(strategy.acceptDraft(brand, { draft: draft() })).rejects.toThrow('the database went away');
    } finally {
      spy.mockRestore();
    }
    const view = await brandBrain.getBrandStrategyView(brand);
    expect(view).toMatchObject({ positioning: 'A second brand of the same tenant.', toneTags: [], taboos: [], pillars: [], personas: [] });
  });

  it("is NOT_FOUND for another tenant's brand and changes nothing there", async () => {
    const foreign = { tenantId: fx.tenantId, brandId: other.brandId };
    await expect(strategy.acceptDraft(foreign, { draft: draft() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(strategy.calibration(foreign)).rejects.toBeInstanceOf(NotFoundError);
    await expect(strategy.updateStrategy(foreign, { positioning: 'Hijacked' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(strategy.reorderPillars(foreign, { pillarIds: [other.pillarIds[0]] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(strategy.reorderPillars(fx, { pillarIds: [other.pillarIds[0]] })).rejects.toBeInstanceOf(NotFoundError);
    expect((await brandBrain.getBrandSummary(other)).positioning).toBe('Fixture Co helps finance teams close the books faster.');
  });
});

describe('updateStrategy', () => {
  it('replaces the fields given and refuses ones that break a rule, naming the field', async () => {
    const brand = await bareBrand();
    const view = await strategy.updateStrategy(brand, { positioning: 'New line.', toneTags: ['a', 'b', 'c'], taboos: ['gossip'] });
    expect(view).toMatchObject({ positioning: 'New line.', toneTags: ['a', 'b', 'c'], taboos: ['gossip'] });
    await expect(strategy.updateStrategy(brand, { toneTags: Array.from({ length: 8 }, (_, i) => `t${i}`) })).rejects.toThrow(
      'toneTags: a strategy has 3–7 tone tags, this change has 8',
    );
    await expect(strategy.updateStrategy(brand, { taboos: [] })).rejects.toThrow('taboos: a strategy names at least one taboo');
    await expect(strategy.updateStrategy(brand, { positioning: ' ' })).rejects.toBeInstanceOf(ZodError);
    expect((await brandBrain.getBrandSummary(brand)).positioning).toBe('New line.');
  });
});

describe('reorderPillars', () => {
  it('moves a pillar up, keeping ranks unique, inactive ones included', async () => {
    const brand = await bareBrand();
    const view = await strategy.acceptDraft(brand, { draft: draft() });
    const [a, b, c] = view.pillars.map((p) => p.id) as [string, string, string];
    await brandBrain.upsertPillar(brand, { id: c, name: 'Cash clarity', description: 'Paused.', priorityRank: 3, isActive: false });
    const reordered = await strategy.reorderPillars(brand, { pillarIds: [b, a] });
    expect(reordered.map((p) => [p.id, p.priorityRank])).toEqual([
      [b, 1],
      [a, 2],
      [c, 3],
    ]);
    const swappedBack = await strategy.reorderPillars(brand, { pillarIds: [c, a, b] });
    expect(swappedBack.map((p) => p.priorityRank)).toEqual([1, 2, 3]);
    await expect(strategy.reorderPillars(brand, { pillarIds: [a, a] })).rejects.toThrow('pillarIds: each pillar is listed once');
  });

  it('reports a deactivated pillar in the calibration', async () => {
    const brand = await bareBrand();
    const view = await strategy.acceptDraft(brand, { draft: draft({ pillars: draft().pillars.slice(0, 2) }) });
    const first = view.pillars[0]!;
    await brandBrain.upsertPillar(brand, { ...first, category: null, isActive: false });
    expect(await strategy.calibration(brand)).toEqual({ calibrated: false, missing: ['2–5 active pillars (the brand has 1)'] });
  });
});

describe('upsertPersona through the strategy', () => {
  it('keeps at most three high-priority personas and at most five personas', async () => {
    const brand = await bareBrand();
    for (const name of ['One', 'Two', 'Three']) await strategy.upsertPersona(brand, persona(name, 'high'));
    await expect(strategy.upsertPersona(brand, persona('Four', 'high'))).rejects.toThrow(
      'priority: at most 3 personas are high priority; lower another one first',
    );
    const four = await strategy.upsertPersona(brand, persona('Four', 'low'));
    // Editing one of the three high ones keeps it high: it is not counted against itself.
    const [one] = (await brandBrain.listBrandPersonas(brand)).filter((p) => p.name === 'One');
    expect(await strategy.upsertPersona(brand, { ...persona('One', 'high'), id: one!.id })).toMatchObject({ priority: 'high' });
    await strategy.upsertPersona(brand, persona('Five'));
    await expect(strategy.upsertPersona(brand, persona('Six'))).rejects.toThrow('personas: a brand has at most 5 personas');
    expect(await strategy.upsertPersona(brand, { ...persona('Four renamed', 'medium'), id: four.id })).toMatchObject({
      name: 'Four renamed',
    });
  });
});
