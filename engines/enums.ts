import { z } from 'zod';

// Each enum is defined once here; the SQL check constraints in supabase/migrations spell the same
// values, and engines/db/enums.test.ts fails if the two drift apart.

export const Channel = z.enum(['linkedin', 'x', 'newsletter', 'instagram', 'youtube', 'tiktok']);
export type Channel = z.infer<typeof Channel>;

/** Character limits the guard rail enforces; channels without a platform limit use the default. */
export const DEFAULT_CHANNEL_LIMIT = 5_000;
export const CHANNEL_LIMITS: Record<Channel, number> = {
  x: 280,
  linkedin: 3_000,
  newsletter: 20_000,
  instagram: 2_200,
  youtube: DEFAULT_CHANNEL_LIMIT,
  tiktok: 2_200,
};

export const OpportunityType = z.enum(['trend', 'evergreen', 'competitive', 'campaign']);
export type OpportunityType = z.infer<typeof OpportunityType>;

export const OpportunityCreatedVia = z.enum(['manual', 'ingestion', 'llm_proposed']);
export type OpportunityCreatedVia = z.infer<typeof OpportunityCreatedVia>;

export const PackageStatus = z.enum(['draft', 'in_review', 'approved', 'scheduled', 'published', 'archived']);
export type PackageStatus = z.infer<typeof PackageStatus>;

export const PackageCreatedVia = z.enum(['manual', 'from_opportunity', 'import']);
export type PackageCreatedVia = z.infer<typeof PackageCreatedVia>;

export const VariantStatus = z.enum(['draft', 'edited', 'approved', 'scheduled', 'published', 'rejected']);
export type VariantStatus = z.infer<typeof VariantStatus>;

export const PatternStatus = z.enum(['active', 'experimental', 'retired']);
export type PatternStatus = z.infer<typeof PatternStatus>;

export const PatternCategory = z.enum(['evergreen', 'launch', 'education', 'engagement']);
export type PatternCategory = z.infer<typeof PatternCategory>;

export const ExecutionEventType = z.enum(['impression', 'click', 'like', 'comment', 'share', 'save', 'profile_visit', 'link_click']);
export type ExecutionEventType = z.infer<typeof ExecutionEventType>;

export const ExecutionSource = z.enum(['platform_webhook', 'csv_import', 'manual_entry', 'test_fixture']);
export type ExecutionSource = z.infer<typeof ExecutionSource>;

export const LearningSignalType = z.enum([
  'pattern_performance_update',
  'opportunity_score_update',
  'variant_performance_summary',
  'guardrail_violation',
  'decision_weight_update',
]);
export type LearningSignalType = z.infer<typeof LearningSignalType>;

export const SourceKind = z.enum(['feed', 'note']);
export type SourceKind = z.infer<typeof SourceKind>;

/** A triage decision a person made; the learning update turns a window of them into small weights. */
export const DecisionKind = z.enum([
  'pinned',
  'unpinned',
  'snoozed',
  'dismissed',
  'opened_as_package',
  'sent_to_review',
  'variant_edited',
  'variant_published',
  // The package lifecycle (issue 12): every step a person takes, the package's history.
  'approved',
  'sent_back_to_draft',
  'archived',
  'restored',
  'variant_approved',
  'variant_scheduled',
  'variant_rescheduled',
  'variant_unscheduled',
  'variant_rejected',
  // A person's edit of a package thesis (issue 12, point 3); an override of the package rules is recorded with it.
  'thesis_edited',
]);
export type DecisionKind = z.infer<typeof DecisionKind>;

/** What a decision weight is about: a pillar, persona or pattern (by id) or a channel (by name). */
export const DecisionDimension = z.enum(['pillar', 'persona', 'channel', 'pattern']);
export type DecisionDimension = z.infer<typeof DecisionDimension>;

export const MembershipRole = z.enum(['owner', 'admin', 'member']);
export type MembershipRole = z.infer<typeof MembershipRole>;

/** An invite never makes an owner: ownership is handed over by an owner changing a member's role. */
export const InviteRole = z.enum(['admin', 'member']);
export type InviteRole = z.infer<typeof InviteRole>;

/** How much a persona matters to the brand's strategy; at most three are 'high' in a calibrated brand. */
export const PersonaPriority = z.enum(['high', 'medium', 'low']);
export type PersonaPriority = z.infer<typeof PersonaPriority>;

export const FlowName = z.enum([
  'f0_strategy',
  'f1_today',
  'f1_summary',
  'f2_package_build',
  'f2_regenerate',
  'f3_learning',
  'f3_summary',
  'opportunity_generation',
  'variant_evaluation',
]);
export type FlowName = z.infer<typeof FlowName>;

/** `interrupted`: the run's process died before it finished; the sweep marked it past its budget. */
export const FlowRunStatus = z.enum(['running', 'succeeded', 'succeeded_with_warnings', 'failed', 'interrupted']);
export type FlowRunStatus = z.infer<typeof FlowRunStatus>;

export const FlowRunEventKind = z.enum(['input', 'engine_mutation', 'llm_output', 'soft_error', 'hard_error', 'output']);
export type FlowRunEventKind = z.infer<typeof FlowRunEventKind>;
