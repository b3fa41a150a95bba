import { z } from 'zod';
import { Channel, DecisionKind } from '../enums';
import { Text } from '../text';

/** The most decisions one `list` call returns. */
export const MAX_DECISIONS_PAGE = 1_000;
export const DEFAULT_DECISIONS_PAGE = 200;
export const MAX_DECISION_REASON = 500;

/**
 * One decision as the mutating engine records it: what was decided about which idea, package or
 * draft, by whom, and the dimensions (pillar, persona, channel, pattern) the subject had at that moment.
 */
export const RecordDecisionInput = z.object({
  kind: DecisionKind,
  opportunityId: z.uuid().nullish(),
  packageId: z.uuid().nullish(),
  variantId: z.uuid().nullish(),
  pillarId: z.uuid().nullish(),
  personaId: z.uuid().nullish(),
  channel: Channel.nullish(),
  patternId: z.uuid().nullish(),
  reason: Text(MAX_DECISION_REASON).nullish(),
  /** The hard rules the person overrode with this decision (the reason says why). */
  overridden: z.array(Text(MAX_DECISION_REASON)).max(50).default([]),
  /** The person who decided; null only for work no person started (a script). */
  userId: z.uuid().nullish(),
});
export type RecordDecisionInput = z.input<typeof RecordDecisionInput>;

export const ListDecisionsInput = z.object({
  limit: z.int().min(1).max(MAX_DECISIONS_PAGE).default(DEFAULT_DECISIONS_PAGE),
  /** Only decisions made at or after this moment. */
  since: z.date().optional(),
});
export type ListDecisionsInput = z.input<typeof ListDecisionsInput>;

export const DecisionDTO = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  kind: DecisionKind,
  opportunityId: z.uuid().nullable(),
  packageId: z.uuid().nullable(),
  variantId: z.uuid().nullable(),
  pillarId: z.uuid().nullable(),
  personaId: z.uuid().nullable(),
  channel: Channel.nullable(),
  patternId: z.uuid().nullable(),
  reason: z.string().nullable(),
  overridden: z.array(z.string()),
  userId: z.uuid().nullable(),
  decidedAt: z.date(),
});
export type DecisionDTO = z.infer<typeof DecisionDTO>;

/** Who made a triage or publishing decision; procedures fill it from the signed-in viewer. */
export const DecidedBy = { decidedByUserId: z.uuid().nullish() };
