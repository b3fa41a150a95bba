import type { contentPackages, variants } from '../../engines/db/schema';
import { CHANNEL_LIMITS, type Channel } from '../../engines/enums';
import { addDays, HOUR_MS, MINUTE_MS, startOfUtcDay } from '../../lib/dates';
import { OFFLINE_PROVIDER } from '../../lib/labels';
import { OFFLINE_MODEL_ID } from '../../server/orchestrator/llm/offline-model';
import type { BrandSeed, PackageSeed, VariantSeed } from './brands/types';
import type { OpportunityRow } from './build-opportunities';
import type { PatternRow } from './build-strategy';
import { Prng } from './prng';

export type PackageRow = typeof contentPackages.$inferInsert;
export type VariantRow = typeof variants.$inferInsert;

export interface PackageContext {
  brandId: string;
  now: Date;
  ownerUserId: string;
  opportunities: readonly OpportunityRow[];
  /** Patterns the brand may use: its own first, then the tenant's shared ones. */
  patterns: readonly PatternRow[];
  /** Pillar and persona names by id, for the prompt context each variant records. */
  names: ReadonlyMap<string, string>;
}

const DRAFTED_BY = `${OFFLINE_PROVIDER}/${OFFLINE_MODEL_ID}`;

/** When each package was created, so its origin idea can be dated before it. */
export function packageCreationTimes(seed: BrandSeed, now: Date): Map<string, Date> {
  const prng = new Prng(`${seed.slug}:package-times`);
  return new Map(
    seed.packages.map((pkg) => [pkg.opportunity, new Date(addDays(now, -pkg.ageDays).getTime() - prng.int(0, 300) * MINUTE_MS)]),
  );
}

export function buildPackages(seed: BrandSeed, ctx: PackageContext): { packages: PackageRow[]; variants: VariantRow[] } {
  const prng = new Prng(`${seed.slug}:packages`);
  const createdTimes = packageCreationTimes(seed, ctx.now);
  const packages: PackageRow[] = [];
  const variantRows: VariantRow[] = [];
  for (const pkg of seed.packages) {
    const origin = ctx.opportunities.find((o) => o.title === pkg.opportunity);
    if (!origin) throw new Error(`${seed.slug}: package "${pkg.title}" names an unknown idea`);
    const createdAt = createdTimes.get(pkg.opportunity)!;
    const publishedAt =
      pkg.publishedDaysAgo === undefined
        ? null
        : new Date(addDays(ctx.now, -pkg.publishedDaysAgo).getTime() - prng.int(0, 240) * MINUTE_MS);
    if (publishedAt && publishedAt <= createdAt) throw new Error(`${seed.slug}: "${pkg.title}" is published before it was created`);

    const packageId = prng.uuid();
    const rows = pkg.variants.map((variant, index) =>
      buildVariant(prng, seed, ctx, { packageId, pkg, origin, variant, index, createdAt, publishedAt }),
    );
    // biome-ignore lint/complexity/useMathMinMax: these are Dates, and Math.max would turn them into numbers
    const lastChange = rows.reduce((latest, row) => (row.updatedAt! > latest ? row.updatedAt! : latest), createdAt);
    packages.push({
      id: packageId,
      tenantId: seed.tenantId,
      brandId: ctx.brandId,
      title: pkg.title,
      status: pkg.status,
      originOpportunityId: origin.id,
      personaId: origin.personaId,
      pillarId: origin.pillarId,
      channels: [...new Set(pkg.variants.map((v) => v.channel))],
      coreArgument: pkg.coreArgument,
      keyPoints: pkg.keyPoints,
      risksToAvoid: pkg.risksToAvoid,
      ...plannedWindow(prng, pkg, publishedAt, ctx.now),
      ownerUserId: ctx.ownerUserId,
      notes: pkg.notes ?? null,
      createdVia: 'from_opportunity',
      idempotencyKey: null,
      createdAt,
      updatedAt: lastChange,
    });
    variantRows.push(...rows);
  }
  return { packages, variants: variantRows };
}

interface VariantInput {
  packageId: string;
  pkg: PackageSeed;
  origin: OpportunityRow;
  variant: VariantSeed;
  index: number;
  createdAt: Date;
  publishedAt: Date | null;
}

