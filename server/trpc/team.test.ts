import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEMO_MEMBER, DEMO_OWNER, DEMO_TENANTS, OTHER_TENANT_OWNER } from '../../supabase/seed/demo-users';
import { viewerFor } from '../../test/fixtures/auth';
import { procedureBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';
import { createSystemContext } from '../orchestrator/context';
import { DEFAULT_RATE_LIMITS } from '../rate-limit/config';
import { createRateLimits } from '../rate-limit/limits';
import { createInnerContext } from './init';
import { createCaller } from './root';

const bed = procedureBed();

const callerFor = async (userId: string) => bed.as(await viewerFor(bed.system, userId));

/** A person who signed in once (a profile, no workspace), and their caller. */
async function newPerson(name: string) {
  const userId = randomUUID();
  const email = `${name}-${userId.slice(0, 8)}@example.com`;
  await bed.system.engines.workspaces.ensureProfile(userId, { email, displayName: name });
  return { userId, email };
}

/** A workspace made through `workspaces.create`, with an admin and a member who joined by invite. */
async function teamWorkspace() {
  const owner = await newPerson('owner');
  const workspace = await (await callerFor(owner.userId)).workspaces.create({ name: 'Procedure Co' });
  const join = async (name: string, role: 'admin' | 'member') => {
    const person = await newPerson(name);
    await (await callerFor(owner.userId)).team.invite({ workspaceId: workspace.id, email: person.email, role });
    await bed.system.engines.team.acceptInvitesFor(person.userId, person.email);
    return person;
  };
  return { workspaceId: workspace.id, owner, admin: await join('admin', 'admin'), member: await join('member', 'member') };
}

describe('workspaces', () => {
  it('creates a workspace for a signed-in user with none, who becomes its owner and sees it listed', async () => {
    const person = await newPerson('founder');
    expect(await (await callerFor(person.userId)).workspaces.list()).toEqual([]);
    const created = await (await callerFor(person.userId)).workspaces.create({ name: 'My Studio' });
    expect(created).toEqual({ id: expect.any(String), name: 'My Studio' });
    const viewer = await viewerFor(bed.system, person.userId);
    expect(viewer.memberships).toEqual([{ tenantId: created.id, role: 'owner' }]);
    expect(await bed.as(viewer).workspaces.list()).toEqual([{ id: created.id, name: 'My Studio', role: 'owner' }]);
  });

  it('answers BAD_REQUEST naming the field for a blank name, and UNAUTHORIZED signed out', async () => {
    const error = await rejection((await callerFor(DEMO_OWNER.userId)).workspaces.create({ name: ' ' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/name/);
    expect(await codeOf(bed.as(null).workspaces.create({ name: 'x' }))).toBe('UNAUTHORIZED');
    expect(await codeOf(bed.as(null).workspaces.list())).toBe('UNAUTHORIZED');
  });

  it('limits how many workspaces one user creates', async () => {
    const limited = createSystemContext(bed.handle, {
      limits: createRateLimits(bed.handle, { ...DEFAULT_RATE_LIMITS, workspaceCreations: { points: 1, seconds: 60 } }),
    });
    const person = await newPerson('limited');
    const caller = createCaller(createInnerContext({ system: limited, viewer: await viewerFor(limited, person.userId) }));
    await caller.workspaces.create({ name: 'One' });
    expect(await codeOf(caller.workspaces.create({ name: 'Two' }))).toBe('TOO_MANY_REQUESTS');
  });

  it('renames for owners and admins; FORBIDDEN for a member; NOT_FOUND for another or a missing workspace', async () => {
    const team = await teamWorkspace();
    expect(await (await callerFor(team.admin.userId)).workspaces.rename({ workspaceId: team.workspaceId, name: 'Renamed' })).toEqual({
      id: team.workspaceId,
      name: 'Renamed',
    });
    expect(await codeOf((await callerFor(team.member.userId)).workspaces.rename({ workspaceId: team.workspaceId, name: 'No' }))).toBe(
      'FORBIDDEN',
    );
    const foreign = await rejection(
      (await callerFor(OTHER_TENANT_OWNER.userId)).workspaces.rename({ workspaceId: team.workspaceId, name: 'No' }),
    );
    const missingId = randomUUID();
    const missing = await rejection((await callerFor(OTHER_TENANT_OWNER.userId)).workspaces.rename({ workspaceId: missingId, name: 'No' }));
    expect([foreign.code, missing.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(foreign.message.replace(team.workspaceId, '<id>')).toBe(missing.message.replace(missingId, '<id>'));
  });
});

describe('team', () => {
  it('lists members and pending invites to every member, and nothing to another tenant', async () => {
    const team = await teamWorkspace();
    await (await callerFor(team.owner.userId)).team.invite({ workspaceId: team.workspaceId, email: 'Pending@Example.com', role: 'member' });
    const list = await (await callerFor(team.member.userId)).team.list({ workspaceId: team.workspaceId });
    expect(list.members.map((m) => [m.displayName, m.role])).toEqual([
      ['owner', 'owner'],
      ['admin', 'admin'],
      ['member', 'member'],
    ]);
    expect(list.invites).toEqual([{ id: expect.any(String), email: 'pending@example.com', role: 'member', createdAt: expect.any(Date) }]);
    expect(await codeOf((await callerFor(DEMO_OWNER.userId)).team.list({ workspaceId: team.workspaceId }))).toBe('NOT_FOUND');
  });

  it('shows the demo team to its owner', async () => {
    const list = await (await callerFor(DEMO_OWNER.userId)).team.list({ workspaceId: DEMO_TENANTS.northwind.id });
    expect(list.members.map((m) => m.userId)).toEqual(expect.arrayContaining([DEMO_OWNER.userId, DEMO_MEMBER.userId]));
  });

  it('lets owners and admins invite and revoke; FORBIDDEN for a member', async () => {
    const team = await teamWorkspace();
    const admin = await callerFor(team.admin.userId);
    const invite = await admin.team.invite({ workspaceId: team.workspaceId, email: 'new@example.com', role: 'admin' });
    expect(invite).toMatchObject({ email: 'new@example.com', role: 'admin' });
    const member = await callerFor(team.member.userId);
    expect(await codeOf(member.team.invite({ workspaceId: team.workspaceId, email: 'x@example.com', role: 'member' }))).toBe('FORBIDDEN');
    expect(await codeOf(member.team.revokeInvite({ workspaceId: team.workspaceId, inviteId: invite.id }))).toBe('FORBIDDEN');
    expect(await admin.team.revokeInvite({ workspaceId: team.workspaceId, inviteId: invite.id })).toEqual({ id: invite.id });
    expect(await codeOf(admin.team.revokeInvite({ workspaceId: team.workspaceId, inviteId: invite.id }))).toBe('NOT_FOUND');
  });

  it('answers CONFLICT for a member or a pending invite, BAD_REQUEST naming the email or an owner role', async () => {
    const team = await teamWorkspace();
    const owner = await callerFor(team.owner.userId);
    const member = await rejection(owner.team.invite({ workspaceId: team.workspaceId, email: team.member.email, role: 'member' }));
    expect([member.code, member.message]).toEqual(['CONFLICT', `${team.member.email} is already a member of this workspace`]);
    await owner.team.invite({ workspaceId: team.workspaceId, email: 'dup@example.com', role: 'member' });
    const duplicate = await rejection(owner.team.invite({ workspaceId: team.workspaceId, email: 'dup@example.com', role: 'member' }));
    expect([duplicate.code, duplicate.message]).toEqual(['CONFLICT', 'An invite for dup@example.com is already pending']);
    const badEmail = await rejection(owner.team.invite({ workspaceId: team.workspaceId, email: 'nope', role: 'member' }));
    expect(badEmail.code).toBe('BAD_REQUEST');
    expect(badEmail.message).toMatch(/email/);
    const ownerRole = await rejection(
      owner.team.invite({ workspaceId: team.workspaceId, email: 'o@example.com', role: 'owner' as 'admin' }),
    );
    expect(ownerRole.code).toBe('BAD_REQUEST');
    expect(ownerRole.message).toMatch(/role/);
  });

  it("NOT_FOUND for another tenant's invite, member or workspace", async () => {
    const mine = await teamWorkspace();
    const theirs = await teamWorkspace();
    const theirInvite = await (await callerFor(theirs.owner.userId)).team.invite({
      workspaceId: theirs.workspaceId,
      email: 'x@example.com',
      role: 'member',
    });
    const owner = await callerFor(mine.owner.userId);
    expect(await codeOf(owner.team.revokeInvite({ workspaceId: mine.workspaceId, inviteId: theirInvite.id }))).toBe('NOT_FOUND');
    expect(await codeOf(owner.team.setRole({ workspaceId: mine.workspaceId, userId: theirs.member.userId, role: 'admin' }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(owner.team.remove({ workspaceId: mine.workspaceId, userId: theirs.member.userId }))).toBe('NOT_FOUND');
    expect(await codeOf(owner.team.remove({ workspaceId: theirs.workspaceId, userId: theirs.member.userId }))).toBe('NOT_FOUND');
    expect((await (await callerFor(theirs.owner.userId)).team.list({ workspaceId: theirs.workspaceId })).members).toHaveLength(3);
  });

  it('lets only owners change roles and remove members; the last owner stays', async () => {
    const team = await teamWorkspace();
    for (const userId of [team.admin.userId, team.member.userId]) {
      const caller = await callerFor(userId);
      expect(await codeOf(caller.team.setRole({ workspaceId: team.workspaceId, userId: team.member.userId, role: 'admin' }))).toBe(
        'FORBIDDEN',
      );
      expect(await codeOf(caller.team.remove({ workspaceId: team.workspaceId, userId: team.member.userId }))).toBe('FORBIDDEN');
    }
    const owner = await callerFor(team.owner.userId);
    const demoted = await rejection(owner.team.setRole({ workspaceId: team.workspaceId, userId: team.owner.userId, role: 'admin' }));
    expect([demoted.code, demoted.message]).toEqual(['CONFLICT', 'The last owner cannot be demoted: make another member an owner first']);
    const removed = await rejection(owner.team.remove({ workspaceId: team.workspaceId, userId: team.owner.userId }));
    expect([removed.code, removed.message]).toEqual(['CONFLICT', 'The last owner cannot be removed: make another member an owner first']);

    expect(await owner.team.setRole({ workspaceId: team.workspaceId, userId: team.admin.userId, role: 'owner' })).toMatchObject({
      userId: team.admin.userId,
      role: 'owner',
    });
    expect(await owner.team.remove({ workspaceId: team.workspaceId, userId: team.member.userId })).toEqual({ userId: team.member.userId });
    expect(await codeOf((await callerFor(team.member.userId)).team.list({ workspaceId: team.workspaceId }))).toBe('NOT_FOUND');
  });
});
