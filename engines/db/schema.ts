import { sql } from 'drizzle-orm';
import { boolean, doublePrecision, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import {
  Channel,
  DecisionDimension,
  DecisionKind,
  ExecutionEventType,
  ExecutionSource,
  FlowName,
  FlowRunEventKind,
  FlowRunStatus,
  InviteRole,
  LearningSignalType,
  MembershipRole,
  OpportunityCreatedVia,
  OpportunityType,
  PackageCreatedVia,
  PackageStatus,
  PatternCategory,
  PatternStatus,
  PersonaPriority,
  SourceKind,
  VariantStatus,
} from '../enums';

// Mirrors supabase/migrations (the source of truth for DDL); used for typed queries only.

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

const timestamps = {
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
  deletedAt: ts('deleted_at'),
};

/** A zod enum's values as the non-empty tuple `text(…, { enum })` types its column by (zod gives a plain array). */
const values = <Value extends string>(schema: { options: Value[] }) => schema.options as [Value, ...Value[]];

const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);

const tenantScoped = {
  tenantId: uuid('tenant_id').notNull(),
  brandId: uuid('brand_id').notNull(),
};

export const tenants = pgTable('tenants', {
  id: id(),
  name: text('name').notNull(),
  ...timestamps,
});

export const userProfiles = pgTable('user_profiles', {
  userId: uuid('user_id').primaryKey(),
  email: text('email').notNull(),
  displayName: text('display_name').notNull(),
  ...timestamps,
});

export const memberships = pgTable('memberships', {
  id: id(),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull(),
  role: text('role', { enum: values(MembershipRole) }).notNull(),
  ...timestamps,
});

export const workspaceInvites = pgTable('workspace_invites', {
  id: id(),
  tenantId: uuid('tenant_id').notNull(),
  email: text('email').notNull(),
  role: text('role', { enum: values(InviteRole) }).notNull(),
  invitedByUserId: uuid('invited_by_user_id').notNull(),
  acceptedByUserId: uuid('accepted_by_user_id'),
  acceptedAt: ts('accepted_at'),
  revokedAt: ts('revoked_at'),
  ...timestamps,
});

export const brands = pgTable('brands', {
  id: id(),
  tenantId: uuid('tenant_id').notNull(),
  name: text('name').notNull(),
  slug: text('slug').notNull(),
  primaryChannel: text('primary_channel', { enum: values(Channel) }).notNull(),
  channels: jsonb('channels').$type<{ channel: Channel; handle: string }[]>().notNull(),
  positioning: text('positioning').notNull(),
  toneTags: text('tone_tags').array().notNull(),
  taboos: text('taboos').array().notNull(),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull(),
  archivedAt: ts('archived_at'),
  /** IANA zone the brand's schedules are chosen in. */
  timeZone: text('time_zone').notNull().default('UTC'),
  ...timestamps,
});

export const personas = pgTable('personas', {
  id: id(),
  ...tenantScoped,
  name: text('name').notNull(),
  role: text('role'),
  summary: text('summary').notNull(),
  priorities: text('priorities').array().notNull(),
  pains: text('pains').array().notNull(),
  successMetrics: text('success_metrics').array().notNull(),
  channelBiases: jsonb('channel_biases').$type<Partial<Record<Channel, string>>>().notNull(),
  priority: text('priority', { enum: values(PersonaPriority) })
    .notNull()
    .default('medium'),
  ...timestamps,
});

export const contentPillars = pgTable('content_pillars', {
  id: id(),
  ...tenantScoped,
  name: text('name').notNull(),
  category: text('category'),
  description: text('description').notNull(),
  priorityRank: integer('priority_rank'),
  isActive: boolean('is_active').notNull(),
  isDominant: boolean('is_dominant').notNull().default(false),
  ...timestamps,
});

export const patternTemplates = pgTable('pattern_templates', {
  id: id(),
  tenantId: uuid('tenant_id').notNull(),
  brandId: uuid('brand_id'),
  name: text('name').notNull(),
  category: text('category', { enum: values(PatternCategory) }).notNull(),
  status: text('status', { enum: values(PatternStatus) }).notNull(),
  beats: text('beats').array().notNull(),
  supportedChannels: text('supported_channels', { enum: values(Channel) })
    .array()
    .notNull(),
  exampleSnippet: text('example_snippet'),
  performanceHint: text('performance_hint'),
  usageCount: integer('usage_count').notNull(),
  lastUsedAt: ts('last_used_at'),
  avgEngagementScore: doublePrecision('avg_engagement_score'),
  ...timestamps,
});

