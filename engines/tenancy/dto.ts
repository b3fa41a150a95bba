import { z } from 'zod';
import { MembershipRole } from '../enums';

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
