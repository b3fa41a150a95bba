import { z } from 'zod';
import { DecidedBy } from '../decisions/dto';
import { Channel, OpportunityCreatedVia, OpportunityType, PackageStatus } from '../enums';
import { StorableRecord, storableString, Text } from '../text';
import { SubScores } from './generation/dto';

/** A score at or above this is "high": it counts in the board's high-score figures. */
export const HIGH_SCORE = 70;
/** A score at or above this (and below HIGH_SCORE) is "medium". */
export const MEDIUM_SCORE = 40;
/** Pins are a short list of "do these first"; more than a handful stops meaning anything. */
export const MAX_PINNED_PER_BRAND = 5;
export const MAX_SNOOZE_DAYS = 365;
export const DEFAULT_BOARD_LIMIT = 50;
export const MAX_BOARD_LIMIT = 200;

export const ScoreBand = z.enum(['low', 'medium', 'high']);
export type ScoreBand = z.infer<typeof ScoreBand>;

/** low < 40 ≤ medium < 70 ≤ high. */
export function scoreBand(score: number): ScoreBand {
  if (score >= HIGH_SCORE) return 'high';
  if (score >= MEDIUM_SCORE) return 'medium';
  return 'low';
}

const Score = z.int().min(0).max(100);

// ----- inputs -----

/** Narrows the board's page to one pillar, persona and/or channel; the metrics always count the whole board. */
export const BoardFilter = z.object({
  pillarId: z.uuid().optional(),
  personaId: z.uuid().optional(),
  channel: Channel.optional(),
});
export type BoardFilter = z.infer<typeof BoardFilter>;

export const TodayBoardInput = z.object({
  limit: z.int().min(1).max(MAX_BOARD_LIMIT).default(DEFAULT_BOARD_LIMIT),
  filter: BoardFilter.default({}),
});
export type TodayBoardInput = z.input<typeof TodayBoardInput>;

export const ListOpportunitiesInput = z.object({
  includeSnoozed: z.boolean().default(false),
  includeExpired: z.boolean().default(false),
  limit: z.int().min(1).max(MAX_BOARD_LIMIT).default(DEFAULT_BOARD_LIMIT),
  offset: z.int().min(0).default(0),
});
export type ListOpportunitiesInput = z.input<typeof ListOpportunitiesInput>;

/** The Today page's "Snoozed" view: the ideas hidden until later, the soonest to return first. */
export const ListSnoozedOpportunitiesInput = z.object({
  limit: z.int().min(1).max(MAX_BOARD_LIMIT).default(DEFAULT_BOARD_LIMIT),
});
export type ListSnoozedOpportunitiesInput = z.input<typeof ListSnoozedOpportunitiesInput>;

export const IngestOpportunityInput = z.object({
  type: OpportunityType,
  title: Text(200),
  angle: Text(2_000),
  source: Text(200),
  sourceUrl: storableString().pipe(z.url().max(2_000)).nullish(),
  /** When the source published the signal; drives the freshness part of the initial score. */
  sourcePublishedAt: z.date().nullish(),
  personaId: z.uuid().nullish(),
  pillarId: z.uuid().nullish(),
  primaryChannel: Channel,
  /** The primary channel is added when missing, so the stored list always contains it. */
  suggestedChannels: z.array(Channel).max(20).default([]),
  /** An upstream score wins over the initial scoring. */
  score: Score.nullish(),
  scoreExplanation: Text(2_000).nullish(),
  createdVia: OpportunityCreatedVia.default('ingestion'),
  expiresAt: z.date().nullish(),
  metadata: StorableRecord().default({}),
  /** The person who added it; null for a feed or a model's proposal. */
  createdByUserId: z.uuid().nullish(),
});
export type IngestOpportunityInput = z.input<typeof IngestOpportunityInput>;

/** One opportunity of the brand. */
export const OpportunityRef = z.object({ opportunityId: z.uuid() });
export type OpportunityRef = z.input<typeof OpportunityRef>;

/** A person's triage of one opportunity (pin, unpin); `decidedByUserId` goes into the decision log. */
export const OpportunityTriageInput = OpportunityRef.extend(DecidedBy);
export type OpportunityTriageInput = z.input<typeof OpportunityTriageInput>;

export const PinOpportunityInput = OpportunityTriageInput.extend({ pinned: z.boolean() });
export type PinOpportunityInput = z.input<typeof PinOpportunityInput>;

/** Hides the opportunity from the board until `until`. */
export const SnoozeOpportunityInput = OpportunityTriageInput.extend({ until: z.date() });
export type SnoozeOpportunityInput = z.input<typeof SnoozeOpportunityInput>;

/** "Not relevant": the idea leaves the board for good, and a feed bringing the same title again does not revive it. */
export const DismissOpportunityInput = OpportunityTriageInput.extend({ reason: Text(500).optional() });
export type DismissOpportunityInput = z.input<typeof DismissOpportunityInput>;

/** An explicit re-score: `score` becomes the base, and learning adjusts from there. */
export const RescoreOpportunityInput = OpportunityRef.extend({ score: z.number(), explanation: Text(2_000) });
export type RescoreOpportunityInput = z.input<typeof RescoreOpportunityInput>;

