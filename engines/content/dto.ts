import { z } from 'zod';
import { WALL_TIME } from '../../lib/time-zones';
import { DecidedBy, MAX_DECISION_REASON } from '../decisions/dto';
import { Channel, DecisionKind, PackageCreatedVia, PackageStatus, VariantStatus } from '../enums';
import { OpportunityDTO } from '../opportunities/dto';
import { PatternRecommendation } from '../patterns/dto';
import { StorableRecord, storableString, Text } from '../text';

/** The longest text a variant may hold: the longest channel limit (newsletter). */
export const MAX_VARIANT_TEXT = 20_000;
export const MAX_CORE_ARGUMENT = 2_000;
export const MAX_THESIS_ITEMS = 10;
export const MAX_THESIS_ITEM = 500;

/**
 * No post Kairo tracks went out before this. A fixed floor, not the variant's createdAt: publication
 * times come from the engine's clock and from imports of earlier posts, createdAt from the database's.
 * It also keeps absurd dates (year -250000) from reaching a timestamptz column that cannot hold them.
 */
export const EARLIEST_PUBLICATION = new Date('2000-01-01T00:00:00Z');

// ----- inputs -----

export const ListPackagesInput = z.object({
  status: PackageStatus.optional(),
  limit: z.int().min(1).max(100).default(20),
  offset: z.int().min(0).default(0),
});
export type ListPackagesInput = z.input<typeof ListPackagesInput>;

export const PackageChannels = z
  .array(Channel)
  .min(1)
  .max(Channel.options.length)
  .refine((channels) => new Set(channels).size === channels.length, { message: 'channels must be distinct' });

export const CreatePackageFromOpportunityInput = z.object({
  opportunityId: z.uuid(),
  channels: PackageChannels,
  createdByUserId: z.uuid(),
  idempotencyKey: Text(200).optional(),
});
export type CreatePackageFromOpportunityInput = z.input<typeof CreatePackageFromOpportunityInput>;

/** The progress of the build started with `idempotencyKey` for `channels`. */
export const PackageBuildProgressInput = CreatePackageFromOpportunityInput.pick({ idempotencyKey: true, channels: true }).required();
export type PackageBuildProgressInput = z.input<typeof PackageBuildProgressInput>;

/** New drafts for one channel of a package (F2 regeneration), asked for by `requestedByUserId`. */
export const RegenerateVariantsInput = z.object({ packageId: z.uuid(), channel: Channel, requestedByUserId: z.uuid() });
export type RegenerateVariantsInput = z.input<typeof RegenerateVariantsInput>;

const ThesisItem = Text(MAX_THESIS_ITEM);

export const UpdatePackageThesisInput = z.object({
  packageId: z.uuid(),
  coreArgument: Text(MAX_CORE_ARGUMENT),
  keyPoints: z.array(ThesisItem).max(MAX_THESIS_ITEMS),
  risksToAvoid: z.array(ThesisItem).max(MAX_THESIS_ITEMS),
});
export type UpdatePackageThesisInput = z.input<typeof UpdatePackageThesisInput>;

export const VariantText = storableString()
  .max(MAX_VARIANT_TEXT)
  .refine((text) => text.trim().length > 0, 'must not be blank');

export const CreateVariantInput = z.object({
  packageId: z.uuid(),
  channel: Channel,
  patternTemplateId: z.uuid().nullish(),
  draftText: VariantText,
  rationale: storableString().max(2_000).nullish(),
  safetyFlags: z.array(Text(200)).max(20).default([]),
  generatedByModel: Text(200).nullish(),
  /** The bounded context the drafting node saw; kept for audit, never returned in a DTO. */
  rawPromptContext: StorableRecord().nullish(),
});
export type CreateVariantInput = z.input<typeof CreateVariantInput>;

/** Most drafts stored at once: a build's drafts for every channel (six, at most three each), with room to spare. */
export const MAX_VARIANTS_PER_CREATE = 30;

/** Drafts of one package stored together (an F2 build's, every channel's), in this order. */
export const CreateVariantsInput = z.object({
  packageId: z.uuid(),
  variants: z
    .array(CreateVariantInput.omit({ packageId: true }))
    .min(1)
    .max(MAX_VARIANTS_PER_CREATE),
});
export type CreateVariantsInput = z.input<typeof CreateVariantsInput>;

