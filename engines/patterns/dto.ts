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

export const ListPatternsInput = z.object({
  status: PatternStatus.optional(),
  channel: Channel.optional(),
});
export type ListPatternsInput = z.input<typeof ListPatternsInput>;

export const RecommendPatternsInput = z.object({
  channel: Channel,
  /** The pillar the content serves: a pattern of the pillar's category ranks a little higher. */
  pillarId: z.uuid().nullish(),
  /** The persona it is written for: its note on the channel, if any, goes into the rationale. */
  personaId: z.uuid().nullish(),
  maxResults: z.int().min(1).max(MAX_RECOMMENDATIONS).default(DEFAULT_RECOMMENDATIONS),
});
export type RecommendPatternsInput = z.input<typeof RecommendPatternsInput>;

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

/** One pattern the brand can see (its own or a shared one). */
export const PatternRef = z.object({ patternId: z.uuid() });
export type PatternRef = z.input<typeof PatternRef>;

export const PatternForChannelInput = PatternRef.extend({ channel: Channel });
export type PatternForChannelInput = z.input<typeof PatternForChannelInput>;

/** Figures from learning; they replace the stored ones (learning computes them over its window). */
export const PatternPerformanceInput = PatternRef.extend({
  usageCount: z.int().min(0),
  lastUsedAt: z.date().nullable(),
  avgEngagementScore: EngagementScore,
});
export type PatternPerformanceInput = z.input<typeof PatternPerformanceInput>;
