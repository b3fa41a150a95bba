-- The tables added for onboarding and opportunity supply have select-only policies; like the others
-- (20261129000100) members need the select privilege to use them on a plain PostgreSQL (Supabase grants
-- it by default), and no client role keeps a write privilege, should a later policy admit writes.
do $kairo$
declare
  t text;
begin
  foreach t in array array['workspace_invites', 'sources', 'signals', 'decisions'] loop
    execute format('grant select on public.%I to authenticated', t);
    execute format('revoke insert, update, delete, truncate on public.%I from anon, authenticated', t);
  end loop;
end
$kairo$;