/** One package of the brand. */
export const PackageRef = z.object({ packageId: z.uuid() });
export type PackageRef = z.input<typeof PackageRef>;

/**
 * A person's override of the hard rules (a taboo, the channel limit, an empty or invalid draft, a
 * draft never approved): the move goes ahead and the reason is recorded with what it overrode.
 */
export const Override = z.object({ reason: Text(MAX_DECISION_REASON) });
export type Override = z.input<typeof Override>;

/**
 * A move along draft → in_review → approved (or back to draft, which needs a `note` saying why).
 * Scheduled and published follow from the variants; archived is packages.archive. Every move is
 * logged as a decision by `decidedByUserId`.
 */
export const UpdatePackageStatusInput = PackageRef.extend({
  status: PackageStatus,
  note: Text(MAX_DECISION_REASON).optional(),
  override: Override.optional(),
  ...DecidedBy,
});
export type UpdatePackageStatusInput = z.input<typeof UpdatePackageStatusInput>;

/** One variant of the brand. */
export const VariantRef = z.object({ variantId: z.uuid() });
export type VariantRef = z.input<typeof VariantRef>;

/** Variants of the brand, handled together (F2's fresh drafts). */
export const VariantRefs = z.object({ variantIds: z.array(z.uuid()).min(1).max(MAX_VARIANTS_PER_CREATE) });
export type VariantRefs = z.input<typeof VariantRefs>;

/**
 * A person's edit: it becomes the active text unless an approved text overrides it. `expectedUpdatedAt`
 * is the `updatedAt` of the version the edit was made on: when the variant has changed since (someone
 * else saved, approved or scheduled it), the edit is refused instead of overwriting that change.
 */
export const UpdateVariantTextInput = VariantRef.extend({ text: VariantText, expectedUpdatedAt: z.coerce.date().optional(), ...DecidedBy });
export type UpdateVariantTextInput = z.input<typeof UpdateVariantTextInput>;

/** Archive or restore a package; logged as a decision by `decidedByUserId`. */
export const PackageDecisionInput = PackageRef.extend({ ...DecidedBy });
export type PackageDecisionInput = z.input<typeof PackageDecisionInput>;

/** Approve or unschedule one variant (an override lets a variant that breaks a hard rule be approved). */
export const VariantDecisionInput = VariantRef.extend({ override: Override.optional(), ...DecidedBy });
export type VariantDecisionInput = z.input<typeof VariantDecisionInput>;

/** Set one draft aside for good, with an optional note saying why. */
export const RejectVariantInput = VariantRef.extend({ note: Text(MAX_DECISION_REASON).optional(), ...DecidedBy });
export type RejectVariantInput = z.input<typeof RejectVariantInput>;

/**
 * Schedule (or reschedule) a variant for `scheduledFor`, a wall time YYYY-MM-DDTHH:mm on the brand's
 * clock (brands.time_zone): what a person types into the schedule control, converted by the engine.
 */
export const ScheduleVariantInput = VariantRef.extend({
  scheduledFor: z.string().regex(WALL_TIME, 'must be a date and time, YYYY-MM-DDTHH:mm'),
  override: Override.optional(),
  ...DecidedBy,
});
export type ScheduleVariantInput = z.input<typeof ScheduleVariantInput>;

/** A link to the post on its platform: http(s) only, so it is safe to show as a link. */
export const PostUrl = storableString()
  .trim()
  .max(2_000)
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), 'must be an http(s) link to the post');

/**
 * The variant went out: its post link `postUrl` and/or the platform's post id `externalPostId` (the
 * link stands in for the id when only the link is given), at `publishedAt` (default: now). The engine
 * refuses a mark with neither (a refinement here would keep procedures from omitting `decidedByUserId`).
 */
export const MarkVariantPublishedInput = VariantRef.extend({
  externalPostId: Text(200).optional(),
  postUrl: PostUrl.optional(),
  publishedAt: z.date().optional(),
  override: Override.optional(),
  ...DecidedBy,
});
export type MarkVariantPublishedInput = z.input<typeof MarkVariantPublishedInput>;

/** Regeneration's replacement of a channel's untouched drafts made before `createdBefore`, all but `keep`. */
export const RetireDraftsInput = PackageRef.extend({ channel: Channel, keep: z.array(z.uuid()), createdBefore: z.date() });
export type RetireDraftsInput = z.input<typeof RetireDraftsInput>;

