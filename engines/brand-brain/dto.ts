import { z } from 'zod';
import { Channel, MembershipRole, PersonaPriority } from '../enums';
import { StorableRecord, Text } from '../text';

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
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type PillarDTO = z.infer<typeof PillarDTO>;

/** What flows and pages write within: the brand's voice, its people and its (active) pillars. */
export const BrandStrategyView = z.object({
  brandId: z.uuid(),
  brandName: z.string(),
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

export const UpsertBrandInput = z.object({
  /** Set → update that brand of the tenant; unset → create one. */
  id: z.uuid().optional(),
  name: Text(120),
  /** Lowercase words joined by single hyphens; unique within the tenant. */
  slug: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase letters and digits, words joined by single hyphens'),
  primaryChannel: Channel,
  /** One entry per channel; must include primaryChannel. */
  channels: z
    .array(z.object({ channel: Channel, handle: Text(100) }))
    .min(1)
    .max(Channel.options.length),
  /** One to three sentences. */
  positioning: Text(600),
  toneTags: z.array(Text(40)).max(12).default([]),
  taboos: z.array(Text(120)).max(30).default([]),
  /** Omitted on an update → the stored metadata is kept. */
  metadata: StorableRecord().optional(),
});
export type UpsertBrandInput = z.input<typeof UpsertBrandInput>;

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
});
export type UpsertPillarInput = z.input<typeof UpsertPillarInput>;

export const ListPillarsInput = z.object({
  includeInactive: z.boolean().default(false),
});
export type ListPillarsInput = z.input<typeof ListPillarsInput>;
