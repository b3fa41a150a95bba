'use client';

import { useMutation, useQueryClient, useSuspenseQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import type { InviteRole, MembershipRole } from '@/engines/enums';
import { useTRPC } from '@/trpc/react';
import type { RouterOutputs } from '@/trpc/types';
import { Field } from '../ui/field';
import { useEarlyInput } from '../ui/use-early-input';
import { fieldError, zodFieldMessage } from './field-error';
import { canManage, ROLE_LABELS } from './roles';
import { WorkspaceNameField } from './workspace-name-field';

type TeamMember = RouterOutputs['team']['list']['members'][number];
type PendingInvite = RouterOutputs['team']['list']['invites'][number];

interface TeamPageProps {
  workspace: { id: string; name: string };
  /** The viewer's role here: owners change roles and remove people, admins invite, members read. */
  role: MembershipRole;
  viewerUserId: string;
}

const INVITE_ROLE_HINTS: Record<InviteRole, string> = {
  member: 'Reads everything and works on ideas and packages.',
  admin: 'Also invites people, adds brands and edits the strategy.',
};

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** The team of one workspace: its name, members, pending invites, and a form to invite someone. */
export function TeamPage({ workspace, role, viewerUserId }: TeamPageProps) {
  const trpc = useTRPC();
  const { data: team } = useSuspenseQuery(trpc.team.list.queryOptions({ workspaceId: workspace.id }));
  const manage = canManage(role);

  return (
    <div className="team stack">
      <WorkspaceName workspace={workspace} editable={manage} />
      {role === 'member' ? (
        <p className="notice">
          You are a member of this workspace, so you see its team read-only: owners and admins invite people, owners change roles.
        </p>
      ) : role === 'admin' ? (
        <p className="muted small">As an admin you invite people and withdraw invites; only owners change roles or remove members.</p>
      ) : null}

      <section className="panel stack" aria-labelledby="team-members">
        <h2 id="team-members">Members ({team.members.length})</h2>
        <ul className="team__list">
          {team.members.map((member) => (
            <MemberRow
              key={member.userId}
              workspaceId={workspace.id}
              member={member}
              isOwner={role === 'owner'}
              isViewer={member.userId === viewerUserId}
            />
          ))}
        </ul>
      </section>

      <section className="panel stack" aria-labelledby="team-invites">
        <h2 id="team-invites">Pending invites ({team.invites.length})</h2>
        {team.invites.length === 0 ? (
          <p className="muted">No invites waiting. An invite is accepted when that person signs in with the invited email.</p>
        ) : (
          <ul className="team__list">
            {team.invites.map((invite) => (
              <InviteRow key={invite.id} workspaceId={workspace.id} invite={invite} revocable={manage} />
            ))}
          </ul>
        )}
        {manage && <InviteForm workspaceId={workspace.id} />}
      </section>
    </div>
  );
}

function useTeamRefresh(workspaceId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey({ workspaceId }) });
}

function WorkspaceName({ workspace, editable }: { workspace: { id: string; name: string }; editable: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [name, setName] = useState(workspace.name);
  const [saved, setSaved] = useState(workspace.name);
  const form = useEarlyInput();
  const rename = useMutation(
    trpc.workspaces.rename.mutationOptions({
      onSuccess: async (result) => {
        setSaved(result.name);
        setName(result.name);
        await queryClient.invalidateQueries({ queryKey: trpc.workspaces.list.queryKey() });
        // The header and the page title are rendered on the server.
        router.refresh();
      },
    }),
  );
  const error = fieldError(rename.error, 'name');

  if (!editable) return <h1 className="page-title">{saved} · Team</h1>;
  const dirty = name.trim() !== saved;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ workspaceId: workspace.id, name });
  };
  return (
    <form ref={form} className="team__rename" onSubmit={submit} noValidate>
      <h1 className="page-title">Team</h1>
      <WorkspaceNameField value={name} onChange={setName} disabled={rename.isPending} error={error} />
      <div className="team__actions">
        <button type="submit" className="button" disabled={rename.isPending || !dirty || !name.trim()}>
          {rename.isPending ? 'Saving…' : 'Rename'}
        </button>
        <span className="muted small" aria-live="polite">
          {rename.isPending ? 'Saving…' : dirty ? 'Unsaved change' : rename.isSuccess ? 'Saved' : ''}
        </span>
      </div>
    </form>
  );
}

