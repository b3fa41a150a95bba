-- Row-level security, read only: a client holding the anon key (and a member's JWT) may read its
-- tenant's rows but write nothing. Every write goes through the server, which connects as the table
-- owner and checks roles and invariants in the engines; the earlier `for all` policies let any member
-- promote themselves to owner, mint ingest keys or delete brands straight through the API.

-- security definer for the same reason as is_tenant_member: the policies on memberships cannot ask
-- about memberships without recursing into themselves.
create or replace function kairo_private.has_tenant_role(target_tenant uuid, roles text[]) returns boolean
language sql stable security definer set search_path = public
as $$
  select exists (
    select 1 from public.memberships m
    where m.tenant_id = target_tenant and m.user_id = auth.uid() and m.deleted_at is null
      and m.role = any (roles)
  )
$$;

grant execute on function kairo_private.has_tenant_role(uuid, text[]) to anon, authenticated;

drop policy tenants_member on tenants;
create policy tenants_member_read on tenants for select to authenticated
  using (kairo_private.is_tenant_member(id));

drop policy user_profiles_self on user_profiles;
create policy user_profiles_self_read on user_profiles for select to authenticated
  using (user_id = auth.uid());

do $kairo$
declare
  t text;
begin
  foreach t in array array[
    'memberships', 'brands', 'personas', 'content_pillars', 'pattern_templates', 'opportunities',
    'content_packages', 'variants', 'execution_events', 'learning_events', 'flow_runs',
    'flow_run_events', 'learning_window_runs'
  ] loop
    execute format('drop policy %I on public.%I', t || '_tenant_member', t);
    execute format(
      'create policy %I on public.%I for select to authenticated
         using (kairo_private.is_tenant_member(tenant_id))',
      t || '_tenant_member_read', t
    );
  end loop;
end
$kairo$;

-- Even a key's hash is a credential's fingerprint: only the roles that manage keys see the rows.
drop policy ingest_keys_tenant_member on ingest_keys;
create policy ingest_keys_tenant_admin_read on ingest_keys for select to authenticated
  using (kairo_private.has_tenant_role(tenant_id, array['owner', 'admin']));

-- The policies alone refuse every write; taking the write privileges away as well keeps that true
-- should a later migration add a permissive policy by mistake. (Supabase's default privileges grant
-- them again to tables created later, so each new table needs its own select-only policy.)
do $kairo$
declare
  t text;
begin
  foreach t in array array[
    'tenants', 'memberships', 'user_profiles', 'brands', 'personas', 'content_pillars',
    'pattern_templates', 'opportunities', 'content_packages', 'variants', 'execution_events',
    'learning_events', 'flow_runs', 'flow_run_events', 'ingest_keys', 'learning_window_runs'
  ] loop
    execute format('revoke insert, update, delete, truncate on public.%I from anon, authenticated', t);
  end loop;
end
$kairo$;
