import { z } from 'zod';
import { STRATEGY_BOUNDS } from '../../lib/strategy-rules';
import { PersonaPriority } from '../enums';
import { Text } from '../text';
import { MAX_PERSONA_PRIORITIES, MIN_PERSONA_PRIORITIES } from './dto';

// The zod schemas below only bound sizes; the strategy's invariants (lib/strategy-rules.ts, shared with
// the pages) refuse a draft that breaks one with a sentence naming the field and the count, instead
// of zod's generic "too big".

/** Sizes a request may carry at all (above the invariants, so the invariant's message is the one shown). */
const LIST_CAP = 12;

export const DraftPillar = z.object({
  name: Text(120),
  description: Text(1_000),
  /** 1 = first; the order pillars are written about in. */
  priority: z.int().min(1).max(LIST_CAP),
});
export type DraftPillar = z.infer<typeof DraftPillar>;

export const DraftPersona = z.object({
  name: Text(120),
  role: Text(120),
  summary: Text(1_000),
  priorities: z.array(Text(200)).min(MIN_PERSONA_PRIORITIES).max(MAX_PERSONA_PRIORITIES),
  pains: z.array(Text(200)).max(10),
  priority: PersonaPriority,
});
export type DraftPersona = z.infer<typeof DraftPersona>;

/** A proposed brand strategy, as the F0 node writes it and as a person edits it before accepting. */
export const StrategyDraft = z.object({
  positioning: Text(600),
  pillars: z.array(DraftPillar).max(LIST_CAP),
  personas: z.array(DraftPersona).max(LIST_CAP),
  toneTags: z.array(Text(40)).max(LIST_CAP),
  taboos: z.array(Text(120)).max(STRATEGY_BOUNDS.taboos.max),
});
export type StrategyDraft = z.infer<typeof StrategyDraft>;

/** What `strategy.proposeDraft` answers: the draft, and which model wrote it (the offline one is labelled). */
export const ProposedStrategyDraft = StrategyDraft.extend({ model: z.string(), offline: z.boolean() });
export type ProposedStrategyDraft = z.infer<typeof ProposedStrategyDraft>;

// ----- inputs -----

/** The five questions of the F0 flow, each a short answer in the person's own words. */
export const StrategyAnswers = z.object({
  /** What the brand does, in one line. */
  oneLiner: Text(500),
  /** Who it is for. */
  audience: Text(500),
  /** What its content should achieve. */
  goals: Text(500),
  /** How it must never sound. */
  antiVoice: Text(500),
  /** Topics it must never touch (a list: commas or lines). */
  taboos: Text(500),
});
export type StrategyAnswers = z.infer<typeof StrategyAnswers>;

export const StrategyExampleLabel = z.enum(['us', 'not_us']);
export type StrategyExampleLabel = z.infer<typeof StrategyExampleLabel>;

/** A post the person pasted: "this is us" or "this is not us". */
export const StrategyExample = z.object({ text: Text(2_000), label: StrategyExampleLabel });
export type StrategyExample = z.infer<typeof StrategyExample>;

export const MAX_STRATEGY_EXAMPLES = 10;

export const ProposeStrategyDraftInput = z.object({
  answers: StrategyAnswers,
  examples: z.array(StrategyExample).max(MAX_STRATEGY_EXAMPLES).default([]),
});
export type ProposeStrategyDraftInput = z.input<typeof ProposeStrategyDraftInput>;

export const AcceptStrategyDraftInput = z.object({ draft: StrategyDraft });
export type AcceptStrategyDraftInput = z.input<typeof AcceptStrategyDraftInput>;

/** The brand's voice; each field given replaces the stored one and must meet its invariant. */
export const UpdateStrategyInput = z.object({
  positioning: Text(600).optional(),
  toneTags: z.array(Text(40)).max(LIST_CAP).optional(),
  taboos: z.array(Text(120)).max(STRATEGY_BOUNDS.taboos.max).optional(),
});
export type UpdateStrategyInput = z.input<typeof UpdateStrategyInput>;

export const ReorderPillarsInput = z.object({
  /** The brand's pillars in their new order (1 = first); pillars left out keep their order after these. */
  pillarIds: z.array(z.uuid()).min(1).max(100),
});
export type ReorderPillarsInput = z.input<typeof ReorderPillarsInput>;

// ----- outputs -----

export const StrategyCalibration = z.object({
  calibrated: z.boolean(),
  /** What is missing, in plain words ("2–5 active pillars (this brand has 1)"); empty when calibrated. */
  missing: z.array(z.string()),
});
export type StrategyCalibration = z.infer<typeof StrategyCalibration>;
