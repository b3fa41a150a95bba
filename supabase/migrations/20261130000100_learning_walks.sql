-- F3's global learning walk, one row per learning window: the cron's progress through every brand.
-- Each cron call continues after the last brand finished instead of starting over, so a walk cut
-- short by the function's time limit goes on where it stopped, and once it is complete the window's
-- later calls open no brand. A new window's walk starts after the brand where the previous window's
-- walk stopped, if it did not complete, and comes round to the start: on a once-a-day schedule the
-- brands late in id order still get their turn.
-- Spans tenants and is read and written only by the server: RLS on with no policy, and no
-- privileges for the client roles.

create table learning_walks (
  id uuid primary key default gen_random_uuid(),
  window_start timestamptz not null,
  window_end timestamptz not null,
  -- The walk covers the brands after this id, then (wrapped) those up to and including it.
  start_after uuid,
  wrapped boolean not null default false,
  -- The last brand finished in the current pass; null when the pass has not finished one yet.
  last_brand_id uuid,
  completed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (window_start < window_end),
  check (start_after is not null or not wrapped),
  unique (window_start, window_end)
);
create index learning_walks_window_end_idx on learning_walks (window_end);

alter table learning_walks enable row level security;
revoke all on learning_walks from anon, authenticated;
