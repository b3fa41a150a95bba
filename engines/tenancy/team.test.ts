import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import type { InviteRole } from '../enums';
import { type Engines, enginesOver } from '../index';
import type { TeamEngine } from './team';
import type { WorkspacesEngine } from './workspaces';

let handle: TestDatabase;
let engines: Engines;
let workspaces: WorkspacesEngine;
let team: TeamEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  engines = enginesOver(handle).engines;
  workspaces = engines.workspaces;
  team = engines.team;
});
afterAll(() => handle.close());

interface Person {
  userId: string;
  email: string;
}

/** Someone who signed in once: a user id and a profile, as resolveViewer leaves them. */
async function signedIn(name = 'person'): Promise<Person> {
  const userId = randomUUID();
  const email = `${name.toLowerCase()}-${userId.slice(0, 8)}@example.com`;
  await workspaces.ensureProfile(userId, { email, displayName: name });
  return { userId, email };
}

/** A workspace made by a fresh owner. */
async function workspaceOf(name = 'Team Co'): Promise<{ tenantId: string; owner: Person }> {
  const owner = await signedIn('owner');
  const { id } = await workspaces.createWorkspace(owner.userId, { name });
  return { tenantId: id, owner };
}

/** A person invited with `role` who then signs in with that verified email: the way people join. */
async function joined(tenantId: string, invitedBy: string, role: InviteRole, name: string = role): Promise<Person> {
  const person = await signedIn(name);
  await team.invite(tenantId, invitedBy, { email: person.email, role });
  await team.acceptInvitesFor(person.userId, person.email);
  return person;
}

const roleOf = async (tenantId: string, userId: string) => (await team.listTeam(tenantId)).members.find((m) => m.userId === userId)?.role;

describe('workspaces', () => {
  it('creates a workspace whose creator is its only owner, and lists it for them', async () => {
    const owner = await signedIn('founder');
    const created = await workspaces.createWorkspace(owner.userId, { name: '  Acme Labs  ' });
    expect(created).toEqual({ id: expect.any(String), name: 'Acme Labs' });
    expect(await workspaces.listWorkspaces(owner.userId)).toEqual([{ id: created.id, name: 'Acme Labs', role: 'owner' }]);
    expect((await team.listTeam(created.id)).members).toEqual([
      { userId: owner.userId, email: owner.email, displayName: 'founder', role: 'owner' },
    ]);
  });

  it('refuses a blank or too long name with a message naming it', async () => {
    const owner = await signedIn();
    await expect(workspaces.createWorkspace(owner.userId, { name: '   ' })).rejects.toThrow(/Give the workspace a name/);
    await expect(workspaces.createWorkspace(owner.userId, { name: 'x'.repeat(201) })).rejects.toThrow(/at most 200/);
  });

  it('renames a workspace; a missing one is NotFound', async () => {
    const { tenantId, owner } = await workspaceOf('Old Name');
    expect(await workspaces.renameWorkspace(tenantId, { name: 'New Name' })).toEqual({ id: tenantId, name: 'New Name' });
    expect(await workspaces.listWorkspaces(owner.userId)).toEqual([{ id: tenantId, name: 'New Name', role: 'owner' }]);
    await expect(workspaces.renameWorkspace(randomUUID(), { name: 'Nope' })).rejects.toMatchObject({ errorCode: 'not_found' });
  });

  it('lists every workspace of a member of two, by name, with the role in each', async () => {
    const first = await workspaceOf('Beta Works');
    const second = await workspaceOf('Alpha Works');
    const person = await joined(first.tenantId, first.owner.userId, 'admin');
    await team.invite(second.tenantId, second.owner.userId, { email: person.email, role: 'member' });
    await team.acceptInvitesFor(person.userId, person.email);
    expect(await workspaces.listWorkspaces(person.userId)).toEqual([
      { id: second.tenantId, name: 'Alpha Works', role: 'member' },
      { id: first.tenantId, name: 'Beta Works', role: 'admin' },
    ]);
  });

  it('keeps an existing profile as it is and finds users by email in any case', async () => {
    const person = await signedIn('keeps');
    await workspaces.ensureProfile(person.userId, { email: 'other@example.com', displayName: 'Changed' });
    expect(await workspaces.findUserIdByEmail(person.email.toUpperCase())).toBe(person.userId);
    expect(await workspaces.findUserIdByEmail('other@example.com')).toBeNull();
  });
});

