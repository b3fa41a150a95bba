-- Supabase already provides the auth schema, auth.uid() and the anon/authenticated roles.
-- Plain PostgreSQL and PGlite do not: create compatible ones there, and never replace Supabase's.

create schema if not exists auth;

do $kairo$
begin
  if not exists (
    select 1 from pg_proc p join pg_namespace n on n.oid = p.pronamespace
    where n.nspname = 'auth' and p.proname = 'uid'
  ) then
    execute $fn$
      create function auth.uid() returns uuid
      language sql stable
      as $body$
        select nullif(
          coalesce(
            current_setting('request.jwt.claim.sub', true),
            current_setting('request.jwt.claims', true)::jsonb ->> 'sub'
          ),
          ''
        )::uuid
      $body$
    $fn$;
  end if;
end
$kairo$;

do $kairo$
begin
  if not exists (select 1 from pg_roles where rolname = 'anon') then
    create role anon nologin;
  end if;
  if not exists (select 1 from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin;
  end if;
exception
  -- Another database on the same cluster created the role between the check and the create.
  when duplicate_object then null;
end
$kairo$;

grant usage on schema auth to anon, authenticated;
grant execute on function auth.uid() to anon, authenticated;