export const WorkspaceWarning = z.object({
  channel: Channel.optional(),
  node: z.string().min(1).max(120),
  message: z.string().min(1).max(2_000),
});
export type WorkspaceWarning = z.infer<typeof WorkspaceWarning>;

export const WorkspaceViewOptions = z.object({ warnings: z.array(WorkspaceWarning).default([]) });
export type WorkspaceViewOptions = z.input<typeof WorkspaceViewOptions>;

// ----- outputs -----

export const PackageDTO = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  title: z.string(),
  status: PackageStatus,
  originOpportunityId: z.uuid().nullable(),
  personaId: z.uuid().nullable(),
  pillarId: z.uuid().nullable(),
  channels: z.array(Channel),
  coreArgument: z.string().nullable(),
  keyPoints: z.array(z.string()),
  risksToAvoid: z.array(z.string()),
  plannedPublishStart: z.date().nullable(),
  plannedPublishEnd: z.date().nullable(),
  ownerUserId: z.uuid().nullable(),
  notes: z.string().nullable(),
  createdVia: PackageCreatedVia,
  idempotencyKey: z.string().nullable(),
  /** The state an archived package had; restore returns it there. */
  archivedFrom: PackageStatus.nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
});
export type PackageDTO = z.infer<typeof PackageDTO>;

export const CreatePackageResult = z.object({
  package: PackageDTO,
  /** False when the idempotency key matched a package created earlier; that package is returned. */
  created: z.boolean(),
});
export type CreatePackageResult = z.infer<typeof CreatePackageResult>;

export const VariantDTO = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  packageId: z.uuid(),
  channel: Channel,
  status: VariantStatus,
  patternTemplateId: z.uuid().nullable(),
  /** The name of the pattern the draft was written from; null without one. */
  patternName: z.string().nullable(),
  draftText: z.string().nullable(),
  editedText: z.string().nullable(),
  approvedText: z.string().nullable(),
  rationale: z.string().nullable(),
  safetyFlags: z.array(z.string()),
  generatedByModel: z.string().nullable(),
  proposedAt: z.date().nullable(),
  scheduledPublishAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  externalPostId: z.string().nullable(),
  postUrl: z.string().nullable(),
  lastEvaluatedAt: z.date().nullable(),
  evalScore: z.int().min(0).max(100).nullable(),
  evalNotes: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  deletedAt: z.date().nullable(),
  /** The active text: approvedText, else editedText, else draftText, else ''. */
  text: z.string(),
  withinChannelLimit: z.boolean(),
});
export type VariantDTO = z.infer<typeof VariantDTO>;

/** One step of a package's history: a decision about it or one of its variants, by whom and when. */
export const PackageHistoryEntry = z.object({
  id: z.uuid(),
  kind: DecisionKind,
  variantId: z.uuid().nullable(),
  channel: Channel.nullable(),
  /** The note (back to draft), the override's reason, or what was scheduled for when. */
  reason: z.string().nullable(),
  /** The hard rules an override went past; empty without one. */
  overridden: z.array(z.string()),
  userId: z.uuid().nullable(),
  /** The person's display name; null for a script or a person no longer known. */
  userName: z.string().nullable(),
  decidedAt: z.date(),
});
export type PackageHistoryEntry = z.infer<typeof PackageHistoryEntry>;

export const PackageWorkspaceView = z.object({
  package: PackageDTO,
  opportunity: OpportunityDTO.nullable(),
  /** One entry per package channel, in the package's channel order; a channel with no variant has []. */
  variantsByChannel: z.partialRecord(Channel, z.array(VariantDTO)),
  strategy: z.object({ toneTags: z.array(z.string()), taboos: z.array(z.string()) }),
  recommendedPatterns: z.partialRecord(Channel, z.array(PatternRecommendation)),
  warnings: z.array(WorkspaceWarning),
});
export type PackageWorkspaceView = z.infer<typeof PackageWorkspaceView>;

/** The text a variant shows and publishes: approvedText, else editedText, else draftText, else ''. */
export function activeText(variant: { approvedText: string | null; editedText: string | null; draftText: string | null }): string {
  return variant.approvedText ?? variant.editedText ?? variant.draftText ?? '';
}
