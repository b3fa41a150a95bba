-- Row-level security: the second wall. The server connects as the table owner (which bypasses RLS)
-- and enforces tenancy in the engines; any client using the anon key meets these policies.

create schema if not exists kairo_private;

-- security definer so the memberships policy can ask about memberships without recursing into itself.
create or replace function kairo_private.is_tenant_member(target_tenant uuid) returns boolean
language sql stable security definer set search_path = public
as $$
  select exists (
    select 1 from public.memberships m
    where m.tenant_id = target_tenant and m.user_id = auth.uid() and m.deleted_at is null
  )
$$;

grant usage on schema kairo_private to anon, authenticated;
grant execute on function kairo_private.is_tenant_member(uuid) to anon, authenticated;

do $kairo$
declare
  t text;
begin
  foreach t in array array[
    'tenants', 'memberships', 'brands', 'personas', 'content_pillars', 'pattern_templates',
    'opportunities', 'content_packages', 'variants', 'execution_events', 'learning_events',
    'flow_runs', 'flow_run_events', 'ingest_keys'
  ] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('grant select, insert, update, delete on public.%I to authenticated', t);
  end loop;
end
$kairo$;

alter table user_profiles enable row level security;
grant select, insert, update, delete on user_profiles to authenticated;

create policy tenants_member on tenants for all to authenticated
  using (kairo_private.is_tenant_member(id)) with check (kairo_private.is_tenant_member(id));

create policy user_profiles_self on user_profiles for all to authenticated
  using (user_id = auth.uid()) with check (user_id = auth.uid());

do $kairo$
declare
  t text;
begin
  foreach t in array array[
    'memberships', 'brands', 'personas', 'content_pillars', 'pattern_templates', 'opportunities',
    'content_packages', 'variants', 'execution_events', 'learning_events', 'flow_runs',
    'flow_run_events', 'ingest_keys'
  ] loop
    execute format(
      'create policy %I on public.%I for all to authenticated
         using (kairo_private.is_tenant_member(tenant_id))
         with check (kairo_private.is_tenant_member(tenant_id))',
      t || '_tenant_member', t
    );
  end loop;
end
$kairo$;
