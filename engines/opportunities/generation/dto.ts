import { z } from 'zod';
import { Channel, OpportunityType } from '../../enums';
import { storableString, Text } from '../../text';

// The generation flow's contract with the engine: what a proposed idea looks like (the LLM node's output
// uses the same schema), what landing it answers, and the board's class afterwards. Titles, angles and
// reasons are only bounded here, not required: an empty angle is a rubric failure the engine records
// against that one idea, not a malformed answer that would throw away the other nineteen.

/** The five rubric dimensions (../shared/RUBRICS.md, opportunities), in the order the rubric lists them. */
export const SUB_SCORE_KEYS = ['clarity', 'strategicFit', 'timeliness', 'differentiation', 'executionReadiness'] as const;
export type SubScoreKey = (typeof SUB_SCORE_KEYS)[number];

export const SubScore = z.object({
  score: z.int().min(0).max(4),
  /** One line: why this dimension got this score. */
  reason: storableString().trim().max(200),
});
export type SubScore = z.infer<typeof SubScore>;

export const SubScores = z.object({
  clarity: SubScore,
  strategicFit: SubScore,
  timeliness: SubScore,
  differentiation: SubScore,
  executionReadiness: SubScore,
});
export type SubScores = z.infer<typeof SubScores>;

export const MAX_CANDIDATES = 20;
export const MAX_SIGNALS_PER_CANDIDATE = 30;

export const GenerationCandidate = z.object({
  title: storableString().trim().max(200),
  angle: storableString().trim().max(1_000),
  whyNow: storableString().trim().max(600),
  type: OpportunityType,
  /** A live pillar of the brand, by id or by name (any case). */
  pillar: storableString().trim().max(120),
  /** A persona of the brand, by id or by name (any case). */
  persona: storableString().trim().max(120),
  /** The first is the primary channel. */
  channels: z.array(Channel).min(1).max(Channel.options.length),
  /** The signals it rests on; ids the brand has no signal for are left out when it lands. */
  signalIds: z.array(z.uuid()).max(MAX_SIGNALS_PER_CANDIDATE),
  subScores: SubScores,
});
export type GenerationCandidate = z.infer<typeof GenerationCandidate>;

export const LandCandidatesInput = z.object({
  /** The generation run the landed ideas are stamped with. */
  runId: z.uuid(),
  candidates: z.array(GenerationCandidate).max(MAX_CANDIDATES),
});
export type LandCandidatesInput = z.input<typeof LandCandidatesInput>;

/** Why an idea was not stored; the first four are the rubric's hard rules. */
export const DropRule = z.enum(['empty_title', 'empty_angle', 'unknown_pillar', 'unknown_persona', 'taboo', 'duplicate', 'portfolio_cap']);
export type DropRule = z.infer<typeof DropRule>;
export const HARD_RULES: readonly DropRule[] = ['empty_title', 'empty_angle', 'unknown_pillar', 'unknown_persona', 'taboo'];

export const LandedIdea = z.object({ opportunityId: z.uuid(), title: z.string(), score: z.int().min(0).max(100) });
export type LandedIdea = z.infer<typeof LandedIdea>;

export const DroppedIdea = z.object({ title: z.string(), rule: DropRule, reason: z.string() });
export type DroppedIdea = z.infer<typeof DroppedIdea>;

export const BoardClassName = z.enum(['good', 'partial', 'bad']);
export type BoardClassName = z.infer<typeof BoardClassName>;

export const BoardClass = z.object({ class: BoardClassName, reason: z.string() });
export type BoardClass = z.infer<typeof BoardClass>;

export const LandCandidatesResult = z.object({
  landed: z.array(LandedIdea),
  dropped: z.array(DroppedIdea),
  /** Earlier generated ideas a higher-scoring near-duplicate took the place of. */
  replaced: z.array(z.object({ opportunityId: z.uuid(), title: z.string(), byTitle: z.string() })),
  boardClass: BoardClass,
});
export type LandCandidatesResult = z.infer<typeof LandCandidatesResult>;

/** `opportunities.generate`'s input (besides the brand). */
export const GenerateOpportunitiesInput = z.object({
  /** The same key answers with the first successful run's result instead of generating again. */
  idempotencyKey: Text(200).optional(),
});
export type GenerateOpportunitiesInput = z.input<typeof GenerateOpportunitiesInput>;

/** What the generation flow tells its caller (and records as the run's output). */
export const GenerationRunResult = z.object({
  runId: z.uuid(),
  proposed: z.int().min(0),
  landed: z.int().min(0),
  dropped: z.int().min(0),
  boardClass: BoardClass,
  /** Each dropped idea with its reason, for the "why not" under the counts. */
  droppedIdeas: z.array(DroppedIdea),
  /** The model that proposed the ideas ("Offline model" when no key is configured). */
  model: z.string(),
});
export type GenerationRunResult = z.infer<typeof GenerationRunResult>;

/** The bounded view of the brand's board the flow gives the model: what is already there. */
export const MAX_BOARD_TITLES = 40;
export const GenerationBoard = z.object({
  items: z.array(z.object({ title: z.string(), pillar: z.string().nullable() })).max(MAX_BOARD_TITLES),
  /** Pillars the strategy marks dominant: the 60% portfolio cap does not apply to them. */
  dominantPillarIds: z.array(z.uuid()),
});
export type GenerationBoard = z.infer<typeof GenerationBoard>;
