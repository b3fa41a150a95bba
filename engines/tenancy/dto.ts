import { z } from 'zod';
import { InviteRole, MembershipRole } from '../enums';

export const MembershipDTO = z.object({
  tenantId: z.uuid(),
  role: MembershipRole,
});
export type MembershipDTO = z.infer<typeof MembershipDTO>;

/** Who is signed in: the auth user id, the profile (absent for a user who has none yet) and the tenants. */
export const ViewerProfileDTO = z.object({
  userId: z.uuid(),
  email: z.string().nullable(),
  displayName: z.string().nullable(),
  memberships: z.array(MembershipDTO),
});
export type ViewerProfileDTO = z.infer<typeof ViewerProfileDTO>;

/** A user the demo sign-in offers, with the tenants they belong to. */
export const SignInUserDTO = z.object({
  userId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  memberships: z.array(MembershipDTO.extend({ tenantName: z.string() })),
});
export type SignInUserDTO = z.infer<typeof SignInUserDTO>;

export const BrandTenantInput = z.object({
  brandId: z.uuid(),
  /** The tenants the caller may reach; the brand must belong to one of them. */
  tenantIds: z.array(z.uuid()),
});
export type BrandTenantInput = z.infer<typeof BrandTenantInput>;

// Workspaces and their teams ------------------------------------------------------------------------

/** A workspace's name as a person types it: trimmed, 1–200 characters (tenants.name's own check). */
const WorkspaceName = z.string().trim().min(1, 'Give the workspace a name').max(200, 'A workspace name has at most 200 characters');

/** An email as invites and profiles store it: trimmed and lower-cased, so one address is one person. */
export const NormalizedEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, 'An email address has at most 320 characters')
  .pipe(z.email('Enter a valid email address'));

export const CreateWorkspaceInput = z.object({ name: WorkspaceName });
export type CreateWorkspaceInput = z.infer<typeof CreateWorkspaceInput>;

export const RenameWorkspaceInput = z.object({ name: WorkspaceName });
export type RenameWorkspaceInput = z.infer<typeof RenameWorkspaceInput>;

export const WorkspaceDTO = z.object({ id: z.uuid(), name: z.string() });
export type WorkspaceDTO = z.infer<typeof WorkspaceDTO>;

/** One of the viewer's workspaces with their role there. */
export const WorkspaceMembershipDTO = WorkspaceDTO.extend({ role: MembershipRole });
export type WorkspaceMembershipDTO = z.infer<typeof WorkspaceMembershipDTO>;

/** What sign-in knows of a person from their verified token, for their profile row. */
export const EnsureProfileInput = z.object({
  email: NormalizedEmail,
  displayName: z.string().trim().min(1).max(200),
});
export type EnsureProfileInput = z.infer<typeof EnsureProfileInput>;

export const TeamMemberDTO = z.object({
  userId: z.uuid(),
  /** Null for a member who has never signed in since profiles were kept (no profile row yet). */
  email: z.string().nullable(),
  displayName: z.string().nullable(),
  role: MembershipRole,
});
export type TeamMemberDTO = z.infer<typeof TeamMemberDTO>;

export const PendingInviteDTO = z.object({
  id: z.uuid(),
  email: z.string(),
  role: InviteRole,
  createdAt: z.date(),
});
export type PendingInviteDTO = z.infer<typeof PendingInviteDTO>;

export const TeamDTO = z.object({ members: z.array(TeamMemberDTO), invites: z.array(PendingInviteDTO) });
export type TeamDTO = z.infer<typeof TeamDTO>;

export const InviteInput = z.object({ email: NormalizedEmail, role: InviteRole });
export type InviteInput = z.infer<typeof InviteInput>;

export const RevokeInviteInput = z.object({ inviteId: z.uuid() });
export type RevokeInviteInput = z.infer<typeof RevokeInviteInput>;

export const SetRoleInput = z.object({ userId: z.uuid(), role: MembershipRole });
export type SetRoleInput = z.infer<typeof SetRoleInput>;

export const RemoveMemberInput = z.object({ userId: z.uuid() });
export type RemoveMemberInput = z.infer<typeof RemoveMemberInput>;

/** An invite sign-in accepted, and the membership it gave. */
export const AcceptedInviteDTO = z.object({ inviteId: z.uuid(), tenantId: z.uuid(), role: InviteRole });
export type AcceptedInviteDTO = z.infer<typeof AcceptedInviteDTO>;
