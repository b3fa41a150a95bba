import type { MembershipRole } from '@/engines/enums';

export const ROLE_LABELS: Record<MembershipRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** Owners and admins run the workspace: its name, invites and brands. */
export const canManage = (role: MembershipRole): boolean => role === 'owner' || role === 'admin';
