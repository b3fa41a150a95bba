import { z } from 'zod';
import { MAX_VARIANT_TEXT } from '../../../../engines/content/dto';
import { Channel } from '../../../../engines/enums';
import { CONTEXT_LIMITS } from './package-context';

export const MAX_VARIANTS_PER_CHANNEL = 3;
/** How much of a person's edited draft goes into the prompt as the style to follow. */
export const MAX_STYLE_REFERENCE = 1_500;
/** Enough beats for any pattern's shape; each beat is a short instruction. */
export const MAX_PATTERN_BEATS = 8;
/** The openings regeneration asks the writer to avoid: the channel's latest drafts. */
export const MAX_PREVIOUS_OPENINGS = 6;

export const VariantDraft = z.object({
  rawText: z.string().trim().min(1).max(MAX_VARIANT_TEXT),
  rationale: z.string().trim().min(1).max(600),
  safetyFlags: z.array(z.string().trim().min(1).max(200)).max(10),
});
export type VariantDraft = z.infer<typeof VariantDraft>;

/** What the variant writer answers: the drafts for one channel. */
export const VariantDrafts = z.object({
  variants: z.array(VariantDraft).min(1).max(MAX_VARIANTS_PER_CHANNEL),
});
export type VariantDrafts = z.infer<typeof VariantDrafts>;

/** The variant writer's bounded input: one channel, its limit, the thesis, the chosen pattern. */
export const VariantPlanInput = z.object({
  channel: Channel,
  charLimit: z.int().positive(),
  brandName: z.string().max(CONTEXT_LIMITS.name),
  toneTags: z.array(z.string().max(CONTEXT_LIMITS.tag)).max(CONTEXT_LIMITS.tags),
  taboos: z.array(z.string().max(CONTEXT_LIMITS.taboo)).max(CONTEXT_LIMITS.taboos),
  opportunity: z.object({ title: z.string().max(CONTEXT_LIMITS.title), angle: z.string().max(CONTEXT_LIMITS.angle) }),
  persona: z
    .object({ name: z.string().max(CONTEXT_LIMITS.name), channelNote: z.string().max(CONTEXT_LIMITS.listItem).nullable() })
    .nullable(),
  /** The package's thesis; looser than the thesis node's output, since a person may have trimmed it. */
  thesis: z.object({
    coreArgument: z.string().max(600),
    supportingPoints: z.array(z.string().max(300)).max(5),
    risksToAvoid: z.array(z.string().max(300)).max(5),
  }),
  pattern: z
    .object({
      name: z.string().max(120),
      beats: z.array(z.string().max(80)).max(MAX_PATTERN_BEATS),
      exampleSnippet: z.string().max(500).nullable(),
    })
    .nullable(),
  /** A person's edited draft of this channel, when regenerating: the voice and length to follow. */
  styleReference: z.string().max(MAX_STYLE_REFERENCE).nullable(),
  maxVariants: z.int().min(1).max(MAX_VARIANTS_PER_CHANNEL),
  /** How the channel's current drafts begin, when regenerating: new drafts should open differently. */
  previousOpenings: z.array(z.string().max(80)).max(MAX_PREVIOUS_OPENINGS),
});
export type VariantPlanInput = z.infer<typeof VariantPlanInput>;