describe('invites', () => {
  it('stores a pending invite with the email trimmed and lower-cased, listed with the team', async () => {
    const { tenantId, owner } = await workspaceOf();
    const invite = await team.invite(tenantId, owner.userId, { email: '  New.Person@Example.COM ', role: 'admin' });
    expect(invite).toEqual({ id: expect.any(String), email: 'new.person@example.com', role: 'admin', createdAt: expect.any(Date) });
    expect((await team.listTeam(tenantId)).invites).toEqual([invite]);
  });

  it('refuses an invalid email and an owner role', async () => {
    const { tenantId, owner } = await workspaceOf();
    await expect(team.invite(tenantId, owner.userId, { email: 'not-an-email', role: 'member' })).rejects.toThrow(/valid email/);
    await expect(team.invite(tenantId, owner.userId, { email: 'a@example.com', role: 'owner' as InviteRole })).rejects.toThrow();
  });

  it('refuses a second pending invite for the same email, and inviting a member, with a clear conflict', async () => {
    const { tenantId, owner } = await workspaceOf();
    await team.invite(tenantId, owner.userId, { email: 'twice@example.com', role: 'member' });
    await expect(team.invite(tenantId, owner.userId, { email: 'TWICE@example.com', role: 'admin' })).rejects.toMatchObject({
      errorCode: 'conflict',
      message: 'An invite for twice@example.com is already pending',
    });
    await expect(team.invite(tenantId, owner.userId, { email: owner.email, role: 'member' })).rejects.toMatchObject({
      errorCode: 'conflict',
      message: `${owner.email} is already a member of this workspace`,
    });
  });

  it('is accepted once, by the invited email only, giving the invite role', async () => {
    const { tenantId, owner } = await workspaceOf();
    const invited = await signedIn('invited');
    const stranger = await signedIn('stranger');
    await team.invite(tenantId, owner.userId, { email: invited.email, role: 'admin' });

    expect(await team.acceptInvitesFor(stranger.userId, stranger.email)).toEqual([]);
    expect(await roleOf(tenantId, stranger.userId)).toBeUndefined();

    const accepted = await team.acceptInvitesFor(invited.userId, invited.email);
    expect(accepted).toEqual([{ inviteId: expect.any(String), tenantId, role: 'admin' }]);
    expect(await roleOf(tenantId, invited.userId)).toBe('admin');
    expect((await team.listTeam(tenantId)).invites).toEqual([]);

    // Accepted already: nobody, the same person included, accepts it again.
    expect(await team.acceptInvitesFor(invited.userId, invited.email)).toEqual([]);
    const sameEmailOtherUser = randomUUID();
    expect(await team.acceptInvitesFor(sameEmailOtherUser, invited.email)).toEqual([]);
    expect(await roleOf(tenantId, sameEmailOtherUser)).toBeUndefined();
  });

  it('is accepted exactly once when two sign-ins race for it', async () => {
    const { tenantId, owner } = await workspaceOf();
    const email = `race-${randomUUID().slice(0, 8)}@example.com`;
    await team.invite(tenantId, owner.userId, { email, role: 'member' });
    const [first, second] = [randomUUID(), randomUUID()];
    const results = await Promise.all([team.acceptInvitesFor(first, email), team.acceptInvitesFor(second, email)]);
    expect(results.flat()).toHaveLength(1);
    const members = (await team.listTeam(tenantId)).members.map((m) => m.userId);
    expect(members.filter((id) => id === first || id === second)).toHaveLength(1);
  });

  it('is never accepted once revoked; revoking it again, or an accepted one, is NotFound', async () => {
    const { tenantId, owner } = await workspaceOf();
    const person = await signedIn('revoked');
    const invite = await team.invite(tenantId, owner.userId, { email: person.email, role: 'member' });
    expect(await team.revokeInvite(tenantId, { inviteId: invite.id })).toEqual({ id: invite.id });
    expect(await team.acceptInvitesFor(person.userId, person.email)).toEqual([]);
    expect(await roleOf(tenantId, person.userId)).toBeUndefined();
    expect((await team.listTeam(tenantId)).invites).toEqual([]);
    await expect(team.revokeInvite(tenantId, { inviteId: invite.id })).rejects.toMatchObject({ errorCode: 'not_found' });

    const other = await signedIn('accepted');
    const acceptedInvite = await team.invite(tenantId, owner.userId, { email: other.email, role: 'member' });
    await team.acceptInvitesFor(other.userId, other.email);
    await expect(team.revokeInvite(tenantId, { inviteId: acceptedInvite.id })).rejects.toMatchObject({ errorCode: 'not_found' });
  });

  it('can be sent again after a revoke', async () => {
    const { tenantId, owner } = await workspaceOf();
    const first = await team.invite(tenantId, owner.userId, { email: 'again@example.com', role: 'member' });
    await team.revokeInvite(tenantId, { inviteId: first.id });
    const second = await team.invite(tenantId, owner.userId, { email: 'again@example.com', role: 'admin' });
    expect((await team.listTeam(tenantId)).invites).toEqual([second]);
  });

  it('never downgrades a live membership: an admin invited again as member stays admin', async () => {
    const first = await workspaceOf();
    const admin = await joined(first.tenantId, first.owner.userId, 'admin');
    // Their profile email changed since, so the "already a member" check does not see them.
    const newEmail = `renamed-${randomUUID().slice(0, 8)}@example.com`;
    await team.invite(first.tenantId, first.owner.userId, { email: newEmail, role: 'member' });
    expect(await team.acceptInvitesFor(admin.userId, newEmail)).toHaveLength(1);
    expect(await roleOf(first.tenantId, admin.userId)).toBe('admin');
  });

  it('re-invited after removal revives the membership with the new role', async () => {
    const { tenantId, owner } = await workspaceOf();
    const person = await joined(tenantId, owner.userId, 'admin');
    await team.removeMember(tenantId, 'owner', { userId: person.userId });
    expect(await roleOf(tenantId, person.userId)).toBeUndefined();
    expect(await workspaces.listWorkspaces(person.userId)).toEqual([]);

    await team.invite(tenantId, owner.userId, { email: person.email, role: 'member' });
    await team.acceptInvitesFor(person.userId, person.email);
    expect(await roleOf(tenantId, person.userId)).toBe('member');
    expect((await team.listTeam(tenantId)).members).toHaveLength(2);
  });
});

