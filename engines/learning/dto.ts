import { z } from 'zod';
import { Channel, DecisionDimension, ExecutionEventType, ExecutionSource, LearningSignalType } from '../enums';
import { Text } from '../text';
import { LearningWindow } from './window';

export { LearningWindow, WindowDays } from './window';

export const MAX_EXECUTION_EVENTS_PER_BATCH = 5_000;

/**
 * The most one event may report. A platform's export carries a post's total for one metric, and a
 * viral post's impressions run to hundreds of millions; nothing real reaches a billion in one
 * delivery. The bound also keeps sums safe: even weighted (×4) a count fits int8 arithmetic billions
 * of times over, and a window's totals stay exact as float8 up to millions of events at the bound.
 */
export const MAX_EVENT_COUNT = 1_000_000_000;

const IsoDate = z.union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))]);

/** One metric delivery from a platform export, webhook or manual entry. */
export const ExecutionEventInput = z
  .object({
    channel: Channel,
    /** The sender's id for this delivery; re-sending it is a no-op. */
    externalEventId: Text(200),
    variantId: z.uuid().optional(),
    /** The platform's post id, resolved to a variant together with `channel`. */
    externalPostId: Text(200).optional(),
    eventType: ExecutionEventType,
    count: z
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(MAX_EVENT_COUNT, { error: `must be at most ${MAX_EVENT_COUNT.toLocaleString('en-US')} for one event` }),
    eventValue: z.number().nullable().optional(),
    occurredAt: IsoDate,
  })
  .refine((e) => e.variantId !== undefined || e.externalPostId !== undefined, {
    message: 'variantId or externalPostId is required',
    path: ['variantId'],
  });
export type ExecutionEventInput = z.infer<typeof ExecutionEventInput>;

/** A batch as sent; each entry is checked on its own, so one bad entry is named rather than failing the parse. */
export const RecordExecutionEventsInput = z.object({ events: z.array(z.unknown()), source: ExecutionSource });
export type RecordExecutionEventsInput = z.infer<typeof RecordExecutionEventsInput>;

export const RecordExecutionEventsResult = z.object({
  received: z.int().nonnegative(),
  inserted: z.int().nonnegative(),
  /** Entries whose (channel, externalEventId) was already stored, or repeated within the batch. */
  duplicates: z.int().nonnegative(),
});
export type RecordExecutionEventsResult = z.infer<typeof RecordExecutionEventsResult>;

const Count = z.number().nonnegative();

export const PlatformMetrics = z.object({
  impressions: Count,
  likes: Count,
  comments: Count,
  shares: Count,
  saves: Count,
  clicks: Count,
  linkClicks: Count,
  profileVisits: Count,
});
export type PlatformMetrics = z.infer<typeof PlatformMetrics>;

export const EngagementScore = z.number().min(0).max(100);

export const PerformanceSummary = z.object({
  variantId: z.uuid(),
  packageId: z.uuid(),
  channel: Channel,
  /** 0–100 against the same channel of the brand in the window (see engagement.ts). */
  engagementScore: EngagementScore,
  /** Weighted interactions per impression; null when no impressions were recorded. */
  engagementRate: z.number().nonnegative().nullable(),
  platformMetrics: PlatformMetrics,
  patternId: z.uuid().nullable(),
  originOpportunityId: z.uuid().nullable(),
  publishedAt: z.date().nullable(),
});
export type PerformanceSummary = z.infer<typeof PerformanceSummary>;

export const PatternPerformanceUpdate = z.object({
  patternId: z.uuid(),
  /** Shared by the tenant's brands: usage and engagement then cover all of them. */
  shared: z.boolean(),
  /** Variants published with the pattern before the window's end. */
  usageCount: z.int().nonnegative(),
  lastUsedAt: z.date().nullable(),
  avgEngagementScore: EngagementScore,
  variantsScored: z.int().positive(),
});
export type PatternPerformanceUpdate = z.infer<typeof PatternPerformanceUpdate>;

export const OpportunityScoreUpdate = z.object({
  opportunityId: z.uuid(),
  avgEngagementScore: EngagementScore,
  variantsScored: z.int().positive(),
  adjustment: z.int().min(-20).max(20),
  explanation: z.string(),
  /** The score before learning, which the adjustment is applied to. */
  baseScore: z.int().min(0).max(100),
  /** The opportunity's score after the adjustment. */
  score: z.int().min(0).max(100),
  /** The opportunity's packages whose variants were scored: the evidence behind the adjustment. */
  packageIds: z.array(z.uuid()),
});
export type OpportunityScoreUpdate = z.infer<typeof OpportunityScoreUpdate>;

