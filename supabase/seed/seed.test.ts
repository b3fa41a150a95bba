import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database, DatabaseHandle } from '../../engines/db/client';
import { openDatabase } from '../../engines/db/client';
import { migrate, rows } from '../../engines/db/migrator';
import {
  brands,
  contentPackages,
  contentPillars,
  executionEvents,
  opportunities,
  patternTemplates,
  personas,
  tenants,
  variants,
} from '../../engines/db/schema';
import { CHANNEL_LIMITS } from '../../engines/enums';
import { opportunityDedupeKey } from '../../engines/opportunities/dedupe';
import { DAY_MS } from '../../lib/dates';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { buildDemoData } from './build-demo-data';
import { DEMO_TENANTS } from './demo-users';
import { isSeeded, seedDemoData } from './seed';

let handle: TestDatabase;
let db: Database;
let demoBrands: (typeof brands.$inferSelect)[];

beforeAll(async () => {
  handle = await createTestDatabase();
  db = handle.db;
  demoBrands = await db.select().from(brands).where(isNull(brands.deletedAt)).orderBy(brands.name);
});

afterAll(async () => {
  await handle?.close();
});

const forBrand = <T extends { brandId: string | null }>(list: T[], brandId: string) => list.filter((r) => r.brandId === brandId);
const distinct = <T>(values: T[]) => new Set(values).size;

describe('demo brands and strategy', () => {
  it('seeds Northwind Studio with two brands and Globex Media with one', async () => {
    const tenantRows = await db.select().from(tenants);
    expect(tenantRows.map((t) => t.name).sort()).toEqual(['Globex Media', 'Northwind Studio']);
    const byTenant = (tenantId: string) =>
      demoBrands
        .filter((b) => b.tenantId === tenantId)
        .map((b) => b.slug)
        .sort();
    expect(byTenant(DEMO_TENANTS.northwind.id)).toEqual(['ember-and-oak', 'ledgerline']);
    expect(byTenant(DEMO_TENANTS.globex.id)).toEqual(['climate-desk']);
  });

  it('gives every brand 3–5 pillars, 2–4 personas with 3–7 priorities, tone, taboos and channel handles', async () => {
    const pillarRows = await db.select().from(contentPillars);
    const personaRows = await db.select().from(personas);
    for (const brand of demoBrands) {
      expect(forBrand(pillarRows, brand.id).length).toBeGreaterThanOrEqual(3);
      expect(forBrand(pillarRows, brand.id).length).toBeLessThanOrEqual(5);
      const brandPersonas = forBrand(personaRows, brand.id);
      expect(brandPersonas.length).toBeGreaterThanOrEqual(2);
      expect(brandPersonas.length).toBeLessThanOrEqual(4);
      for (const persona of brandPersonas) {
        expect(persona.priorities.length).toBeGreaterThanOrEqual(3);
        expect(persona.priorities.length).toBeLessThanOrEqual(7);
      }
      expect(brand.toneTags.length).toBeGreaterThan(0);
      expect(brand.taboos.length).toBeGreaterThan(0);
      const channels = brand.channels.map((c) => c.channel);
      expect(channels).toEqual(expect.arrayContaining(['linkedin', 'x', 'newsletter']));
      expect(channels).toContain(brand.primaryChannel);
      for (const { handle: channelHandle } of brand.channels) expect(channelHandle.length).toBeGreaterThan(0);
    }
  });
});