export const opportunities = pgTable('opportunities', {
  id: id(),
  ...tenantScoped,
  type: text('type', { enum: values(OpportunityType) }).notNull(),
  score: integer('score').notNull(),
  baseScore: integer('base_score').notNull(),
  learnedAdjustment: integer('learned_adjustment').notNull(),
  scoreExplanation: text('score_explanation'),
  title: text('title').notNull(),
  angle: text('angle').notNull(),
  source: text('source').notNull(),
  sourceUrl: text('source_url'),
  dedupeKey: text('dedupe_key').notNull(),
  personaId: uuid('persona_id'),
  pillarId: uuid('pillar_id'),
  primaryChannel: text('primary_channel', { enum: values(Channel) }).notNull(),
  suggestedChannels: text('suggested_channels', { enum: values(Channel) })
    .array()
    .notNull(),
  isPinned: boolean('is_pinned').notNull(),
  snoozedUntil: ts('snoozed_until'),
  createdVia: text('created_via', { enum: values(OpportunityCreatedVia) }).notNull(),
  createdByUserId: uuid('created_by_user_id'),
  lastTouchedAt: ts('last_touched_at').notNull().defaultNow(),
  expiresAt: ts('expires_at'),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull(),
  dismissedAt: ts('dismissed_at'),
  dismissedReason: text('dismissed_reason'),
  whyNow: text('why_now'),
  /** The rubric's five sub-scores with their reasons, for a generated idea (engines/opportunities). */
  subScores: jsonb('sub_scores').$type<Record<string, unknown>>(),
  signalIds: uuid('signal_ids').array().notNull().default(sql`'{}'`),
  generationRunId: uuid('generation_run_id'),
  ...timestamps,
});

export const contentPackages = pgTable('content_packages', {
  id: id(),
  ...tenantScoped,
  title: text('title').notNull(),
  status: text('status', { enum: values(PackageStatus) }).notNull(),
  originOpportunityId: uuid('origin_opportunity_id'),
  personaId: uuid('persona_id'),
  pillarId: uuid('pillar_id'),
  channels: text('channels', { enum: values(Channel) })
    .array()
    .notNull(),
  coreArgument: text('core_argument'),
  keyPoints: text('key_points').array().notNull(),
  risksToAvoid: text('risks_to_avoid').array().notNull(),
  plannedPublishStart: ts('planned_publish_start'),
  plannedPublishEnd: ts('planned_publish_end'),
  ownerUserId: uuid('owner_user_id'),
  notes: text('notes'),
  createdVia: text('created_via', { enum: values(PackageCreatedVia) }).notNull(),
  idempotencyKey: text('idempotency_key'),
  /** The state an archived package had; a restore returns it there. */
  archivedFrom: text('archived_from', { enum: values(PackageStatus) }),
  ...timestamps,
});

export const variants = pgTable('variants', {
  id: id(),
  ...tenantScoped,
  packageId: uuid('package_id').notNull(),
  channel: text('channel', { enum: values(Channel) }).notNull(),
  status: text('status', { enum: values(VariantStatus) }).notNull(),
  patternTemplateId: uuid('pattern_template_id'),
  rawPromptContext: jsonb('raw_prompt_context').$type<Record<string, unknown>>(),
  draftText: text('draft_text'),
  editedText: text('edited_text'),
  approvedText: text('approved_text'),
  rationale: text('rationale'),
  safetyFlags: text('safety_flags').array().notNull(),
  generatedByModel: text('generated_by_model'),
  proposedAt: ts('proposed_at'),
  scheduledPublishAt: ts('scheduled_publish_at'),
  publishedAt: ts('published_at'),
  externalPostId: text('external_post_id'),
  postUrl: text('post_url'),
  lastEvaluatedAt: ts('last_evaluated_at'),
  evalScore: integer('eval_score'),
  evalNotes: text('eval_notes'),
  ...timestamps,
});

export const executionEvents = pgTable('execution_events', {
  id: id(),
  ...tenantScoped,
  variantId: uuid('variant_id').notNull(),
  channel: text('channel', { enum: values(Channel) }).notNull(),
  eventType: text('event_type', { enum: values(ExecutionEventType) }).notNull(),
  count: integer('count').notNull(),
  eventValue: doublePrecision('event_value'),
  source: text('source', { enum: values(ExecutionSource) }).notNull(),
  occurredAt: ts('occurred_at').notNull(),
  receivedAt: ts('received_at').notNull().defaultNow(),
  externalEventId: text('external_event_id'),
  metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull(),
  ...timestamps,
});

export const learningEvents = pgTable('learning_events', {
  id: id(),
  ...tenantScoped,
  signalType: text('signal_type', { enum: values(LearningSignalType) }).notNull(),
  subjectId: uuid('subject_id').notNull(),
  patternId: uuid('pattern_id'),
  opportunityId: uuid('opportunity_id'),
  variantId: uuid('variant_id'),
  decisionWeightId: uuid('decision_weight_id'),
  payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
  windowStart: ts('window_start').notNull(),
  windowEnd: ts('window_end').notNull(),
  effectiveAt: ts('effective_at').notNull().defaultNow(),
  ...timestamps,
});

