import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { memberships, tenants, userProfiles, workspaceInvites } from '../db/schema';
import type { MembershipRole } from '../enums';
import { ConflictError, ForbiddenError, InvariantViolationError, NotFoundError } from '../errors';
import { isUniqueViolation, type Tx } from '../scope';
import {
  AcceptedInviteDTO,
  InviteInput,
  NormalizedEmail,
  PendingInviteDTO,
  RemoveMemberInput,
  RevokeInviteInput,
  SetRoleInput,
  TeamDTO,
  TeamMemberDTO,
} from './dto';

const UserId = z.uuid();
const TenantId = z.uuid();

/** Owners first, then admins, then members: the order a team page lists them in. */
const ROLE_RANK = sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 else 2 end`;

const pendingInvite = and(isNull(workspaceInvites.acceptedAt), isNull(workspaceInvites.revokedAt), isNull(workspaceInvites.deletedAt));

/**
 * The people of one workspace (a tenant): its members with their roles and its pending invites. Every
 * method takes the tenant the caller resolved from the viewer's memberships; a member, invite or user of
 * another tenant is NotFound exactly like a missing one. Role changes and removals keep at least one
 * owner, under a lock on the tenant's owner memberships so two concurrent changes cannot both pass.
 */
export class TeamEngine {
  constructor(private readonly db: Database) {}

  async listTeam(tenantId: string): Promise<TeamDTO> {
    const tenant = TenantId.parse(tenantId);
    const [members, invites] = await Promise.all([
      this.db
        .select({ userId: memberships.userId, email: userProfiles.email, displayName: userProfiles.displayName, role: memberships.role })
        .from(memberships)
        .leftJoin(userProfiles, and(eq(userProfiles.userId, memberships.userId), isNull(userProfiles.deletedAt)))
        .where(and(eq(memberships.tenantId, tenant), isNull(memberships.deletedAt)))
        .orderBy(ROLE_RANK, sql`lower(coalesce(${userProfiles.displayName}, '')) collate "C"`, asc(memberships.userId)),
      this.db
        .select({
          id: workspaceInvites.id,
          email: workspaceInvites.email,
          role: workspaceInvites.role,
          createdAt: workspaceInvites.createdAt,
        })
        .from(workspaceInvites)
        .where(and(eq(workspaceInvites.tenantId, tenant), pendingInvite))
        .orderBy(asc(workspaceInvites.createdAt), asc(workspaceInvites.id)),
    ]);
    return TeamDTO.parse({ members, invites });
  }

  /** A pending invite; refused for someone already in the team or an email with an invite pending. */
  async invite(tenantId: string, invitedByUserId: string, input: InviteInput): Promise<PendingInviteDTO> {
    const tenant = TenantId.parse(tenantId);
    const invitedBy = UserId.parse(invitedByUserId);
    const { email, role } = InviteInput.parse(input);
    const [member] = await this.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .innerJoin(userProfiles, eq(userProfiles.userId, memberships.userId))
      .where(and(eq(memberships.tenantId, tenant), isNull(memberships.deletedAt), sql`lower(${userProfiles.email}) = ${email}`))
      .limit(1);
    if (member) throw new ConflictError(`${email} is already a member of this workspace`);
    try {
      const [invite] = await this.db
        .insert(workspaceInvites)
        .values({ tenantId: tenant, email, role, invitedByUserId: invitedBy })
        .returning({
          id: workspaceInvites.id,
          email: workspaceInvites.email,
          role: workspaceInvites.role,
          createdAt: workspaceInvites.createdAt,
        });
      return PendingInviteDTO.parse(invite);
    } catch (error) {
      if (isUniqueViolation(error, 'workspace_invites_pending_uq')) throw new ConflictError(`An invite for ${email} is already pending`);
      throw error;
    }
  }

  /** Withdraws a pending invite; an accepted, revoked or foreign one is NotFound. */
  async revokeInvite(tenantId: string, input: RevokeInviteInput): Promise<{ id: string }> {
    const tenant = TenantId.parse(tenantId);
    const { inviteId } = RevokeInviteInput.parse(input);
    const [revoked] = await this.db
      .update(workspaceInvites)
      .set({ revokedAt: sql`now()`, updatedAt: sql`now()` })
      .where(and(eq(workspaceInvites.id, inviteId), eq(workspaceInvites.tenantId, tenant), pendingInvite))
      .returning({ id: workspaceInvites.id });
    if (!revoked) throw new NotFoundError('Invite', inviteId);
    return revoked;
  }

  /** Owners change roles; the last owner cannot be demoted. */
  async setRole(tenantId: string, actingRole: MembershipRole, input: SetRoleInput): Promise<TeamMemberDTO> {
    const tenant = TenantId.parse(tenantId);
    const { userId, role } = SetRoleInput.parse(input);
    if (actingRole !== 'owner') throw new ForbiddenError('Only owners change roles');
    return this.db.transaction(async (tx) => {
      const owners = await lockOwners(tx, tenant);
      const current = await lockedMember(tx, tenant, userId);
      if (current === 'owner' && role !== 'owner' && owners < 2) throw lastOwner('demoted');
      await tx
        .update(memberships)
        .set({ role, updatedAt: sql`now()` })
        .where(and(eq(memberships.tenantId, tenant), eq(memberships.userId, userId), isNull(memberships.deletedAt)));
      const [member] = await tx
        .select({ userId: memberships.userId, email: userProfiles.email, displayName: userProfiles.displayName, role: memberships.role })
        .from(memberships)
        .leftJoin(userProfiles, and(eq(userProfiles.userId, memberships.userId), isNull(userProfiles.deletedAt)))
        .where(and(eq(memberships.tenantId, tenant), eq(memberships.userId, userId), isNull(memberships.deletedAt)));
      return TeamMemberDTO.parse(member);
    });
  }

  /** Owners remove members (softly: a later invite revives the row); the last owner stays. */
  async removeMember(tenantId: string, actingRole: MembershipRole, input: RemoveMemberInput): Promise<{ userId: string }> {
    const tenant = TenantId.parse(tenantId);
    const { userId } = RemoveMemberInput.parse(input);
    if (actingRole !== 'owner') throw new ForbiddenError('Only owners remove members');
    return this.db.transaction(async (tx) => {
      const owners = await lockOwners(tx, tenant);
      const current = await lockedMember(tx, tenant, userId);
      if (current === 'owner' && owners < 2) throw lastOwner('removed');
      await tx
        .update(memberships)
        .set({ deletedAt: sql`now()`, updatedAt: sql`now()` })
        .where(and(eq(memberships.tenantId, tenant), eq(memberships.userId, userId), isNull(memberships.deletedAt)));
      return { userId };
    });
  }

  /**
   * Accepts every pending invite for the user's verified email, each exactly once: the update claims
   * only invites still pending, so a second sign-in racing this one finds none left. Each gives (or
   * revives) a membership with the invite's role; a live membership is left as it is, never downgraded.
   * With no pending invite, the common case on every request, this is one indexed select.
   */
  async acceptInvitesFor(userId: string, verifiedEmail: string): Promise<AcceptedInviteDTO[]> {
    const user = UserId.parse(userId);
    const email = NormalizedEmail.parse(verifiedEmail);
    const [anyPending] = await this.db
      .select({ id: workspaceInvites.id })
      .from(workspaceInvites)
      .where(and(eq(workspaceInvites.email, email), pendingInvite))
      .limit(1);
    if (!anyPending) return [];
    return this.db.transaction(async (tx) => {
      const accepted = await tx
        .update(workspaceInvites)
        .set({ acceptedAt: sql`now()`, acceptedByUserId: user, updatedAt: sql`now()` })
        .where(
          and(
            eq(workspaceInvites.email, email),
            pendingInvite,
            sql`${workspaceInvites.tenantId} in (select ${tenants.id} from ${tenants} where ${tenants.deletedAt} is null)`,
          ),
        )
        .returning({ inviteId: workspaceInvites.id, tenantId: workspaceInvites.tenantId, role: workspaceInvites.role });
      for (const invite of accepted) {
        await tx
          .insert(memberships)
          .values({ tenantId: invite.tenantId, userId: user, role: invite.role })
          .onConflictDoUpdate({
            target: [memberships.tenantId, memberships.userId],
            set: { role: invite.role, deletedAt: null, updatedAt: sql`now()` },
            setWhere: isNotNull(memberships.deletedAt),
          });
      }
      return accepted.map((invite) => AcceptedInviteDTO.parse(invite));
    });
  }
}

/**
 * How many owners the tenant has, their rows locked until commit. Every role change and removal takes
 * these locks first, in id order, and only then the member's row: a concurrent change waits here and
 * then counts the owners as the first one left them, and no two changes lock in opposite orders.
 */
async function lockOwners(tx: Tx, tenantId: string): Promise<number> {
  const owners = await tx
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.role, 'owner'), isNull(memberships.deletedAt)))
    .orderBy(asc(memberships.id))
    .for('update');
  return owners.length;
}

/** The member's role, their row locked until commit; NotFound for anyone not a live member of the tenant. */
async function lockedMember(tx: Tx, tenantId: string, userId: string): Promise<MembershipRole> {
  const [row] = await tx
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId), isNull(memberships.deletedAt)))
    .for('update');
  if (!row) throw new NotFoundError('Member', userId);
  return row.role;
}

function lastOwner(change: 'demoted' | 'removed'): InvariantViolationError {
  return new InvariantViolationError(`The last owner cannot be ${change}: make another member an owner first`, 'state');
}
