import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db/client';
import { memberships, tenants, userProfiles } from '../db/schema';
import { NotFoundError } from '../errors';
import {
  CreateWorkspaceInput,
  EnsureProfileInput,
  NormalizedEmail,
  RenameWorkspaceInput,
  WorkspaceDTO,
  WorkspaceMembershipDTO,
} from './dto';

const UserId = z.uuid();
const TenantId = z.uuid();

/**
 * Workspaces (a workspace is a tenant) as people make and name them, and the profile a person gets on
 * first sign-in. Who may do what is the caller's check; the tenant id given is one the caller resolved.
 */
export class WorkspacesEngine {
  constructor(private readonly db: Database) {}

  /** A new workspace with `userId` as its owner: tenant and membership land together or not at all. */
  async createWorkspace(userId: string, input: CreateWorkspaceInput): Promise<WorkspaceDTO> {
    const owner = UserId.parse(userId);
    const { name } = CreateWorkspaceInput.parse(input);
    return this.db.transaction(async (tx) => {
      const [tenant] = await tx.insert(tenants).values({ name }).returning({ id: tenants.id, name: tenants.name });
      await tx.insert(memberships).values({ tenantId: tenant!.id, userId: owner, role: 'owner' });
      return WorkspaceDTO.parse(tenant);
    });
  }

  async renameWorkspace(tenantId: string, input: RenameWorkspaceInput): Promise<WorkspaceDTO> {
    const id = TenantId.parse(tenantId);
    const { name } = RenameWorkspaceInput.parse(input);
    const [tenant] = await this.db
      .update(tenants)
      .set({ name, updatedAt: sql`now()` })
      .where(and(eq(tenants.id, id), isNull(tenants.deletedAt)))
      .returning({ id: tenants.id, name: tenants.name });
    if (!tenant) throw new NotFoundError('Workspace', id);
    return WorkspaceDTO.parse(tenant);
  }

  /** The user's live workspaces with their role, by name (then id, so the order never flips). */
  async listWorkspaces(userId: string): Promise<WorkspaceMembershipDTO[]> {
    const user = UserId.parse(userId);
    const rows = await this.db
      .select({ id: tenants.id, name: tenants.name, role: memberships.role })
      .from(memberships)
      .innerJoin(tenants, and(eq(tenants.id, memberships.tenantId), isNull(tenants.deletedAt)))
      .where(and(eq(memberships.userId, user), isNull(memberships.deletedAt)))
      // Spelled-out collation: PGlite and a PostgreSQL server in another locale must agree.
      .orderBy(sql`lower(${tenants.name}) collate "C"`, asc(tenants.id));
    return rows.map((row) => WorkspaceMembershipDTO.parse(row));
  }

  /**
   * The user's profile row, made on their first sign-in (Supabase users have none until then, and the
   * team list shows names and emails from it). An existing profile is left as it is: one statement,
   * no write, on every later request.
   */
  async ensureProfile(userId: string, input: EnsureProfileInput): Promise<void> {
    const user = UserId.parse(userId);
    const { email, displayName } = EnsureProfileInput.parse(input);
    await this.db.insert(userProfiles).values({ userId: user, email, displayName }).onConflictDoNothing({ target: userProfiles.userId });
  }

  /** The user whose live profile has this email (compared lower-cased), or null. */
  async findUserIdByEmail(email: string): Promise<string | null> {
    const normalized = NormalizedEmail.parse(email);
    const [row] = await this.db
      .select({ userId: userProfiles.userId })
      .from(userProfiles)
      .where(and(sql`lower(${userProfiles.email}) = ${normalized}`, isNull(userProfiles.deletedAt)))
      .orderBy(asc(userProfiles.createdAt), asc(userProfiles.userId))
      .limit(1);
    return row?.userId ?? null;
  }
}
