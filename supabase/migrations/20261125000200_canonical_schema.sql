-- The canonical objects of DESIGN.md §8. Enum values mirror engines/enums.ts (checked by a test).

create table tenants (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);

create table user_profiles (
  user_id uuid primary key,
  email text not null,
  display_name text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);

create table memberships (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  user_id uuid not null,
  role text not null check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (tenant_id, user_id)
);
create index memberships_user_idx on memberships (user_id) where deleted_at is null;

create table brands (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  name text not null check (length(name) between 1 and 120),
  slug text not null check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  primary_channel text not null check (primary_channel in ('linkedin', 'x', 'newsletter', 'instagram', 'youtube', 'tiktok')),
  channels jsonb not null default '[]'::jsonb,
  positioning text not null default '',
  tone_tags text[] not null default '{}',
  taboos text[] not null default '{}',
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (tenant_id, slug),
  -- lets child tables reference (tenant_id, id) so a row can never point at another tenant's brand
  unique (tenant_id, id)
);

create table personas (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  name text not null check (length(name) between 1 and 120),
  role text,
  summary text not null default '',
  priorities text[] not null default '{}',
  pains text[] not null default '{}',
  success_metrics text[] not null default '{}',
  channel_biases jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id)
);
create index personas_brand_idx on personas (brand_id) where deleted_at is null;

create table content_pillars (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  name text not null check (length(name) between 1 and 120),
  category text,
  description text not null default '',
  priority_rank integer check (priority_rank >= 1),
  is_active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id)
);
create unique index content_pillars_name_uq on content_pillars (brand_id, lower(name)) where deleted_at is null;
create unique index content_pillars_rank_uq on content_pillars (brand_id, priority_rank) where deleted_at is null and priority_rank is not null;

create table pattern_templates (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  brand_id uuid,
  name text not null check (length(name) between 1 and 120),
  category text not null check (category in ('evergreen', 'launch', 'education', 'engagement')),
  status text not null default 'active' check (status in ('active', 'experimental', 'deprecated')),
  beats text[] not null default '{}',
  supported_channels text[] not null default '{}',
  example_snippet text,
  performance_hint text,
  usage_count integer not null default 0 check (usage_count >= 0),
  last_used_at timestamptz,
  avg_engagement_score double precision check (avg_engagement_score between 0 and 100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id)
);
create index pattern_templates_tenant_idx on pattern_templates (tenant_id, brand_id) where deleted_at is null;

create table opportunities (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  type text not null check (type in ('trend', 'evergreen', 'competitive', 'campaign')),
  score integer not null check (score between 0 and 100),
  base_score integer not null check (base_score between 0 and 100),
  learned_adjustment integer not null default 0 check (learned_adjustment between -100 and 100),
  score_explanation text,
  title text not null check (length(title) between 1 and 200),
  angle text not null check (length(angle) between 1 and 2000),
  source text not null check (length(source) between 1 and 200),
  source_url text,
  dedupe_key text not null,
  persona_id uuid references personas (id),
  pillar_id uuid references content_pillars (id),
  primary_channel text not null check (primary_channel in ('linkedin', 'x', 'newsletter', 'instagram', 'youtube', 'tiktok')),
  suggested_channels text[] not null default '{}',
  is_pinned boolean not null default false,
  snoozed_until timestamptz,
  created_via text not null check (created_via in ('manual', 'ingestion', 'llm_proposed')),
  created_by_user_id uuid,
  last_touched_at timestamptz not null default now(),
  expires_at timestamptz,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id),
  check (primary_channel = any (suggested_channels))
);
-- Today board: live rows of a brand ranked pinned first, then score, then recency.
create index opportunities_board_idx on opportunities (brand_id, is_pinned desc, score desc, last_touched_at desc)
  where deleted_at is null;
create unique index opportunities_dedupe_uq on opportunities (brand_id, dedupe_key) where deleted_at is null;

create table content_packages (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  title text not null check (length(title) between 1 and 200),
  status text not null default 'draft' check (status in ('draft', 'in_review', 'scheduled', 'published', 'archived')),
  origin_opportunity_id uuid references opportunities (id),
  persona_id uuid references personas (id),
  pillar_id uuid references content_pillars (id),
  channels text[] not null check (cardinality(channels) >= 1),
  core_argument text,
  key_points text[] not null default '{}',
  risks_to_avoid text[] not null default '{}',
  planned_publish_start timestamptz,
  planned_publish_end timestamptz,
  owner_user_id uuid,
  notes text,
  created_via text not null check (created_via in ('manual', 'from_opportunity', 'import')),
  idempotency_key text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id),
  unique (brand_id, idempotency_key)
);
create index content_packages_brand_idx on content_packages (brand_id, created_at desc) where deleted_at is null;
create index content_packages_origin_idx on content_packages (origin_opportunity_id);