/** Learning's move of a score: the adjustment over the base score, and why. */
export const LearnedAdjustmentInput = OpportunityRef.extend({ adjustment: z.number(), explanation: Text(2_000) });
export type LearnedAdjustmentInput = z.input<typeof LearnedAdjustmentInput>;

// ----- outputs -----

export const OpportunityHandle = z.object({ id: z.uuid(), name: z.string() });
export type OpportunityHandle = z.infer<typeof OpportunityHandle>;

export const OpportunityDTO = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  type: OpportunityType,
  score: Score,
  /** The score before learning; `score` = clamp(baseScore + learnedAdjustment, 0, 100). */
  baseScore: Score,
  learnedAdjustment: z.int().min(-100).max(100),
  scoreExplanation: z.string().nullable(),
  title: z.string(),
  angle: z.string(),
  source: z.string(),
  sourceUrl: z.string().nullable(),
  personaId: z.uuid().nullable(),
  pillarId: z.uuid().nullable(),
  primaryChannel: Channel,
  suggestedChannels: z.array(Channel),
  isPinned: z.boolean(),
  snoozedUntil: z.date().nullable(),
  createdVia: OpportunityCreatedVia,
  createdByUserId: z.uuid().nullable(),
  lastTouchedAt: z.date(),
  expiresAt: z.date().nullable(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
  /** A generated idea's reason to post it now; null for ideas from elsewhere. */
  whyNow: z.string().nullable(),
  /** A generated idea's rubric sub-scores (0–4 each) with their one-line reasons; null for others. */
  subScores: SubScores.nullable(),
  /** The signals a generated idea rests on. */
  signalIds: z.array(z.uuid()),
  /** The generation run that proposed it; null for ideas from elsewhere. */
  generationRunId: z.uuid().nullable(),
  /** Set when a person marked the idea "not relevant"; a dismissed idea is on no board. */
  dismissedAt: z.date().nullable(),
  dismissedReason: z.string().nullable(),
  /** Null when unset or when the persona has since been deleted. */
  personaHandle: OpportunityHandle.nullable(),
  pillarHandle: OpportunityHandle.nullable(),
  /** True while `snoozedUntil` lies in the future. */
  isSnoozed: z.boolean(),
  scoreBand: ScoreBand,
});
export type OpportunityDTO = z.infer<typeof OpportunityDTO>;

/**
 * An idea as a Today card shows it: what the card and its "Why this score", the board's search and
 * sorts, and the focus policy read (components/today, policies/today-focus.ts). Not the row's
 * bookkeeping (feed metadata, signals, run, author, base score, snooze or dismissal, which a live card
 * never has): the board's cards go out on every page view, and again in the page's HTML for hydration.
 */
export const BoardCard = OpportunityDTO.pick({
  id: true,
  score: true,
  learnedAdjustment: true,
  scoreExplanation: true,
  title: true,
  angle: true,
  source: true,
  personaId: true,
  pillarId: true,
  primaryChannel: true,
  isPinned: true,
  lastTouchedAt: true,
  expiresAt: true,
  createdAt: true,
  whyNow: true,
  subScores: true,
  personaHandle: true,
  pillarHandle: true,
  scoreBand: true,
});
export type BoardCard = z.infer<typeof BoardCard>;

export const IngestOpportunityResult = z.object({
  opportunity: OpportunityDTO,
  /** False when the brand already had the same normalised title from the same source: that one is returned. */
  created: z.boolean(),
});
export type IngestOpportunityResult = z.infer<typeof IngestOpportunityResult>;

const Counts = { count: z.int().min(0), highScoreCount: z.int().min(0) };

export const BoardBucket = z.object({ id: z.uuid(), name: z.string(), ...Counts });
export type BoardBucket = z.infer<typeof BoardBucket>;

export const ChannelBucket = z.object({ channel: Channel, ...Counts });
export type ChannelBucket = z.infer<typeof ChannelBucket>;

/**
 * Counts over every live opportunity of the brand, not only the returned page. Opportunities without
 * a (live) pillar or persona count in `total` but in no pillar or persona bucket.
 */
export const TodayBoardMetrics = z.object({
  byPillar: z.array(BoardBucket),
  byPersona: z.array(BoardBucket),
  /** By primary channel. */
  byChannel: z.array(ChannelBucket),
  highScoreCount: z.int().min(0),
  total: z.int().min(0),
});
export type TodayBoardMetrics = z.infer<typeof TodayBoardMetrics>;

/**
 * A package made from an idea on the board: its card says so and links to the newest, and asks before
 * a second is made, from the board's own read (no second request the card would wait for).
 */
export const CardPackage = z.object({
  opportunityId: z.uuid(),
  packageId: z.uuid(),
  title: z.string(),
  status: PackageStatus,
});
export type CardPackage = z.infer<typeof CardPackage>;

export const TodayBoard = z.object({
  /** The top `limit` live opportunities as cards: pinned first, then score, then most recently touched. */
  opportunities: z.array(BoardCard),
  /** The packages made from `opportunities` (archived ones too), each idea's newest first. */
  packages: z.array(CardPackage),
  metrics: TodayBoardMetrics,
  /** The high-score ones among `opportunities`, in board order. */
  highScoreOpportunityIds: z.array(z.uuid()),
});
export type TodayBoard = z.infer<typeof TodayBoard>;