/** One learned weight from the window's decisions (update/decision-weights.ts has the table of values). */
export const DecisionWeight = z.object({
  dimension: DecisionDimension,
  /** The pillar, persona or pattern id, or the channel. */
  key: z.string(),
  /** The pillar's, persona's or pattern's name or the channel's label; null when that thing is gone. */
  name: z.string().nullable(),
  /** −0.5 … +0.5: positive leans towards the key, negative away; 0 once its decisions left the window. */
  weight: z.number().min(-0.5).max(0.5),
  /** How many of the window's decisions it comes from. */
  decisions: z.int().nonnegative(),
});
export type DecisionWeight = z.infer<typeof DecisionWeight>;

export const DecisionWeightResult = z.object({
  /** The window's weights, and those that faded back to 0 in this run (their decisions left the window). */
  updates: z.array(DecisionWeight),
  learningEventsWritten: z.int().nonnegative(),
});
export type DecisionWeightResult = z.infer<typeof DecisionWeightResult>;

const WeightsByKey = z.record(z.string(), z.number());

/**
 * The brand's current decision weights by dimension and key (non-zero ones only), for the Today
 * focus and the opportunity generation flow: e.g. `pillars[pillarId] = 0.25`.
 */
export const DecisionWeights = z.object({
  pillars: WeightsByKey,
  personas: WeightsByKey,
  channels: WeightsByKey,
  patterns: WeightsByKey,
  /** The window the weights were learned over; null before any stored run. */
  windowStart: z.date().nullable(),
  windowEnd: z.date().nullable(),
});
export type DecisionWeights = z.infer<typeof DecisionWeights>;

export const VariantPerformanceResult = z.object({
  summaries: z.array(PerformanceSummary),
  learningEventsWritten: z.int().nonnegative(),
});
export type VariantPerformanceResult = z.infer<typeof VariantPerformanceResult>;

export const PatternPerformanceResult = z.object({
  updates: z.array(PatternPerformanceUpdate),
  /** Patterns whose engagement figure was cleared: no scored variant used them in the window. */
  faded: z.array(z.uuid()),
  learningEventsWritten: z.int().nonnegative(),
});
export type PatternPerformanceResult = z.infer<typeof PatternPerformanceResult>;

/** An opportunity whose learned adjustment faded back to 0: none of its variants was scored in the window. */
export const FadedOpportunityUpdate = z.object({
  opportunityId: z.uuid(),
  previousAdjustment: z.int(),
  explanation: z.string(),
  baseScore: z.int().min(0).max(100),
  score: z.int().min(0).max(100),
});
export type FadedOpportunityUpdate = z.infer<typeof FadedOpportunityUpdate>;

export const OpportunityScoreResult = z.object({
  updates: z.array(OpportunityScoreUpdate),
  faded: z.array(FadedOpportunityUpdate),
  learningEventsWritten: z.int().nonnegative(),
});
export type OpportunityScoreResult = z.infer<typeof OpportunityScoreResult>;

export const WindowClaim = z.object({
  /** Digest of the evidence the window's learning reads (update/window-runs.ts). */
  fingerprint: z.string(),
  /** A run already completed this window over the same evidence: nothing to do. */
  alreadyDone: z.boolean(),
  completedByRunId: z.uuid().nullable(),
});
export type WindowClaim = z.infer<typeof WindowClaim>;

export const CompleteWindowInput = z.object({
  window: LearningWindow,
  /** The claim's fingerprint: the evidence the run brought the window up to date with. */
  fingerprint: z.string(),
  runId: z.uuid().nullable(),
});
export type CompleteWindowInput = z.infer<typeof CompleteWindowInput>;

export const LearningEventDTO = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  signalType: LearningSignalType,
  subjectId: z.uuid(),
  patternId: z.uuid().nullable(),
  opportunityId: z.uuid().nullable(),
  variantId: z.uuid().nullable(),
  payload: z.record(z.string(), z.unknown()),
  windowStart: z.date(),
  windowEnd: z.date(),
  effectiveAt: z.date(),
  createdAt: z.date(),
});
export type LearningEventDTO = z.infer<typeof LearningEventDTO>;