function buildVariant(prng: Prng, seed: BrandSeed, ctx: PackageContext, input: VariantInput): VariantRow {
  const { variant, origin, pkg } = input;
  const pattern = findPattern(seed, ctx.patterns, variant);
  if (!seed.channels.some((c) => c.channel === variant.channel)) {
    throw new Error(`${seed.slug}: "${pkg.title}" has a ${variant.channel} variant but the brand has no such channel`);
  }
  const limit = CHANNEL_LIMITS[variant.channel];
  if (variant.text.length > limit) {
    throw new Error(`${seed.slug}: the ${variant.channel} text of "${pkg.title}" is ${variant.text.length} characters (limit ${limit})`);
  }
  const edited = variant.draft !== undefined;
  const id = prng.uuid();
  const proposedAt = new Date(input.createdAt.getTime() + prng.int(1, 4) * MINUTE_MS);
  const editedAt = edited
    ? new Date(Math.min(proposedAt.getTime() + prng.int(30, 20 * 60) * MINUTE_MS, ctx.now.getTime() - 10 * MINUTE_MS))
    : null;
  // Channels of one package go out over a morning, not all in the same second.
  const publishedAt =
    variant.status === 'published' && input.publishedAt
      ? new Date(input.publishedAt.getTime() + input.index * prng.int(20, 90) * MINUTE_MS)
      : null;
  if (variant.status === 'published' && !publishedAt)
    throw new Error(`${seed.slug}: "${pkg.title}" has a published variant but no publication date`);
  const evaluated = variant.status !== 'draft';
  const changedAt = publishedAt ?? editedAt ?? proposedAt;

  return {
    id,
    tenantId: seed.tenantId,
    brandId: ctx.brandId,
    packageId: input.packageId,
    channel: variant.channel,
    status: variant.status,
    patternTemplateId: pattern.id,
    rawPromptContext: {
      channel: variant.channel,
      characterLimit: limit,
      angle: origin.angle,
      pillar: origin.pillarId ? (ctx.names.get(origin.pillarId) ?? null) : null,
      persona: origin.personaId ? (ctx.names.get(origin.personaId) ?? null) : null,
      toneTags: seed.toneTags,
      taboos: seed.taboos,
      pattern: { name: pattern.name, beats: pattern.beats },
    },
    draftText: variant.draft ?? variant.text,
    editedText: edited ? variant.text : null,
    approvedText: variant.status === 'approved' || variant.status === 'published' ? variant.text : null,
    rationale: variant.rationale,
    safetyFlags: [],
    generatedByModel: DRAFTED_BY,
    proposedAt,
    scheduledPublishAt: null,
    publishedAt,
    externalPostId: publishedAt ? externalPostId(prng, variant.channel) : null,
    lastEvaluatedAt: evaluated ? new Date((editedAt ?? proposedAt).getTime() + MINUTE_MS) : null,
    evalScore: evaluated ? prng.int(66, 94) : null,
    evalNotes: evaluated ? 'Within the channel limit, no taboo terms, tone matches the brand.' : null,
    createdAt: proposedAt,
    updatedAt: changedAt,
  };
}

function findPattern(seed: BrandSeed, patterns: readonly PatternRow[], variant: VariantSeed): PatternRow {
  const pattern = patterns.find((p) => p.name === variant.pattern);
  if (!pattern) throw new Error(`${seed.slug}: unknown pattern "${variant.pattern}"`);
  if (pattern.status === 'retired' || !pattern.supportedChannels.includes(variant.channel)) {
    throw new Error(`${seed.slug}: pattern "${pattern.name}" cannot be used on ${variant.channel}`);
  }
  return pattern;
}

function plannedWindow(prng: Prng, pkg: PackageSeed, publishedAt: Date | null, now: Date) {
  if (publishedAt) {
    return { plannedPublishStart: new Date(publishedAt.getTime() - HOUR_MS), plannedPublishEnd: addDays(publishedAt, 2) };
  }
  if (pkg.status === 'in_review') {
    const start = new Date(addDays(startOfUtcDay(now), prng.int(2, 5)).getTime() + 9 * HOUR_MS);
    return { plannedPublishStart: start, plannedPublishEnd: addDays(start, 3) };
  }
  return { plannedPublishStart: null, plannedPublishEnd: null };
}

/** Ids in the shape each platform uses, so the UI and the ingest route see familiar values. */
function externalPostId(prng: Prng, channel: Channel): string {
  switch (channel) {
    case 'linkedin':
      return `urn:li:share:${prng.digits(19)}`;
    case 'x':
      return prng.digits(19);
    case 'instagram':
      return prng.digits(17);
    case 'newsletter':
      return `nl_${prng.hex(16)}`;
    case 'youtube':
      return `yt_${prng.hex(11)}`;
    case 'tiktok':
      return prng.digits(19);
  }
}
