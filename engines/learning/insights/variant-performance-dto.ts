import { z } from 'zod';
import { Channel, LearningSignalType } from '../../enums';

/** The windows the workspace offers, as on the insights page. */
export const PerformanceWindowDays = z.union([z.literal(7), z.literal(30), z.literal(90)]);
export type PerformanceWindowDays = z.infer<typeof PerformanceWindowDays>;

export const VariantPerformanceInput = z.object({
  packageId: z.uuid(),
  windowDays: PerformanceWindowDays.default(30),
});
export type VariantPerformanceInput = z.input<typeof VariantPerformanceInput>;

/** Up or down when the later half's rate differs from the earlier half's by more than a tenth of it. */
export const TrendDirection = z.enum(['up', 'down', 'flat']);
export type TrendDirection = z.infer<typeof TrendDirection>;

export const PerformanceTrend = z.object({
  /** Weighted interactions per 100 impressions in each half of the window; null without impressions there. */
  earlierRatePer100: z.number().nonnegative().nullable(),
  laterRatePer100: z.number().nonnegative().nullable(),
  /** Null when either half has no impressions: nothing to compare. */
  direction: TrendDirection.nullable(),
});
export type PerformanceTrend = z.infer<typeof PerformanceTrend>;

/** One thing the learning update concluded, in words a person reads (names, never ids). */
export const LearningConclusion = z.object({
  signalType: LearningSignalType,
  text: z.string(),
  effectiveAt: z.date(),
});
export type LearningConclusion = z.infer<typeof LearningConclusion>;

export const VariantPerformance = z.object({
  variantId: z.uuid(),
  channel: Channel,
  patternName: z.string().nullable(),
  publishedAt: z.date().nullable(),
  externalPostId: z.string().nullable(),
  impressions: z.number().nonnegative(),
  /** Clicks and link clicks. */
  clicks: z.number().nonnegative(),
  /** Weighted interactions per 100 impressions (engagement.ts); null without impressions. */
  engagementRatePer100: z.number().nonnegative().nullable(),
  trend: PerformanceTrend,
  /** Impressions per UTC day of the window, oldest first (every day present). */
  daily: z.array(z.object({ day: z.date(), impressions: z.number().nonnegative() })),
  conclusions: z.array(LearningConclusion),
});
export type VariantPerformance = z.infer<typeof VariantPerformance>;

export const PackagePerformance = z.object({
  packageId: z.uuid(),
  windowDays: PerformanceWindowDays,
  windowStart: z.date(),
  windowEnd: z.date(),
  /** The package's published variants, in the order they went out. */
  variants: z.array(VariantPerformance),
  /** What learning made of the package as a whole: its idea's learned score change. */
  conclusions: z.array(LearningConclusion),
});
export type PackagePerformance = z.infer<typeof PackagePerformance>;
