import { z } from 'zod';
import { DecidedBy } from '../../decisions/dto';
import { Text } from '../../text';
import { MAX_CORE_ARGUMENT, MAX_THESIS_ITEM, MAX_THESIS_ITEMS, Override } from '../dto';

/** The longest eval_notes the engine stores: one line per check and judged dimension. */
export const MAX_EVAL_NOTES = 4_000;

const ThesisItems = z.array(Text(MAX_THESIS_ITEM)).max(MAX_THESIS_ITEMS);

/**
 * A person's (or F2's guard rail's) edit of the package thesis: only the fields given change. The
 * edited fields pass the package rubric's text rules (taboo, another brand, template or model text,
 * a vacuous core argument); a breach is refused with the field named unless `override: {reason}` is
 * given. A person's edit (`decidedByUserId`) is a `thesis_edited` decision, with what it overrode.
 * `title` is F2's repaired title.
 */
export const EditPackageThesisInput = z.object({
  packageId: z.uuid(),
  title: Text(200).optional(),
  coreArgument: Text(MAX_CORE_ARGUMENT).optional(),
  keyPoints: ThesisItems.optional(),
  risksToAvoid: ThesisItems.optional(),
  override: Override.optional(),
  ...DecidedBy,
});
export type EditPackageThesisInput = z.input<typeof EditPackageThesisInput>;

/** A stored evaluation of one variant: the rubric's 0–100 and its reasons, one per line. */
export const RecordVariantEvaluationInput = z.object({
  variantId: z.uuid(),
  evalScore: z.int().min(0).max(100),
  evalNotes: Text(MAX_EVAL_NOTES),
});
export type RecordVariantEvaluationInput = z.input<typeof RecordVariantEvaluationInput>;