describe('roles and removal', () => {
  it('lets an owner change roles, owners first in the list', async () => {
    const { tenantId, owner } = await workspaceOf();
    const person = await joined(tenantId, owner.userId, 'member', 'Zed');
    const member = await team.setRole(tenantId, 'owner', { userId: person.userId, role: 'owner' });
    expect(member).toEqual({ userId: person.userId, email: person.email, displayName: 'Zed', role: 'owner' });
    expect((await team.listTeam(tenantId)).members.map((m) => m.role)).toEqual(['owner', 'owner']);
    // With two owners, the first may step down.
    await team.setRole(tenantId, 'owner', { userId: owner.userId, role: 'admin' });
    expect(await roleOf(tenantId, owner.userId)).toBe('admin');
  });

  it('refuses admins and members: only owners change roles or remove members', async () => {
    const { tenantId, owner } = await workspaceOf();
    const member = await joined(tenantId, owner.userId, 'member');
    for (const acting of ['admin', 'member'] as const) {
      await expect(team.setRole(tenantId, acting, { userId: member.userId, role: 'admin' })).rejects.toMatchObject({
        errorCode: 'forbidden',
      });
      await expect(team.removeMember(tenantId, acting, { userId: member.userId })).rejects.toMatchObject({ errorCode: 'forbidden' });
    }
    expect(await roleOf(tenantId, member.userId)).toBe('member');
  });

  it('never demotes or removes the last owner', async () => {
    const { tenantId, owner } = await workspaceOf();
    await expect(team.setRole(tenantId, 'owner', { userId: owner.userId, role: 'admin' })).rejects.toMatchObject({
      errorCode: 'conflict',
      message: 'The last owner cannot be demoted: make another member an owner first',
    });
    await expect(team.removeMember(tenantId, 'owner', { userId: owner.userId })).rejects.toMatchObject({
      errorCode: 'conflict',
      message: 'The last owner cannot be removed: make another member an owner first',
    });
    // Setting the owner's role to owner is no demotion.
    expect((await team.setRole(tenantId, 'owner', { userId: owner.userId, role: 'owner' })).role).toBe('owner');
    expect(await roleOf(tenantId, owner.userId)).toBe('owner');
  });

  it('keeps one owner when the two owners demote each other at the same time', async () => {
    const { tenantId, owner } = await workspaceOf();
    const second = await joined(tenantId, owner.userId, 'admin');
    await team.setRole(tenantId, 'owner', { userId: second.userId, role: 'owner' });
    const results = await Promise.allSettled([
      team.setRole(tenantId, 'owner', { userId: owner.userId, role: 'member' }),
      team.setRole(tenantId, 'owner', { userId: second.userId, role: 'member' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ errorCode: 'conflict' });
    expect((await team.listTeam(tenantId)).members.filter((m) => m.role === 'owner')).toHaveLength(1);
  });

  it('keeps one owner when both owners are removed at the same time', async () => {
    const { tenantId, owner } = await workspaceOf();
    const second = await joined(tenantId, owner.userId, 'admin');
    await team.setRole(tenantId, 'owner', { userId: second.userId, role: 'owner' });
    const results = await Promise.allSettled([
      team.removeMember(tenantId, 'owner', { userId: owner.userId }),
      team.removeMember(tenantId, 'owner', { userId: second.userId }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await team.listTeam(tenantId)).members.filter((m) => m.role === 'owner')).toHaveLength(1);
  });

  it('removes a member softly: they leave the team and their workspaces', async () => {
    const { tenantId, owner } = await workspaceOf();
    const member = await joined(tenantId, owner.userId, 'member');
    expect(await team.removeMember(tenantId, 'owner', { userId: member.userId })).toEqual({ userId: member.userId });
    expect((await team.listTeam(tenantId)).members.map((m) => m.userId)).toEqual([owner.userId]);
    await expect(team.removeMember(tenantId, 'owner', { userId: member.userId })).rejects.toMatchObject({ errorCode: 'not_found' });
    await expect(team.setRole(tenantId, 'owner', { userId: member.userId, role: 'admin' })).rejects.toMatchObject({
      errorCode: 'not_found',
    });
  });
});

describe('another tenant', () => {
  it('never sees or changes anything of a workspace: its members, invites and people are NotFound', async () => {
    const mine = await workspaceOf('Mine');
    const theirs = await workspaceOf('Theirs');
    const theirMember = await joined(theirs.tenantId, theirs.owner.userId, 'member');
    const theirInvite = await team.invite(theirs.tenantId, theirs.owner.userId, { email: 'pending@example.com', role: 'member' });

    const mineTeam = await team.listTeam(mine.tenantId);
    expect(mineTeam.members.map((m) => m.userId)).toEqual([mine.owner.userId]);
    expect(mineTeam.invites).toEqual([]);

    await expect(team.revokeInvite(mine.tenantId, { inviteId: theirInvite.id })).rejects.toMatchObject({ errorCode: 'not_found' });
    await expect(team.setRole(mine.tenantId, 'owner', { userId: theirMember.userId, role: 'admin' })).rejects.toMatchObject({
      errorCode: 'not_found',
    });
    await expect(team.removeMember(mine.tenantId, 'owner', { userId: theirs.owner.userId })).rejects.toMatchObject({
      errorCode: 'not_found',
    });

    const after = await team.listTeam(theirs.tenantId);
    expect(after.invites.map((i) => i.id)).toEqual([theirInvite.id]);
    expect(after.members.map((m) => [m.userId, m.role])).toEqual([
      [theirs.owner.userId, 'owner'],
      [theirMember.userId, 'member'],
    ]);
  });

  it('an invite to one workspace gives nothing in another', async () => {
    const first = await workspaceOf();
    const second = await workspaceOf();
    const person = await signedIn();
    await team.invite(first.tenantId, first.owner.userId, { email: person.email, role: 'admin' });
    expect(await team.acceptInvitesFor(person.userId, person.email)).toEqual([
      { inviteId: expect.any(String), tenantId: first.tenantId, role: 'admin' },
    ]);
    expect(await roleOf(second.tenantId, person.userId)).toBeUndefined();
  });
});