export const ListLearningEventsInput = z.object({
  /** Only events whose window starts at or after this. */
  windowStart: z.date().optional(),
  /** Only events whose window ends at or before this. */
  windowEnd: z.date().optional(),
  signalType: LearningSignalType.optional(),
  limit: z.int().min(1).max(500).default(100),
});
export type ListLearningEventsInput = z.input<typeof ListLearningEventsInput>;

/** One day of one channel: weighted interactions (engagement.ts weights) per 100 impressions. */
export const EngagementPoint = z.object({
  day: z.date(),
  channel: Channel,
  impressions: z.number().nonnegative(),
  interactions: z.number().nonnegative(),
  /** Null on a day with interactions but no recorded impressions. */
  ratePer100: z.number().nonnegative().nullable(),
});
export type EngagementPoint = z.infer<typeof EngagementPoint>;

export const PatternInsight = z.object({
  patternId: z.uuid(),
  name: z.string(),
  status: z.string(),
  shared: z.boolean(),
  usageCount: z.int().nonnegative(),
  lastUsedAt: z.date().nullable(),
  avgEngagementScore: z.number().nullable(),
  /** This brand's variants with the pattern scored in the window. */
  variantsInWindow: z.int().nonnegative(),
  /**
   * Average score of the window's variants published in its later half minus those of its earlier
   * half; null when either half has none.
   */
  trend: z.number().nullable(),
  /** Up to five of the brand's packages whose variants with the pattern were scored in the window. */
  packageIds: z.array(z.uuid()),
});
export type PatternInsight = z.infer<typeof PatternInsight>;

export const ScoreChange = z.object({
  learningEventId: z.uuid(),
  opportunityId: z.uuid(),
  title: z.string(),
  /** The score before learning (the base) and the score learning set. */
  before: z.int(),
  after: z.int(),
  adjustment: z.int(),
  explanation: z.string().nullable(),
  windowStart: z.date(),
  windowEnd: z.date(),
  effectiveAt: z.date(),
  /** The opportunity's packages (still live) whose scored variants the change was learned from. */
  packageIds: z.array(z.uuid()),
});
export type ScoreChange = z.infer<typeof ScoreChange>;

export const PillarInsight = z.object({
  pillarId: z.uuid(),
  name: z.string(),
  variantsScored: z.int().nonnegative(),
  /** Share of the window's scored variants, 0–100. */
  sharePercent: z.number().min(0).max(100),
  avgEngagementScore: z.number().nullable(),
});
export type PillarInsight = z.infer<typeof PillarInsight>;

export const LearningInsights = z.object({
  windowStart: z.date(),
  windowEnd: z.date(),
  variantsScored: z.int().nonnegative(),
  engagement: z.array(EngagementPoint),
  patterns: z.array(PatternInsight),
  scoreChanges: z.array(ScoreChange),
  pillars: z.array(PillarInsight),
  /** The latest learning events recorded during the window (at most 20). */
  learningEvents: z.array(LearningEventDTO),
  /**
   * The brand's decision weights as the last stored run learned them (the cron's window), named, with
   * how many decisions each comes from; weights that faded to 0 are left out.
   */
  decisionWeights: z.array(DecisionWeight.extend({ name: z.string() })),
});
export type LearningInsights = z.infer<typeof LearningInsights>;

export const ListLearningTargetsInput = z.object({
  /** The last brand id of the previous page. */
  after: z.uuid().nullish(),
  /** The last brand id to include. */
  through: z.uuid().nullish(),
  limit: z.int().min(1).max(500).default(50),
});
export type ListLearningTargetsInput = z.input<typeof ListLearningTargetsInput>;

/**
 * How far the learning cron got through every brand for one window. The walk covers, in id order,
 * the brands after `startAfter`, then (once `wrapped`) those up to and including it.
 */
export const LearningWalk = z.object({
  windowStart: z.date(),
  windowEnd: z.date(),
  /** Where the previous window's unfinished walk stopped; null to walk from the first brand. */
  startAfter: z.uuid().nullable(),
  wrapped: z.boolean(),
  /** The last brand finished in the current pass; the next call starts after it. */
  lastBrandId: z.uuid().nullable(),
  /** When the walk covered every brand; later calls for the window have nothing to do. */
  completedAt: z.date().nullable(),
});
export type LearningWalk = z.infer<typeof LearningWalk>;
