-- Onboarding (issue 10): a person who is not in the demo data creates a workspace (a tenant), invites
-- a team, creates and archives brands, and writes the brand's strategy through the F0 flow.

-- Invites by email. Accepted when a user whose verified email matches signs in; a pending invite is
-- unique per workspace and email (emails are stored lower-cased), so inviting twice cannot make two.
create table workspace_invites (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references tenants (id),
  email text not null check (length(email) between 3 and 320 and email = lower(email)),
  role text not null check (role in ('admin', 'member')),
  invited_by_user_id uuid not null,
  accepted_by_user_id uuid,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  check (accepted_at is null or revoked_at is null)
);
create unique index workspace_invites_pending_uq on workspace_invites (tenant_id, email)
  where accepted_at is null and revoked_at is null and deleted_at is null;
-- Sign-in looks up the pending invites of one email across workspaces.
create index workspace_invites_email_idx on workspace_invites (email)
  where accepted_at is null and revoked_at is null and deleted_at is null;

-- Read only for members, like every other table (20261129000100): writes go through the server.
alter table workspace_invites enable row level security;
create policy workspace_invites_tenant_member_read on workspace_invites for select to authenticated
  using (kairo_private.is_tenant_member(tenant_id));

-- An archived brand leaves every list and the cron walk; its rows stay.
alter table brands add column archived_at timestamptz;

-- The pattern library names the end of a pattern's life "retired".
alter table pattern_templates drop constraint pattern_templates_status_check;
update pattern_templates set status = 'retired' where status = 'deprecated';
alter table pattern_templates add constraint pattern_templates_status_check
  check (status in ('active', 'experimental', 'retired'));

-- F0, the brand-strategy flow, is recorded in flow_runs like F2.
alter table flow_runs drop constraint flow_runs_flow_check;
alter table flow_runs add constraint flow_runs_flow_check
  check (flow in ('f0_strategy', 'f1_today', 'f1_summary', 'f2_package_build', 'f2_regenerate', 'f3_learning', 'f3_summary'));