describe('demo opportunities', () => {
  let all: (typeof opportunities.$inferSelect)[];
  beforeAll(async () => {
    all = await db.select().from(opportunities).where(isNull(opportunities.deletedAt));
  });

  it('gives every brand at least 40 ideas spread over pillars, personas, channels, types and score bands', () => {
    for (const brand of demoBrands) {
      const ideas = forBrand(all, brand.id);
      expect(ideas.length).toBeGreaterThanOrEqual(40);
      expect(distinct(ideas.map((o) => o.pillarId))).toBeGreaterThanOrEqual(3);
      expect(distinct(ideas.map((o) => o.personaId))).toBeGreaterThanOrEqual(2);
      expect(distinct(ideas.map((o) => o.primaryChannel))).toBeGreaterThanOrEqual(3);
      expect(distinct(ideas.map((o) => o.type))).toBe(4);
      expect(ideas.filter((o) => o.score >= 70).length).toBeGreaterThanOrEqual(3);
      expect(ideas.filter((o) => o.score < 40).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('pins at most five ideas per brand and has future snoozes and expired ideas on every board', () => {
    const now = new Date();
    for (const brand of demoBrands) {
      const ideas = forBrand(all, brand.id);
      const pinned = ideas.filter((o) => o.isPinned).length;
      expect(pinned).toBeGreaterThanOrEqual(1);
      expect(pinned).toBeLessThanOrEqual(5);
      expect(ideas.filter((o) => o.snoozedUntil && o.snoozedUntil > now).length).toBeGreaterThanOrEqual(2);
      const expired = ideas.filter((o) => o.expiresAt && o.expiresAt < now).length;
      expect(expired).toBeGreaterThanOrEqual(1);
      expect(expired).toBeLessThanOrEqual(2);
    }
  });

  it('suggests each idea on its primary channel, starts it unlearned and keys it by normalised title and source', () => {
    for (const idea of all) {
      expect(idea.suggestedChannels).toContain(idea.primaryChannel);
      expect(idea.baseScore).toBe(idea.score);
      expect(idea.learnedAdjustment).toBe(0);
      expect(idea.dedupeKey).toBe(opportunityDedupeKey(idea.title, idea.source));
    }
    for (const brand of demoBrands) {
      const ideas = forBrand(all, brand.id);
      expect(distinct(ideas.map((o) => o.dedupeKey))).toBe(ideas.length);
    }
  });
});

describe('demo patterns, packages and variants', () => {
  it('seeds at least 8 patterns, shared and brand-specific, including experimental and retired ones', async () => {
    const patterns = await db.select().from(patternTemplates);
    expect(patterns.length).toBeGreaterThanOrEqual(8);
    expect(patterns.some((p) => p.brandId === null)).toBe(true);
    expect(patterns.some((p) => p.brandId !== null)).toBe(true);
    expect(patterns.some((p) => p.status === 'experimental')).toBe(true);
    expect(patterns.some((p) => p.status === 'retired')).toBe(true);
    for (const pattern of patterns) {
      expect(pattern.beats[0]).toBe('Hook');
      expect(pattern.supportedChannels.length).toBeGreaterThan(0);
    }
  });

  it("makes draft, in-review and published packages from each brand's own ideas", async () => {
    const packages = await db.select().from(contentPackages);
    const origins = await db
      .select({ id: opportunities.id, brandId: opportunities.brandId })
      .from(opportunities)
      .innerJoin(contentPackages, eq(contentPackages.originOpportunityId, opportunities.id));
    for (const brand of demoBrands) {
      const own = forBrand(packages, brand.id);
      expect(new Set(own.map((p) => p.status))).toEqual(new Set(['draft', 'in_review', 'published']));
      for (const pkg of own) {
        expect(origins.find((o) => o.id === pkg.originOpportunityId)?.brandId).toBe(brand.id);
      }
    }
  });

  it("keeps every variant within its channel's limit, in its package's channels and free of the brand's taboos", async () => {
    const list = await db
      .select({ variant: variants, packageChannels: contentPackages.channels, taboos: brands.taboos })
      .from(variants)
      .innerJoin(contentPackages, eq(contentPackages.id, variants.packageId))
      .innerJoin(brands, eq(brands.id, variants.brandId));
    expect(list.length).toBeGreaterThan(0);
    for (const { variant, packageChannels, taboos } of list) {
      const text = variant.approvedText ?? variant.editedText ?? variant.draftText ?? '';
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(CHANNEL_LIMITS[variant.channel]);
      expect(packageChannels).toContain(variant.channel);
      for (const taboo of taboos) expect(text.toLowerCase()).not.toContain(taboo.toLowerCase());
    }
  });

  it('gives every published variant an external post id and a publication date in the past', async () => {
    const published = await db.select().from(variants).where(eq(variants.status, 'published'));
    expect(published.length).toBeGreaterThanOrEqual(demoBrands.length * 2);
    for (const variant of published) {
      expect(variant.externalPostId).toBeTruthy();
      expect(variant.publishedAt!.getTime()).toBeLessThan(Date.now());
    }
  });
});

describe('demo execution events', () => {
  it('records at least 1,000 events over the last 60 days, only on published variants, each with a unique external id', async () => {
    const [stats] = rows<{ total: number; unpublished: number; outside: number; sources: string[] }>(
      await db.execute(sql`
        select count(*)::int as total,
               count(*) filter (where v.status <> 'published' or v.published_at > e.occurred_at)::int as unpublished,
               count(*) filter (where e.occurred_at < now() - interval '60 days' or e.occurred_at > now())::int as outside,
               array_agg(distinct e.source) as sources
        from execution_events e join variants v on v.id = e.variant_id`),
    );
    expect(stats!.total).toBeGreaterThanOrEqual(1_000);
    expect(stats!.unpublished).toBe(0);
    expect(stats!.outside).toBe(0);
    expect(stats!.sources.every((s) => s === 'platform_webhook' || s === 'test_fixture')).toBe(true);
    const ids = await db.select({ id: executionEvents.externalEventId }).from(executionEvents);
    expect(ids.every((r) => r.id)).toBe(true);
    expect(distinct(ids.map((r) => r.id))).toBe(ids.length);
  });

  it('shows impressions far above likes, and likes above comments, on every channel of every brand', async () => {
    const totals = rows<{ brand_id: string; channel: string; impressions: number; likes: number; comments: number }>(
      await db.execute(sql`
        select brand_id, channel,
               sum(count) filter (where event_type = 'impression')::int as impressions,
               coalesce(sum(count) filter (where event_type = 'like'), 0)::int as likes,
               coalesce(sum(count) filter (where event_type = 'comment'), 0)::int as comments
        from execution_events group by brand_id, channel`),
    );
    expect(distinct(totals.map((t) => t.brand_id))).toBe(demoBrands.length);
    for (const t of totals) {
      expect(t.impressions).toBeGreaterThan(10 * t.likes);
      expect(t.likes).toBeGreaterThan(t.comments);
    }
  });
});

describe('seeding', () => {
  it('moves every date by the same amount for a later "now" and changes nothing else', () => {
    const now = new Date('2026-11-25T09:30:00.000Z');
    const later = new Date(now.getTime() + 7 * DAY_MS);
    const shifted = JSON.stringify(buildDemoData(now), (_key, value) =>
      typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(Date.parse(value) + 7 * DAY_MS).toISOString() : value,
    );
    expect(JSON.stringify(buildDemoData(later))).toBe(shifted);
  });

  it('writes identical rows into two fresh databases seeded with the same "now"', async () => {
    const now = new Date('2026-11-25T09:30:00.000Z');
    const digests: Record<string, string>[] = [];
    for (let i = 0; i < 2; i++) {
      const fresh = await openDatabase({ dataDir: 'memory://' });
      try {
        await migrate(fresh);
        expect(await isSeeded(fresh.db)).toBe(false);
        await seedDemoData(fresh.db, { now });
        expect(await isSeeded(fresh.db)).toBe(true);
        digests.push(await digestTables(fresh));
      } finally {
        await fresh.close();
      }
    }
    expect(digests[0]).toEqual(digests[1]);
    expect(Object.keys(digests[0]!)).toHaveLength(SEEDED_TABLES.length);
  }, 120_000);

  it('reports the harness copy as seeded, so start-up does not seed it again', async () => {
    expect(await isSeeded(db)).toBe(true);
    const northwind = await db
      .select()
      .from(brands)
      .where(and(eq(brands.tenantId, DEMO_TENANTS.northwind.id), isNull(brands.deletedAt)));
    expect(northwind).toHaveLength(2);
  });
});

const SEEDED_TABLES = [
  'tenants',
  'user_profiles',
  'memberships',
  'brands',
  'content_pillars',
  'personas',
  'pattern_templates',
  'opportunities',
  'content_packages',
  'variants',
  'execution_events',
];

/** One md5 per table over every column of every row: the seed sets every timestamp itself. */
async function digestTables(target: DatabaseHandle): Promise<Record<string, string>> {
  const digests: Record<string, string> = {};
  for (const table of SEEDED_TABLES) {
    const [row] = rows<{ digest: string; n: number }>(
      await target.db.execute(
        sql`select md5(coalesce(string_agg(t::text, E'\n' order by t::text), '')) as digest, count(*)::int as n from ${sql.identifier(table)} t`,
      ),
    );
    expect(row!.n).toBeGreaterThan(0);
    digests[table] = row!.digest;
  }
  return digests;
}
