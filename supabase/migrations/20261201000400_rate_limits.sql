-- Rate limit counters (server/rate-limit/), one row per limit and key (a digest of the user id, client
-- address or ingest key), in the shape RateLimiterPostgres from rate-limiter-flexible reads and
-- writes: `key` is "<limit>:<digest>", `points` the attempts in the window, `expire` its end in epoch
-- milliseconds. On PostgreSQL every server instance counts here, so a limit holds across instances.
-- The limiter deletes rows an hour after they expire; the index keeps that delete off a full scan.
-- Spans tenants and is read and written only by the server: RLS on with no policy, and no
-- privileges for the client roles.

create table rate_limits (
  key varchar(255) primary key,
  points integer not null default 0,
  expire bigint
);
create index rate_limits_expire_idx on rate_limits (expire);

alter table rate_limits enable row level security;
revoke all on rate_limits from anon, authenticated;
