-- Decision weights (issue 11, point 4): the learning update turns the window's triage decisions
-- (pinned, dismissed, opened as a package, …) into a small weight per pillar, persona, channel and
-- pattern, which the Today focus and the opportunity generation flow lean on. One row per brand and
-- (dimension, key), holding what the latest stored run of the brand's learning window found: a key
-- whose decisions left the window goes back to 0 (its row stays, so its learning events keep one subject).

create table decision_weights (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  dimension text not null check (dimension in ('pillar', 'persona', 'channel', 'pattern')),
  -- A pillar, persona or pattern id, or a channel name.
  key text not null check (length(key) between 1 and 100),
  weight double precision not null check (weight between -0.5 and 0.5),
  -- How many of the window's decisions the weight comes from.
  decisions integer not null default 0 check (decisions >= 0),
  window_start timestamptz not null,
  window_end timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id),
  check (window_start < window_end),
  unique (brand_id, dimension, key)
);

-- A decision weight's learning event names the weight row as its subject (no foreign key: the event
-- is history and outlives any change to the row).
alter table learning_events add column decision_weight_id uuid;

do $kairo$
declare
  c record;
begin
  for c in
    select conname from pg_constraint
    where conrelid = 'public.learning_events'::regclass and contype = 'c'
      and (pg_get_constraintdef(oid) like '%subject_id%' or pg_get_constraintdef(oid) like '%pattern_id IS NOT NULL%'
        or conname = 'learning_events_signal_type_check')
  loop
    execute format('alter table public.learning_events drop constraint %I', c.conname);
  end loop;
end
$kairo$;

alter table learning_events add constraint learning_events_signal_type_check
  check (signal_type in (
    'pattern_performance_update', 'opportunity_score_update', 'variant_performance_summary', 'guardrail_violation',
    'decision_weight_update'
  ));
alter table learning_events add constraint learning_events_subject_set_check
  check (pattern_id is not null or opportunity_id is not null or variant_id is not null or decision_weight_id is not null);
alter table learning_events add constraint learning_events_subject_check
  check (subject_id in (pattern_id, opportunity_id, variant_id, decision_weight_id));

alter table decision_weights enable row level security;
create policy decision_weights_tenant_member_read on public.decision_weights
  for select to authenticated using (kairo_private.is_tenant_member(tenant_id));
-- Readable by members through the policy (Supabase grants this by default; a plain PostgreSQL does not),
-- never writable: only the learning update writes weights.
grant select on public.decision_weights to authenticated;
revoke insert, update, delete, truncate on public.decision_weights from anon, authenticated;
