import type { brands, contentPillars, patternTemplates, personas } from '../../engines/db/schema';
import { addDays, MINUTE_MS } from '../../lib/dates';
import type { BrandSeed, PatternSeed } from './brands/types';
import { Prng } from './prng';

export type BrandRow = typeof brands.$inferInsert;
export type PillarRow = typeof contentPillars.$inferInsert;
export type PersonaRow = typeof personas.$inferInsert;
export type PatternRow = typeof patternTemplates.$inferInsert;

export interface StrategyRows {
  brand: BrandRow;
  pillars: PillarRow[];
  personas: PersonaRow[];
  /** The brand's own patterns (brand_id set). */
  patterns: PatternRow[];
  pillarIds: Map<string, string>;
  personaIds: Map<string, string>;
}

/** The brand, its pillars, personas and own patterns; the brand looks set up about five months ago. */
export function buildStrategy(seed: BrandSeed, now: Date): StrategyRows {
  const prng = new Prng(`${seed.slug}:strategy`);
  if (!seed.channels.some((c) => c.channel === seed.primaryChannel)) {
    throw new Error(`${seed.slug}: the primary channel must be one of the brand's channels`);
  }
  const brandId = prng.uuid();
  const setUpAt = new Date(addDays(now, -150).getTime() + prng.int(0, 600) * MINUTE_MS);
  const scoped = { tenantId: seed.tenantId, brandId };
  const stamp = (minutesAfterSetUp: number) => {
    const at = new Date(setUpAt.getTime() + minutesAfterSetUp * MINUTE_MS);
    return { createdAt: at, updatedAt: at };
  };

  const brand: BrandRow = {
    id: brandId,
    tenantId: seed.tenantId,
    name: seed.name,
    slug: seed.slug,
    primaryChannel: seed.primaryChannel,
    channels: seed.channels,
    positioning: seed.positioning,
    toneTags: seed.toneTags,
    taboos: seed.taboos,
    metadata: seed.metadata,
    ...stamp(0),
  };

  const pillarIds = new Map<string, string>();
  const pillars = seed.pillars.map((pillar, index): PillarRow => {
    const id = prng.uuid();
    pillarIds.set(pillar.key, id);
    return {
      id,
      ...scoped,
      name: pillar.name,
      category: pillar.category,
      description: pillar.description,
      priorityRank: index + 1,
      isActive: true,
      ...stamp(20 + index),
    };
  });

  const personaIds = new Map<string, string>();
  const personaRows = seed.personas.map((persona, index): PersonaRow => {
    const id = prng.uuid();
    personaIds.set(persona.key, id);
    return {
      id,
      ...scoped,
      name: persona.name,
      role: persona.role,
      summary: persona.summary,
      priorities: persona.priorities,
      pains: persona.pains,
      successMetrics: persona.successMetrics,
      channelBiases: persona.channelBiases,
      ...stamp(40 + index),
    };
  });

  const patterns = seed.patterns.map((pattern) => buildPattern(prng, pattern, seed.tenantId, brandId, now));
  return { brand, pillars, personas: personaRows, patterns, pillarIds, personaIds };
}

/**
 * One pattern with a usage history that matches its status: active ones used recently with an
 * engagement score, experimental ones barely tried and not yet scored, retired ones long unused.
 */
export function buildPattern(prng: Prng, pattern: PatternSeed, tenantId: string, brandId: string | null, now: Date): PatternRow {
  const id = prng.uuid();
  const daysSince = (min: number, max: number) => addDays(now, -prng.between(min, max));
  const history = {
    active: () => ({ usageCount: prng.int(4, 30), lastUsedAt: daysSince(1, 20), avgEngagementScore: round1(prng.between(38, 82)) }),
    experimental: () => ({ usageCount: prng.int(1, 3), lastUsedAt: daysSince(2, 12), avgEngagementScore: null }),
    retired: () => ({ usageCount: prng.int(10, 40), lastUsedAt: daysSince(90, 160), avgEngagementScore: round1(prng.between(12, 30)) }),
  }[pattern.status]();
  const createdAt = daysSince(pattern.status === 'retired' ? 200 : 60, pattern.status === 'retired' ? 300 : 140);
  return {
    id,
    tenantId,
    brandId,
    name: pattern.name,
    category: pattern.category,
    status: pattern.status,
    beats: pattern.beats,
    supportedChannels: pattern.supportedChannels,
    exampleSnippet: pattern.exampleSnippet,
    performanceHint: pattern.performanceHint,
    ...history,
    createdAt,
    updatedAt: history.lastUsedAt,
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