export const flowRuns = pgTable('flow_runs', {
  id: id(),
  tenantId: uuid('tenant_id'),
  brandId: uuid('brand_id'),
  flow: text('flow', { enum: values(FlowName) }).notNull(),
  status: text('status', { enum: values(FlowRunStatus) }).notNull(),
  input: jsonb('input').$type<Record<string, unknown>>().notNull(),
  startedAt: ts('started_at').notNull().defaultNow(),
  finishedAt: ts('finished_at'),
  error: text('error'),
  createdByUserId: uuid('created_by_user_id'),
  /** The package an F2 run built or regenerated; null for other flows and for a discarded build. */
  packageId: uuid('package_id'),
  /** The time budget the run was started with; past it plus a margin, a run still running is interrupted. */
  budgetMs: integer('budget_ms'),
  ...timestamps,
});

export const flowRunEvents = pgTable('flow_run_events', {
  id: id(),
  tenantId: uuid('tenant_id'),
  brandId: uuid('brand_id'),
  runId: uuid('run_id').notNull(),
  seq: integer('seq').notNull(),
  node: text('node').notNull(),
  kind: text('kind', { enum: values(FlowRunEventKind) }).notNull(),
  payload: jsonb('payload').$type<unknown>().notNull(),
  at: ts('at').notNull().defaultNow(),
  ...timestamps,
});

export const ingestKeys = pgTable('ingest_keys', {
  id: id(),
  ...tenantScoped,
  name: text('name').notNull(),
  keyHash: text('key_hash').notNull(),
  lastUsedAt: ts('last_used_at'),
  revokedAt: ts('revoked_at'),
  ...timestamps,
});

export const learningWindowRuns = pgTable('learning_window_runs', {
  id: id(),
  ...tenantScoped,
  windowStart: ts('window_start').notNull(),
  windowEnd: ts('window_end').notNull(),
  evidenceFingerprint: text('evidence_fingerprint').notNull(),
  runId: uuid('run_id'),
  completedAt: ts('completed_at').notNull(),
  ...timestamps,
});

/** The learning cron's walk over every brand, per window (server only; no tenant). */
export const learningWalks = pgTable('learning_walks', {
  id: id(),
  windowStart: ts('window_start').notNull(),
  windowEnd: ts('window_end').notNull(),
  startAfter: uuid('start_after'),
  wrapped: boolean('wrapped').notNull().default(false),
  lastBrandId: uuid('last_brand_id'),
  completedAt: ts('completed_at'),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const sources = pgTable('sources', {
  id: id(),
  ...tenantScoped,
  kind: text('kind', { enum: values(SourceKind) }).notNull(),
  url: text('url'),
  title: text('title'),
  note: text('note'),
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastFetchedAt: ts('last_fetched_at'),
  itemCount: integer('item_count').notNull().default(0),
  lastError: text('last_error'),
  createdByUserId: uuid('created_by_user_id'),
  ...timestamps,
});

export const signals = pgTable('signals', {
  id: id(),
  ...tenantScoped,
  sourceId: uuid('source_id').notNull(),
  externalId: text('external_id').notNull(),
  title: text('title').notNull(),
  summary: text('summary').notNull().default(''),
  url: text('url'),
  publishedAt: ts('published_at'),
  usedAt: ts('used_at'),
  usedByRunId: uuid('used_by_run_id'),
  ...timestamps,
});

export const decisions = pgTable('decisions', {
  id: id(),
  ...tenantScoped,
  kind: text('kind', { enum: values(DecisionKind) }).notNull(),
  opportunityId: uuid('opportunity_id'),
  packageId: uuid('package_id'),
  variantId: uuid('variant_id'),
  pillarId: uuid('pillar_id'),
  personaId: uuid('persona_id'),
  channel: text('channel', { enum: values(Channel) }),
  patternId: uuid('pattern_id'),
  reason: text('reason'),
  /** The hard rules a person overrode with this decision (the reason says why). */
  overridden: text('overridden').array().notNull().default([]),
  userId: uuid('user_id'),
  decidedAt: ts('decided_at').notNull().defaultNow(),
  ...timestamps,
});

/** A brand's learned weight per pillar, persona, channel or pattern from the window's decisions (F3). */
export const decisionWeights = pgTable('decision_weights', {
  id: id(),
  ...tenantScoped,
  dimension: text('dimension', { enum: values(DecisionDimension) }).notNull(),
  key: text('key').notNull(),
  weight: doublePrecision('weight').notNull(),
  decisions: integer('decisions').notNull(),
  windowStart: ts('window_start').notNull(),
  windowEnd: ts('window_end').notNull(),
  ...timestamps,
});
