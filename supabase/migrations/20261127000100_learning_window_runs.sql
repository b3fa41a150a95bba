-- F3 learning: one row per brand and learning window that a run completed, with a fingerprint of the
-- evidence it saw. A run holding the brand's learning lock skips a window whose evidence has not
-- changed since, which makes concurrent runs do the work once and lets a cut-short global run
-- resume where it stopped.

create table learning_window_runs (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  window_start timestamptz not null,
  window_end timestamptz not null,
  evidence_fingerprint text not null check (length(evidence_fingerprint) between 1 and 200),
  run_id uuid references flow_runs (id),
  completed_at timestamptz not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (window_start < window_end),
  foreign key (tenant_id, brand_id) references brands (tenant_id, id),
  unique (brand_id, window_start, window_end)
);
create index learning_window_runs_tenant_idx on learning_window_runs (tenant_id);

alter table learning_window_runs enable row level security;
grant select, insert, update, delete on learning_window_runs to authenticated;
create policy learning_window_runs_tenant_member on learning_window_runs for all to authenticated
  using (kairo_private.is_tenant_member(tenant_id))
  with check (kairo_private.is_tenant_member(tenant_id));