create table variants (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  package_id uuid not null references content_packages (id),
  channel text not null check (channel in ('linkedin', 'x', 'newsletter', 'instagram', 'youtube', 'tiktok')),
  status text not null default 'draft' check (status in ('draft', 'edited', 'approved', 'scheduled', 'published', 'rejected')),
  pattern_template_id uuid references pattern_templates (id),
  raw_prompt_context jsonb,
  draft_text text,
  edited_text text,
  approved_text text,
  rationale text,
  safety_flags text[] not null default '{}',
  generated_by_model text,
  proposed_at timestamptz,
  scheduled_publish_at timestamptz,
  published_at timestamptz,
  external_post_id text,
  last_evaluated_at timestamptz,
  eval_score integer check (eval_score between 0 and 100),
  eval_notes text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id),
  check (status <> 'scheduled' or scheduled_publish_at is not null),
  check (status <> 'published' or published_at is not null)
);
create index variants_package_idx on variants (package_id, channel) where deleted_at is null;
create unique index variants_external_post_uq on variants (brand_id, channel, external_post_id)
  where external_post_id is not null and deleted_at is null;

create table execution_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  variant_id uuid not null references variants (id),
  channel text not null check (channel in ('linkedin', 'x', 'newsletter', 'instagram', 'youtube', 'tiktok')),
  event_type text not null check (event_type in ('impression', 'click', 'like', 'comment', 'share', 'save', 'profile_visit', 'link_click')),
  count integer not null check (count >= 1),
  event_value double precision,
  source text not null check (source in ('platform_webhook', 'csv_import', 'manual_entry', 'test_fixture')),
  occurred_at timestamptz not null,
  received_at timestamptz not null default now(),
  external_event_id text,
  metadata jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id),
  unique (brand_id, channel, external_event_id)
);
-- Learning windows scan a brand's events by time.
create index execution_events_brand_time_idx on execution_events (brand_id, occurred_at);
create index execution_events_variant_idx on execution_events (variant_id, occurred_at);

create table learning_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  signal_type text not null check (signal_type in ('pattern_performance_update', 'opportunity_score_update', 'variant_performance_summary', 'guardrail_violation')),
  subject_id uuid not null,
  pattern_id uuid references pattern_templates (id),
  opportunity_id uuid references opportunities (id),
  variant_id uuid references variants (id),
  payload jsonb not null default '{}'::jsonb,
  window_start timestamptz not null,
  window_end timestamptz not null,
  effective_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id),
  check (pattern_id is not null or opportunity_id is not null or variant_id is not null),
  check (subject_id in (pattern_id, opportunity_id, variant_id)),
  check (window_start < window_end),
  unique (brand_id, signal_type, subject_id, window_start, window_end)
);
create index learning_events_brand_idx on learning_events (brand_id, effective_at desc);

create table flow_runs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references tenants (id),
  brand_id uuid references brands (id),
  flow text not null check (flow in ('f1_today', 'f1_summary', 'f2_package_build', 'f2_regenerate', 'f3_learning', 'f3_summary')),
  status text not null default 'running' check (status in ('running', 'succeeded', 'succeeded_with_warnings', 'failed')),
  input jsonb not null default '{}'::jsonb,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  error text,
  created_by_user_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
create index flow_runs_brand_idx on flow_runs (brand_id, started_at desc);

create table flow_run_events (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid references tenants (id),
  brand_id uuid references brands (id),
  run_id uuid not null references flow_runs (id),
  seq integer not null,
  node text not null,
  kind text not null check (kind in ('input', 'engine_mutation', 'llm_output', 'soft_error', 'hard_error', 'output')),
  payload jsonb not null default '{}'::jsonb,
  at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  unique (run_id, seq)
);

create table ingest_keys (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  name text not null check (length(name) between 1 and 120),
  key_hash text not null unique,
  last_used_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id)
);
create index ingest_keys_brand_idx on ingest_keys (brand_id);