function MemberRow({
  workspaceId,
  member,
  isOwner,
  isViewer,
}: {
  workspaceId: string;
  member: TeamMember;
  isOwner: boolean;
  isViewer: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const refresh = useTeamRefresh(workspaceId);
  const setRole = useMutation(
    trpc.team.setRole.mutationOptions({
      onSuccess: async () => {
        await refresh();
        // The viewer's own role decides what this page offers: render it again from the server.
        if (isViewer) router.refresh();
      },
    }),
  );
  const remove = useMutation(
    trpc.team.remove.mutationOptions({
      onSuccess: async () => {
        if (isViewer) router.push('/');
        else await refresh();
      },
    }),
  );
  const busy = setRole.isPending || remove.isPending;
  const error = setRole.error?.message ?? remove.error?.message ?? null;
  const name = member.displayName ?? member.email ?? 'A member without a profile yet';
  const roleId = `member-role-${member.userId}`;

  const confirmRemove = () => {
    const who = isViewer ? 'yourself' : name;
    if (window.confirm(`Remove ${who} from this workspace? They lose access to its brands; an invite brings them back.`)) {
      remove.mutate({ workspaceId, userId: member.userId });
    }
  };

  return (
    <li className="team__row">
      <div className="team__who">
        <span className="team__name">
          {name}
          {isViewer && <span className="muted small"> (you)</span>}
        </span>
        {member.email && member.displayName && <span className="muted small">{member.email}</span>}
      </div>
      {isOwner ? (
        <div className="team__controls">
          <label className="visually-hidden" htmlFor={roleId}>
            Role of {name}
          </label>
          <select
            id={roleId}
            value={member.role}
            disabled={busy}
            aria-invalid={setRole.error ? true : undefined}
            onChange={(event) => setRole.mutate({ workspaceId, userId: member.userId, role: event.target.value as MembershipRole })}
          >
            {(Object.keys(ROLE_LABELS) as MembershipRole[]).map((value) => (
              <option key={value} value={value}>
                {ROLE_LABELS[value]}
              </option>
            ))}
          </select>
          <button type="button" className="button button--quiet" disabled={busy} onClick={confirmRemove}>
            {remove.isPending ? 'Removing…' : 'Remove'}
          </button>
          {setRole.isPending && (
            <span className="muted small" aria-live="polite">
              Saving…
            </span>
          )}
        </div>
      ) : (
        <span className="tag">{ROLE_LABELS[member.role]}</span>
      )}
      {error && (
        <p className="form-error small team__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

function InviteRow({ workspaceId, invite, revocable }: { workspaceId: string; invite: PendingInvite; revocable: boolean }) {
  const trpc = useTRPC();
  const refresh = useTeamRefresh(workspaceId);
  const revoke = useMutation(trpc.team.revokeInvite.mutationOptions({ onSuccess: () => refresh() }));
  return (
    <li className="team__row">
      <div className="team__who">
        <span className="team__name">{invite.email}</span>
        <span className="muted small">
          {ROLE_LABELS[invite.role]} · invited {DATE.format(invite.createdAt)}
        </span>
      </div>
      {revocable && (
        <div className="team__controls">
          <button
            type="button"
            className="button button--quiet"
            disabled={revoke.isPending}
            onClick={() => revoke.mutate({ workspaceId, inviteId: invite.id })}
          >
            {revoke.isPending ? 'Revoking…' : 'Revoke'}
          </button>
        </div>
      )}
      {revoke.error && (
        <p className="form-error small team__error" role="alert">
          {revoke.error.message}
        </p>
      )}
    </li>
  );
}

function InviteForm({ workspaceId }: { workspaceId: string }) {
  const trpc = useTRPC();
  const refresh = useTeamRefresh(workspaceId);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InviteRole>('member');
  const form = useEarlyInput();
  const invite = useMutation(
    trpc.team.invite.mutationOptions({
      onSuccess: async () => {
        setEmail('');
        await refresh();
      },
    }),
  );
  const roleError = zodFieldMessage(invite.error, 'role');
  const emailError = roleError ? null : fieldError(invite.error, 'email');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    invite.mutate({ workspaceId, email, role });
  };

  return (
    <form ref={form} className="team__invite" onSubmit={submit} noValidate>
      <h3>Invite someone</h3>
      <div className="team__invite-fields">
        <Field label="Email" error={emailError}>
          {(control) => (
            <input
              {...control}
              type="email"
              value={email}
              maxLength={320}
              required
              disabled={invite.isPending}
              autoComplete="off"
              onChange={(event) => setEmail(event.target.value)}
            />
          )}
        </Field>
        {/* A div, not a wrapping label: the hint under the select is its description, not part of its name. */}
        <div className="field">
          <label htmlFor="invite-role">Role</label>
          <select
            id="invite-role"
            value={role}
            disabled={invite.isPending}
            aria-describedby="invite-role-hint"
            onChange={(event) => setRole(event.target.value as InviteRole)}
          >
            <option value="member">{ROLE_LABELS.member}</option>
            <option value="admin">{ROLE_LABELS.admin}</option>
          </select>
          {/* What the role allows, under the select: inside the options it made the select wider than a phone. */}
          <span id="invite-role-hint" className="muted small">
            {INVITE_ROLE_HINTS[role]}
          </span>
          {roleError && (
            <span className="form-error small" role="alert">
              {roleError}
            </span>
          )}
        </div>
      </div>
      <div className="team__actions">
        <button type="submit" className="button" disabled={invite.isPending || !email.trim()}>
          {invite.isPending ? 'Inviting…' : 'Invite'}
        </button>
        <span className="muted small" aria-live="polite">
          {invite.isSuccess && !email ? 'Invited: they join when they sign in with that email.' : ''}
        </span>
      </div>
    </form>
  );
}
