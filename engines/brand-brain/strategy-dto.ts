import { z } from 'zod';
import { PersonaPriority } from '../enums';
import { Text } from '../text';
import { MAX_PERSONA_PRIORITIES, MIN_PERSONA_PRIORITIES } from './dto';

// The brand strategy's invariants (issue 10, point 4). A draft must meet them before it is stored, and
// a stored strategy that meets them is "calibrated". The zod schemas below only bound sizes, so that a
// draft breaking an invariant is refused by `strategyDraftProblems` with a sentence naming the field
// and the count, instead of zod's generic "too big".

export const STRATEGY_BOUNDS = {
  pillars: { min: 2, max: 5 },
  personas: { min: 1, max: 5 },
  highPriorityPersonas: { max: 3 },
  toneTags: { min: 3, max: 7 },
  taboos: { min: 1, max: 30 },
} as const;

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

export interface StrategyProblem {
  /** The draft field at fault: 'pillars', 'personas', 'toneTags', 'taboos', 'positioning'. */
  field: keyof StrategyDraft;
  message: string;
}

const range = (bounds: { min: number; max: number }) => `${bounds.min}–${bounds.max}`;
const sameName = (name: string) => name.trim().toLowerCase();

function duplicates(names: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const name of names) {
    if (seen.has(sameName(name))) repeated.add(name);
    seen.add(sameName(name));
  }
  return [...repeated];
}

/**
 * The invariants a draft breaks, one sentence per field, e.g. "pillars: a strategy has 2–5 pillars,
 * this draft has 7". Empty when the draft may be accepted. The pages call it too, to show each
 * problem beside its field while the person edits.
 */
export function strategyDraftProblems(draft: StrategyDraft): StrategyProblem[] {
  const problems: StrategyProblem[] = [];
  const { pillars, personas, toneTags, taboos } = STRATEGY_BOUNDS;
  if (!draft.positioning.trim()) problems.push({ field: 'positioning', message: 'positioning: a strategy says what the brand does' });
  if (draft.pillars.length < pillars.min || draft.pillars.length > pillars.max) {
    problems.push({
      field: 'pillars',
      message: `pillars: a strategy has ${range(pillars)} pillars, this draft has ${draft.pillars.length}`,
    });
  }
  const pillarNames = duplicates(draft.pillars.map((p) => p.name));
  if (pillarNames.length) problems.push({ field: 'pillars', message: `pillars: each pillar has its own name ("${pillarNames[0]}" twice)` });
  const ranks = draft.pillars.map((p) => p.priority);
  if (new Set(ranks).size !== ranks.length) problems.push({ field: 'pillars', message: 'pillars: each pillar has its own priority' });
  if (draft.personas.length < personas.min || draft.personas.length > personas.max) {
    problems.push({
      field: 'personas',
      message: `personas: a strategy has ${range(personas)} personas, this draft has ${draft.personas.length}`,
    });
  }
  const high = draft.personas.filter((p) => p.priority === 'high').length;
  if (high > STRATEGY_BOUNDS.highPriorityPersonas.max) {
    problems.push({
      field: 'personas',
      message: `personas: at most ${STRATEGY_BOUNDS.highPriorityPersonas.max} personas are high priority, this draft has ${high}`,
    });
  }
  const personaNames = duplicates(draft.personas.map((p) => p.name));
  if (personaNames.length) {
    problems.push({ field: 'personas', message: `personas: each persona has its own name ("${personaNames[0]}" twice)` });
  }
  if (draft.toneTags.length < toneTags.min || draft.toneTags.length > toneTags.max) {
    problems.push({
      field: 'toneTags',
      message: `toneTags: a strategy has ${range(toneTags)} tone tags, this draft has ${draft.toneTags.length}`,
    });
  }
  if (draft.taboos.length < taboos.min) problems.push({ field: 'taboos', message: 'taboos: a strategy names at least one taboo' });
  return problems;
}

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
