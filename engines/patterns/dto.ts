import { z } from 'zod';
import { Channel, PatternCategory, PatternStatus } from '../enums';
import { Text } from '../text';

const EngagementScore = z.number().min(0).max(100);

export const DEFAULT_RECOMMENDATIONS = 3;
export const MAX_RECOMMENDATIONS = 10;

// ----- outputs -----

export const PatternDTO = z.object({
  id: z.uuid(),
  /** null = shared by every brand of the tenant. */
  brandId: z.uuid().nullable(),
  isShared: z.boolean(),
  /** Where the pattern lives, for the library page: the tenant's shared library or the brand's own. */
  scope: z.enum(['shared', 'brand']),
  name: z.string(),
  category: PatternCategory,
  status: PatternStatus,
  /** In order: Hook, Context, … */
  beats: z.array(z.string()),
  supportedChannels: z.array(Channel),
  exampleSnippet: z.string().nullable(),
  performanceHint: z.string().nullable(),
  usageCount: z.int().nonnegative(),
  lastUsedAt: z.date().nullable(),
  avgEngagementScore: EngagementScore.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PatternDTO = z.infer<typeof PatternDTO>;

export const PatternRecommendation = z.object({
  pattern: PatternDTO,
  /** One or two sentences for the editor: why this pattern, from the figures that ranked it. */
  rationale: z.string(),
  /** 0–100; recommendations come highest first. */
  score: z.number().min(0).max(100),
});
export type PatternRecommendation = z.infer<typeof PatternRecommendation>;

// ----- inputs -----

/** The brand's library: its own patterns and its tenant's shared ones, optionally narrowed. */
export const ListLibraryInput = z.object({
  status: PatternStatus.optional(),
  channel: Channel.optional(),
});
export type ListLibraryInput = z.input<typeof ListLibraryInput>;

export const RecommendPatternsInput = z.object({
  channel: Channel,
  /** The pillar the content serves: a pattern of the pillar's category ranks a little higher. */
  pillarId: z.uuid().nullish(),
  /** The persona it is written for: its note on the channel, if any, goes into the rationale. */
  personaId: z.uuid().nullish(),
  maxResults: z.int().min(1).max(MAX_RECOMMENDATIONS).default(DEFAULT_RECOMMENDATIONS),
});
export type RecommendPatternsInput = z.input<typeof RecommendPatternsInput>;

/** One piece of content's pattern recommendations on each of several channels. */
export const RecommendPatternsForChannelsInput = RecommendPatternsInput.omit({ channel: true }).extend({
  channels: z.array(Channel).min(1).max(Channel.options.length),
});
export type RecommendPatternsForChannelsInput = z.input<typeof RecommendPatternsForChannelsInput>;

export const UpsertPatternInput = z.object({
  /** Set → update that pattern (in the same scope: the brand's, or shared); unset → create one. */
  id: z.uuid().optional(),
  name: Text(120),
  category: PatternCategory,
  status: PatternStatus.default('active'),
  beats: z.array(Text(80)).min(1).max(12),
  /** Duplicates are dropped. */
  supportedChannels: z
    .array(Channel)
    .min(1)
    .max(Channel.options.length * 2)
    .transform((channels) => [...new Set(channels)]),
  exampleSnippet: Text(2_000).nullish(),
  performanceHint: Text(500).nullish(),
});
export type UpsertPatternInput = z.input<typeof UpsertPatternInput>;

// ----- the library page's writes (a brand's own patterns; shared ones are read-only there) -----

export const MAX_BEATS = 8;

/** One channel or several; repeated ones are dropped. */
const PatternChannels = z
  .union([
    Channel.transform((channel) => [channel]),
    z
      .array(Channel)
      .min(1)
      .max(Channel.options.length * 2),
  ])
  .transform((channels) => [...new Set(channels)]);

/** The beats in order, one short non-empty line each. */
const PatternStructure = z.array(Text(80)).min(1).max(MAX_BEATS);

/** A person sets a pattern active or experimental; retiring has its own operation (retirePattern). */
export const EditablePatternStatus = PatternStatus.exclude(['retired']);

export const CreatePatternInput = z.object({
  name: Text(120),
  channel: PatternChannels,
  structure: PatternStructure,
  category: PatternCategory.default('evergreen'),
  status: EditablePatternStatus.default('active'),
  exampleSnippet: Text(2_000).nullish(),
});
export type CreatePatternInput = z.input<typeof CreatePatternInput>;

/**
 * The fields given replace the stored ones; the rest stay. Setting a status restores a retired
 * pattern. Learned figures are not here: learning owns them.
 */
export const UpdatePatternInput = z.object({
  patternId: z.uuid(),
  name: Text(120).optional(),
  channel: PatternChannels.optional(),
  structure: PatternStructure.optional(),
  category: PatternCategory.optional(),
  status: EditablePatternStatus.optional(),
  /** null clears it. */
  exampleSnippet: Text(2_000).nullish(),
});
export type UpdatePatternInput = z.input<typeof UpdatePatternInput>;

/** One pattern the brand can see (its own or a shared one). */
export const PatternRef = z.object({ patternId: z.uuid() });
export type PatternRef = z.input<typeof PatternRef>;

/** The brand's own pattern to retire: never recommended again, kept with its figures. */
export const RetirePatternInput = PatternRef;
export type RetirePatternInput = PatternRef;

/** A shared pattern to copy into the brand, where it can be edited. */
export const CopySharedPatternInput = PatternRef;
export type CopySharedPatternInput = PatternRef;

export const PatternForChannelInput = PatternRef.extend({ channel: Channel });
export type PatternForChannelInput = z.input<typeof PatternForChannelInput>;

/** Figures from learning; they replace the stored ones (learning computes them over its window). */
export const PatternPerformanceInput = PatternRef.extend({
  usageCount: z.int().min(0),
  lastUsedAt: z.date().nullable(),
  /** Null once no scored post used the pattern in the learning window: its learned figure fades. */
  avgEngagementScore: EngagementScore.nullable(),
});
export type PatternPerformanceInput = z.input<typeof PatternPerformanceInput>;
