-- Opportunity supply (issue 11): ideas typed in or imported, feed sources and the signals they bring,
-- the generation flow's scored candidates, and the triage decisions that teach the board.

-- Where signals come from: a feed (RSS, Atom, JSON Feed) fetched server-side, or a pasted note or link.
create table sources (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  kind text not null check (kind in ('feed', 'note')),
  url text check (url is null or length(url) between 8 and 2000),
  title text check (title is null or length(title) between 1 and 300),
  note text check (note is null or length(note) between 1 and 4000),
  etag text,
  last_modified text,
  last_fetched_at timestamptz,
  item_count integer not null default 0 check (item_count >= 0),
  last_error text,
  created_by_user_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id),
  check ((kind = 'feed' and url is not null) or (kind = 'note' and (note is not null or url is not null)))
);
create unique index sources_feed_url_uq on sources (brand_id, url) where kind = 'feed' and deleted_at is null;
create index sources_brand_idx on sources (brand_id, created_at desc) where deleted_at is null;

-- One item a source brought (a feed entry, or the note itself); the generation flow reads the newest
-- unused ones and marks those it used.
create table signals (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  source_id uuid not null references sources (id),
  external_id text not null check (length(external_id) between 1 and 500),
  title text not null check (length(title) between 1 and 300),
  summary text not null default '' check (length(summary) <= 2000),
  url text check (url is null or length(url) <= 2000),
  published_at timestamptz,
  used_at timestamptz,
  used_by_run_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id),
  unique (source_id, external_id)
);
create index signals_unused_idx on signals (brand_id, coalesce(published_at, created_at) desc)
  where used_at is null and deleted_at is null;

-- Who decided what about which idea, package or draft, and when. The dimensions (pillar, persona,
-- channel, pattern) are copied at decision time so the learning update reads one table.
create table decisions (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null,
  brand_id uuid not null,
  kind text not null check (kind in (
    'pinned', 'unpinned', 'snoozed', 'dismissed', 'opened_as_package', 'sent_to_review', 'variant_edited',
    'variant_published'
  )),
  opportunity_id uuid references opportunities (id),
  package_id uuid references content_packages (id),
  variant_id uuid references variants (id),
  pillar_id uuid,
  persona_id uuid,
  channel text check (channel is null or channel in ('linkedin', 'x', 'newsletter', 'instagram', 'youtube', 'tiktok')),
  pattern_id uuid,
  reason text check (reason is null or length(reason) <= 500),
  user_id uuid,
  decided_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  foreign key (tenant_id, brand_id) references brands (tenant_id, id)
);
create index decisions_brand_idx on decisions (brand_id, decided_at desc) where deleted_at is null;

-- A dismissed idea ("not relevant") leaves the board; generated ideas keep their rubric sub-scores,
-- the human reason why now, and the signals they rest on.
alter table opportunities add column dismissed_at timestamptz;
alter table opportunities add column dismissed_reason text check (dismissed_reason is null or length(dismissed_reason) <= 500);
alter table opportunities add column why_now text check (why_now is null or length(why_now) <= 1000);
alter table opportunities add column sub_scores jsonb;
alter table opportunities add column signal_ids uuid[] not null default '{}';
alter table opportunities add column generation_run_id uuid;

-- A strategy may make one pillar dominant: the generation flow's 60% portfolio cap does not apply to it.
alter table content_pillars add column is_dominant boolean not null default false;

alter table flow_runs drop constraint flow_runs_flow_check;
alter table flow_runs add constraint flow_runs_flow_check
  check (flow in (
    'f0_strategy', 'f1_today', 'f1_summary', 'f2_package_build', 'f2_regenerate', 'f3_learning', 'f3_summary',
    'opportunity_generation'
  ));

do $kairo$
declare
  t text;
begin
  foreach t in array array['sources', 'signals', 'decisions'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format(
      'create policy %I on public.%I for select to authenticated using (kairo_private.is_tenant_member(tenant_id))',
      t || '_tenant_member_read', t
    );
  end loop;
end
$kairo$;
