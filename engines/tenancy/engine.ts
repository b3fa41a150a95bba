import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { brands, memberships, tenants, userProfiles } from '../db/schema';
import { NotFoundError } from '../errors';
import { brandIsLive } from '../scope';
import { BrandTenantInput, MembershipDTO, SignInUserDTO, ViewerProfileDTO } from './dto';

const UserId = z.uuid();

/** The demo sign-in page is a short list; a database with more users is not a demo any more. */
const MAX_SIGN_IN_USERS = 50;

/**
 * Who belongs to which tenant. The auth layer turns a verified token's user id into a viewer here,
 * and resolves which of the viewer's tenants owns a brand before any brand-scoped engine is called.
 */
export class TenancyEngine {
  constructor(private readonly db: Database) {}

  /** The user's live memberships of live tenants, ordered by tenant id so the order never flips. */
  async getViewerMemberships(userId: string): Promise<MembershipDTO[]> {
    const user = UserId.parse(userId);
    const rows = await this.db
      .select({ tenantId: memberships.tenantId, role: memberships.role })
      .from(memberships)
      .innerJoin(tenants, and(eq(tenants.id, memberships.tenantId), isNull(tenants.deletedAt)))
      .where(and(eq(memberships.userId, user), isNull(memberships.deletedAt)))
      .orderBy(asc(memberships.tenantId));
    return rows.map((row) => MembershipDTO.parse(row));
  }

  /** The memberships plus the profile's name and email, for showing who is signed in. */
  async getViewerProfile(userId: string): Promise<ViewerProfileDTO> {
    const user = UserId.parse(userId);
    const [profileRows, membershipList] = await Promise.all([
      this.db
        .select({ email: userProfiles.email, displayName: userProfiles.displayName })
        .from(userProfiles)
        .where(and(eq(userProfiles.userId, user), isNull(userProfiles.deletedAt))),
      this.getViewerMemberships(user),
    ]);
    const profile = profileRows[0];
    return ViewerProfileDTO.parse({
      userId: user,
      email: profile?.email ?? null,
      displayName: profile?.displayName ?? null,
      memberships: membershipList,
    });
  }

  /**
   * Every user with a profile and at least one live membership: in the demo these are exactly the
   * seeded users. By display name (ignoring case), then user id; each user's tenants by tenant name.
   */
  async listSignInUsers(): Promise<SignInUserDTO[]> {
    const rows = await this.db
      .select({
        userId: userProfiles.userId,
        email: userProfiles.email,
        displayName: userProfiles.displayName,
        tenantId: memberships.tenantId,
        tenantName: tenants.name,
        role: memberships.role,
      })
      .from(userProfiles)
      .innerJoin(memberships, and(eq(memberships.userId, userProfiles.userId), isNull(memberships.deletedAt)))
      .innerJoin(tenants, and(eq(tenants.id, memberships.tenantId), isNull(tenants.deletedAt)))
      .where(isNull(userProfiles.deletedAt))
      // Spelled-out collation: PGlite and a PostgreSQL server in another locale must agree.
      .orderBy(sql`lower(${userProfiles.displayName}) collate "C"`, asc(userProfiles.userId), asc(tenants.name), asc(tenants.id));
    const users = new Map<string, SignInUserDTO>();
    for (const row of rows) {
      const user = users.get(row.userId) ?? { userId: row.userId, email: row.email, displayName: row.displayName, memberships: [] };
      user.memberships.push({ tenantId: row.tenantId, tenantName: row.tenantName, role: MembershipDTO.shape.role.parse(row.role) });
      users.set(row.userId, user);
    }
    return [...users.values()].slice(0, MAX_SIGN_IN_USERS).map((user) => SignInUserDTO.parse(user));
  }

  /**
   * Which of `tenantIds` owns the live (not archived) brand. A brand of any other tenant is NotFound, exactly like a
   * brand that does not exist, so a caller cannot probe for other tenants' brand ids.
   */
  async findBrandTenant(input: BrandTenantInput): Promise<string> {
    const { brandId, tenantIds } = BrandTenantInput.parse(input);
    if (tenantIds.length === 0) throw new NotFoundError('Brand', brandId);
    const [row] = await this.db
      .select({ tenantId: brands.tenantId })
      .from(brands)
      .innerJoin(tenants, and(eq(tenants.id, brands.tenantId), isNull(tenants.deletedAt)))
      .where(and(eq(brands.id, brandId), inArray(brands.tenantId, tenantIds), brandIsLive()));
    if (!row) throw new NotFoundError('Brand', brandId);
    return row.tenantId;
  }
}
