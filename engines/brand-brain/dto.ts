import { z } from 'zod';
import { SLUG_MAX_LENGTH, SLUG_PATTERN } from '../../lib/slug';
import { isTimeZone } from '../../lib/time-zones';
import { Channel, MembershipRole, PersonaPriority } from '../enums';
import { storableString, Text } from '../text';

/** Persona priorities: fewer than three says nothing, more than seven is no longer a priority list. */
export const MIN_PERSONA_PRIORITIES = 3;
export const MAX_PERSONA_PRIORITIES = 7;

// ----- outputs -----

export const BrandChannel = z.object({ channel: Channel, handle: z.string() });
export type BrandChannel = z.infer<typeof BrandChannel>;

export const BrandSummary = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  name: z.string(),
  slug: z.string(),
  primaryChannel: Channel,
  channels: z.array(BrandChannel),
  positioning: z.string(),
  toneTags: z.array(z.string()),
  taboos: z.array(z.string()),
  /** IANA zone the brand's schedules are chosen and shown in. */
  timeZone: z.string(),
});
export type BrandSummary = z.infer<typeof BrandSummary>;

export const PersonaDTO = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  name: z.string(),
  role: z.string().nullable(),
  summary: z.string(),
  priorities: z.array(z.string()),
  pains: z.array(z.string()),
  successMetrics: z.array(z.string()),
  channelBiases: z.partialRecord(Channel, z.string()),
  priority: PersonaPriority,
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PersonaDTO = z.infer<typeof PersonaDTO>;

export const PillarDTO = z.object({
  id: z.uuid(),
  brandId: z.uuid(),
  name: z.string(),
  category: z.string().nullable(),
  description: z.string(),
  priorityRank: z.int().min(1).nullable(),
  isActive: z.boolean(),
  /** Exempt from the 60% share of the board that generated ideas may give one pillar. */
  isDominant: z.boolean(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PillarDTO = z.infer<typeof PillarDTO>;

/** What flows and pages write within: the brand's voice, its people and its (active) pillars. */
export const BrandStrategyView = z.object({
  brandId: z.uuid(),
  brandName: z.string(),
  /** IANA zone the brand's schedules are chosen and shown in. */
  timeZone: z.string(),
  positioning: z.string(),
  toneTags: z.array(z.string()),
  taboos: z.array(z.string()),
  primaryChannel: Channel,
  channels: z.array(BrandChannel),
  /** By name. */
  personas: z.array(PersonaDTO),
  /** Active pillars by priority rank (unranked last), then name. */
  pillars: z.array(PillarDTO),
});
export type BrandStrategyView = z.infer<typeof BrandStrategyView>;

export const BrandWithStrategy = z.object({ brand: BrandSummary, strategy: BrandStrategyView });
export type BrandWithStrategy = z.infer<typeof BrandWithStrategy>;

export const UserBrandDTO = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  tenantName: z.string(),
  name: z.string(),
  slug: z.string(),
  /** The user's role in the brand's tenant. */
  role: MembershipRole,
});
export type UserBrandDTO = z.infer<typeof UserBrandDTO>;

// ----- inputs -----

/** Lowercase words joined by single hyphens (the brands table's own check); unique within the tenant. */
const Slug = z.string().trim().max(SLUG_MAX_LENGTH).regex(SLUG_PATTERN, 'lowercase letters and digits, words joined by single hyphens');

/** A handle may stay empty: a person often sets up the brand before they know every account name. */
const BrandChannelInput = z.object({ channel: Channel, handle: storableString().trim().max(100).default('') });

/** One entry per channel (the engine refuses a channel listed twice). */
const BrandChannels = z.array(BrandChannelInput).max(Channel.options.length);

/** An IANA time zone name this runtime knows ("Europe/Berlin", "UTC"). */
export const BrandTimeZone = z.string().trim().max(64).refine(isTimeZone, 'must be an IANA time zone such as Europe/Berlin or UTC');

export const CreateBrandInput = z.object({
  name: Text(120),
  /** Omitted → derived from the name (lib/slug.ts). */
  slug: Slug.optional(),
  /** Added to the channels when they do not list it. */
  primaryChannel: Channel,
  channels: BrandChannels.default([]),
});
export type CreateBrandInput = z.input<typeof CreateBrandInput>;

/** Only the fields given change. A primary channel the channels lack is added to them, as on create. */
export const UpdateBrandInput = z.object({
  name: Text(120).optional(),
  slug: Slug.optional(),
  primaryChannel: Channel.optional(),
  /** Replaces the whole list. */
  channels: BrandChannels.optional(),
  timeZone: BrandTimeZone.optional(),
});
export type UpdateBrandInput = z.input<typeof UpdateBrandInput>;

export const UpsertPersonaInput = z.object({
  id: z.uuid().optional(),
  name: Text(120),
  role: Text(120).nullish(),
  summary: Text(1_000),
  priorities: z.array(Text(200)).min(MIN_PERSONA_PRIORITIES).max(MAX_PERSONA_PRIORITIES),
  pains: z.array(Text(200)).max(20).default([]),
  successMetrics: z.array(Text(200)).max(20).default([]),
  channelBiases: z.partialRecord(Channel, Text(500)).default({}),
  /** At most three of a brand's personas are 'high'. */
  priority: PersonaPriority.default('medium'),
});
export type UpsertPersonaInput = z.input<typeof UpsertPersonaInput>;

export const UpsertPillarInput = z.object({
  id: z.uuid().optional(),
  /** Unique within the brand, ignoring case. */
  name: Text(120),
  category: Text(60).nullish(),
  description: Text(1_000),
  /** 1 = first; unique within the brand; null = unranked. */
  priorityRank: z.int().min(1).max(1_000).nullish(),
  isActive: z.boolean().default(true),
  /** Left as stored when absent. */
  isDominant: z.boolean().optional(),
});
export type UpsertPillarInput = z.input<typeof UpsertPillarInput>;

export const ListPillarsInput = z.object({
  includeInactive: z.boolean().default(false),
});
export type ListPillarsInput = z.input<typeof ListPillarsInput>;
