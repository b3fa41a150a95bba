import type { opportunities } from '../../engines/db/schema';
import type { Channel, OpportunityType } from '../../engines/enums';
import { opportunityDedupeKey } from '../../engines/opportunities/dedupe';
import { WIRED_CHANNELS } from '../../lib/channels';
import { addDays, HOUR_MS, startOfUtcDay } from '../../lib/dates';
import type { BrandSeed, IdeaSeed } from './brands/types';
import { Prng } from './prng';

export type OpportunityRow = typeof opportunities.$inferInsert;

export interface OpportunityContext {
  brandId: string;
  pillarIds: Map<string, string>;
  personaIds: Map<string, string>;
  /** Tenant members who add ideas by hand. */
  memberIds: readonly string[];
  /** Ideas that became packages, with the time their package was created. */
  packagedAt: Map<string, Date>;
  now: Date;
}

/** How many ideas of each brand carry each board state, so every state is there to try. */
const BOARD_STATES = { pinned: 3, snoozed: 2, snoozeElapsed: 1, expired: 2 } as const;

const SCORE_RANGE: Record<OpportunityType, [number, number]> = {
  trend: [45, 96],
  campaign: [38, 86],
  evergreen: [18, 90],
  competitive: [22, 80],
};

const TYPE_REASON: Record<OpportunityType, string> = {
  trend: 'Timely: interest in this topic is rising now.',
  campaign: 'Supports a planned campaign.',
  evergreen: 'Evergreen topic with steady interest from the audience.',
  competitive: 'Answers a competitor narrative the audience is hearing.',
};

/**
 * The brand's idea stream: scores spread across the bands, primary channels drawn by the brand's
 * channel weights, and a few ideas in each board state (pinned, snoozed, snooze elapsed, expired).
 * Ideas that became packages stay live and unpinned so the packages' origins stay on the board.
 */
export function buildOpportunities(seed: BrandSeed, ctx: OpportunityContext): OpportunityRow[] {
  const prng = new Prng(`${seed.slug}:opportunities`);
  const unwired = seed.channelWeights.find(([channel]) => !(WIRED_CHANNELS as readonly Channel[]).includes(channel));
  if (unwired) throw new Error(`${seed.slug}: ${unwired[0]} cannot be a primary channel, drafting is not wired for it`);
  const brandChannels = seed.channels.map((c) => c.channel);
  const rows = seed.ideas.map((idea) => buildOne(prng, seed, idea, brandChannels, ctx));

  const packaged = new Set(ctx.packagedAt.keys());
  const free = prng.shuffle(rows.filter((row) => !packaged.has(row.title)));
  const take = (count: number, fits: (row: OpportunityRow) => boolean) => {
    const taken = free.filter(fits).slice(0, count);
    for (const row of taken) free.splice(free.indexOf(row), 1);
    return taken;
  };

  for (const row of take(BOARD_STATES.expired, (r) => r.type === 'trend')) {
    row.expiresAt = new Date(ctx.now.getTime() - prng.int(6, 96) * HOUR_MS);
    row.createdAt = addDays(row.expiresAt, -prng.int(7, 14));
    row.lastTouchedAt = row.updatedAt = addDays(row.createdAt, prng.between(0, 3));
  }
  for (const row of take(BOARD_STATES.snoozed, () => true)) {
    // Snoozed until a morning a few days out, as a person picking "remind me on Thursday" would.
    row.snoozedUntil = new Date(addDays(startOfUtcDay(ctx.now), prng.int(2, 6)).getTime() + 8 * HOUR_MS);
    row.lastTouchedAt = row.updatedAt = new Date(ctx.now.getTime() - prng.int(1, 30) * HOUR_MS);
    if (row.createdAt! > row.lastTouchedAt) row.createdAt = addDays(row.lastTouchedAt, -1);
  }
  for (const row of take(BOARD_STATES.snoozeElapsed, () => true)) {
    row.snoozedUntil = new Date(ctx.now.getTime() - prng.int(2, 40) * HOUR_MS);
  }
  for (const row of take(BOARD_STATES.pinned, (r) => r.score >= 50)) {
    row.isPinned = true;
  }
  return rows;
}

function buildOne(prng: Prng, seed: BrandSeed, idea: IdeaSeed, brandChannels: Channel[], ctx: OpportunityContext): OpportunityRow {
  const source = seed.sources[idea.source];
  const pillarId = ctx.pillarIds.get(idea.pillar);
  const personaId = ctx.personaIds.get(idea.persona);
  const pillar = seed.pillars.find((p) => p.key === idea.pillar);
  const persona = seed.personas.find((p) => p.key === idea.persona);
  if (!source || !pillarId || !personaId || !pillar || !persona) {
    throw new Error(`${seed.slug}: idea "${idea.title}" names an unknown source, pillar or persona`);
  }

  const id = prng.uuid();
  const [low, high] = SCORE_RANGE[idea.type];
  const score = prng.int(low, high);
  const primaryChannel = prng.weighted(seed.channelWeights);
  const suggestedChannels = [primaryChannel, ...brandChannels.filter((c) => c !== primaryChannel && prng.chance(0.4))];

  const packagedAt = ctx.packagedAt.get(idea.title);
  const createdAt = packagedAt
    ? new Date(packagedAt.getTime() - prng.int(20, 72) * HOUR_MS)
    : new Date(ctx.now.getTime() - prng.int(6, 28 * 24) * HOUR_MS);
  const ageHours = (ctx.now.getTime() - createdAt.getTime()) / HOUR_MS;
  const lastTouchedAt = packagedAt ?? new Date(createdAt.getTime() + prng.between(0, ageHours) * HOUR_MS);

  return {
    id,
    tenantId: seed.tenantId,
    brandId: ctx.brandId,
    type: idea.type,
    score,
    baseScore: score,
    learnedAdjustment: 0,
    scoreExplanation: `${TYPE_REASON[idea.type]} Fits the “${pillar.name}” pillar and speaks to ${persona.name}.`,
    title: idea.title,
    angle: idea.angle,
    source: source.name,
    sourceUrl: source.url ? `${source.url}/${slugify(idea.title)}` : null,
    dedupeKey: opportunityDedupeKey(idea.title, source.name),
    personaId,
    pillarId,
    primaryChannel,
    suggestedChannels,
    isPinned: false,
    snoozedUntil: null,
    createdVia: source.via,
    createdByUserId: source.via === 'manual' ? prng.pick(ctx.memberIds) : null,
    lastTouchedAt,
    expiresAt: expiryFor(prng, idea.type, ctx.now),
    metadata: {},
    createdAt,
    updatedAt: lastTouchedAt,
  };
}

/** Trends fade within weeks and campaigns end with their campaign; evergreen ideas do not expire. */
function expiryFor(prng: Prng, type: OpportunityType, now: Date): Date | null {
  if (type === 'trend') return addDays(now, prng.between(4, 21));
  if (type === 'campaign') return addDays(now, prng.between(20, 60));
  return null;
}

function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
