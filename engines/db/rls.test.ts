import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { addTenantContent, CONTENT_TABLES } from '../../test/fixtures/tenant-content';
import type { Database } from './client';
import { rows } from './migrator';
import { brands, ingestKeys, learningWalks, learningWindowRuns, memberships, opportunities, userProfiles } from './schema';
import { sqlState } from './sql-state';

// RLS is the second wall behind the engines (DESIGN.md §3): these tests take the roles a Supabase
// client would (anon, or authenticated with the JWT's `sub`) on PGlite and PostgreSQL alike.

/** Rows each fixture tenant owns, per table: its own fixture, `addTenantContent` and `addMemberAndWindow`. */
const OWN_ROWS: Record<string, number> = {
  tenants: 1,
  memberships: 2,
  brands: 1,
  personas: 2,
  content_pillars: 2,
  ...Object.fromEntries(CONTENT_TABLES.map((table) => [table, 1])),
  learning_window_runs: 1,
};
const TABLES = Object.keys(OWN_ROWS);

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];
type Actor = { role: 'anon' } | { role: 'authenticated'; userId: string };

let handle: TestDatabase;
let tenantA: TenantFixture;
let tenantB: TenantFixture;
let opportunityB: string;
/** A plain member (role `member`) of tenant A, beside the fixture's owner. */
let memberA: string;

/** A second membership (role `member`) and a completed learning window, the tables the fixtures leave empty. */
async function addMemberAndWindow(fx: TenantFixture): Promise<string> {
  const userId = randomUUID();
  await handle.db.insert(userProfiles).values({ userId, email: `${userId}@fixture.example`, displayName: 'Plain member' });
  await handle.db.insert(memberships).values({ tenantId: fx.tenantId, userId, role: 'member' });
  const windowEnd = new Date();
  await handle.db.insert(learningWindowRuns).values({
    tenantId: fx.tenantId,
    brandId: fx.brandId,
    windowStart: addDays(windowEnd, -1),
    windowEnd,
    evidenceFingerprint: 'fixture',
    completedAt: windowEnd,
  });
  return userId;
}

beforeAll(async () => {
  handle = await createTestDatabase();
  tenantA = await createTenantFixture(handle.db, 'Tenant A');
  tenantB = await createTenantFixture(handle.db, 'Tenant B');
  await addTenantContent(handle.db, tenantA);
  ({ opportunityId: opportunityB } = await addTenantContent(handle.db, tenantB));
  memberA = await addMemberAndWindow(tenantA);
  await addMemberAndWindow(tenantB);
});

afterAll(async () => {
  await handle?.close();
});

class Rollback extends Error {}

/**
 * Runs `work` as a Supabase client would reach the database — the role switched and the JWT claims
 * set for this transaction only — then rolls everything back, so no test leaves writes behind.
 * `asOwner` runs first, on the owner connection, inside the same transaction.
 */
async function as<T>(actor: Actor, work: (tx: Tx) => Promise<T>, asOwner?: (tx: Tx) => Promise<void>): Promise<T> {
  let result: T | undefined;
  try {
    await handle.db.transaction(async (tx) => {
      await asOwner?.(tx);
      await tx.execute(sql.raw(`set local role ${actor.role}`));
      const claims = actor.role === 'anon' ? { role: 'anon' } : { sub: actor.userId, role: 'authenticated' };
      await tx.execute(sql`select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true)`);
      result = await work(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  return result as T;
}

async function countRows(tx: Tx, table: string, where = sql`true`): Promise<number> {
  const found = await tx.execute(sql`select count(*)::int as n from ${sql.identifier(table)} where ${where}`);
  return rows<{ n: number }>(found)[0]!.n;
}

async function countAll(tx: Tx): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = await countRows(tx, table);
  return counts;
}

async function refusal(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return sqlState(error);
  }
  throw new Error('the statement was accepted');
}

const INSUFFICIENT_PRIVILEGE = '42501';

/** The write privileges Supabase's default privileges give `authenticated` on every new table. */
async function supabaseDefaultGrants(tx: Tx): Promise<void> {
  await tx.execute(sql.raw('grant insert, update, delete on all tables in schema public to authenticated'));
}

describe('row-level security for a signed-in member', () => {
  it('shows exactly the rows of the member’s own tenant in every tenant-owned table', async () => {
    const visible = await as({ role: 'authenticated', userId: tenantA.ownerUserId }, countAll);
    expect(visible).toEqual(OWN_ROWS);
  });

  it('shows only rows carrying the member’s tenant id', async () => {
    const foreign = await as({ role: 'authenticated', userId: tenantA.ownerUserId }, async (tx) => {
      const counts: Record<string, number> = {};
      const column = (table: string) => (table === 'tenants' ? 'id' : 'tenant_id');
      for (const table of TABLES) {
        counts[table] = await countRows(tx, table, sql`${sql.identifier(column(table))} <> ${tenantA.tenantId}`);
      }
      return counts;
    });
    expect(foreign).toEqual(Object.fromEntries(TABLES.map((table) => [table, 0])));
  });

  it('finds nothing when asking for another tenant’s brand or opportunity by id', async () => {
    const found = await as({ role: 'authenticated', userId: tenantA.ownerUserId }, async (tx) => ({
      brands: (await tx.select().from(brands).where(eq(brands.id, tenantB.brandId))).length,
      opportunities: (await tx.select().from(opportunities).where(eq(opportunities.id, opportunityB))).length,
    }));
    expect(found).toEqual({ brands: 0, opportunities: 0 });
  });

  it('shows a member only their own user profile', async () => {
    const profiles = await as({ role: 'authenticated', userId: tenantA.ownerUserId }, (tx) =>
      tx.execute(sql`select user_id from user_profiles`),
    );
    expect(rows<{ user_id: string }>(profiles).map((r) => r.user_id)).toEqual([tenantA.ownerUserId]);
  });

  it('refuses to insert a brand carrying another tenant’s id', async () => {
    const state = await as({ role: 'authenticated', userId: tenantA.ownerUserId }, (tx) =>
      refusal(
        tx.insert(brands).values({
          tenantId: tenantB.tenantId,
          name: 'Smuggled brand',
          slug: 'smuggled',
          primaryChannel: 'linkedin',
          channels: [{ channel: 'linkedin', handle: 'smuggled' }],
          positioning: 'Not ours to create.',
          toneTags: [],
          taboos: [],
          metadata: {},
        }),
      ),
    );
    expect(state).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('refuses a member who adds themselves to another tenant', async () => {
    const state = await as({ role: 'authenticated', userId: tenantA.ownerUserId }, (tx) =>
      refusal(tx.insert(memberships).values({ tenantId: tenantB.tenantId, userId: tenantA.ownerUserId, role: 'owner' })),
    );
    expect(state).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('changes and deletes nothing of another tenant, even with Supabase’s default write privileges', async () => {
    const touched = await as(
      { role: 'authenticated', userId: tenantA.ownerUserId },
      async (tx) => ({
        updated: (await tx.update(opportunities).set({ title: 'Hijacked' }).where(eq(opportunities.id, opportunityB)).returning()).length,
        deleted: (await tx.delete(brands).where(eq(brands.id, tenantB.brandId)).returning()).length,
      }),
      supabaseDefaultGrants,
    );
    expect(touched).toEqual({ updated: 0, deleted: 0 });
    const [stillThere] = await handle.db.select().from(opportunities).where(eq(opportunities.id, opportunityB));
    expect(stillThere?.title).toBe('Why the close takes two weeks');
  });

  it('shows a signed-in user with no membership nothing at all', async () => {
    const visible = await as({ role: 'authenticated', userId: randomUUID() }, countAll);
    expect(visible).toEqual(Object.fromEntries(TABLES.map((table) => [table, 0])));
  });
});

describe('row-level security for a plain member', () => {
  const member = (): Actor => ({ role: 'authenticated', userId: memberA });

  it('shows the member’s own tenant in every table except the ingest keys', async () => {
    const visible = await as(member(), countAll);
    expect(visible).toEqual({ ...OWN_ROWS, ingest_keys: 0 });
  });

  it('shows another tenant’s rows nowhere', async () => {
    const foreign = await as(member(), async (tx) => ({
      brands: (await tx.select().from(brands).where(eq(brands.id, tenantB.brandId))).length,
      opportunities: (await tx.select().from(opportunities).where(eq(opportunities.id, opportunityB))).length,
      windows: (await tx.select().from(learningWindowRuns).where(eq(learningWindowRuns.tenantId, tenantB.tenantId))).length,
    }));
    expect(foreign).toEqual({ brands: 0, opportunities: 0, windows: 0 });
  });
});

/** Writes a member could try with the anon key on rows of their own tenant. */
const OWN_TENANT_WRITES: [string, (tx: Tx) => Promise<unknown[]>][] = [
  [
    'promoting their own membership to owner',
    (tx) => tx.update(memberships).set({ role: 'owner' }).where(eq(memberships.userId, memberA)).returning(),
  ],
  [
    'inserting an ingest key with a hash of their choosing',
    (tx) =>
      tx.insert(ingestKeys).values({ tenantId: tenantA.tenantId, brandId: tenantA.brandId, name: 'mine', keyHash: 'chosen' }).returning(),
  ],
  ['soft-deleting their brand', (tx) => tx.update(brands).set({ deletedAt: new Date() }).where(eq(brands.id, tenantA.brandId)).returning()],
  ['deleting their brand', (tx) => tx.delete(brands).where(eq(brands.id, tenantA.brandId)).returning()],
  [
    'inserting an opportunity',
    (tx) =>
      tx
        .insert(opportunities)
        .values({
          tenantId: tenantA.tenantId,
          brandId: tenantA.brandId,
          type: 'trend',
          score: 99,
          baseScore: 99,
          learnedAdjustment: 0,
          title: 'Planted',
          angle: 'Written around the server.',
          source: 'anon key',
          dedupeKey: `planted-${randomUUID()}`,
          primaryChannel: 'linkedin',
          suggestedChannels: ['linkedin'],
          isPinned: false,
          createdVia: 'manual',
          metadata: {},
        })
        .returning(),
  ],
];

/** The rows a write changed, or the SQLSTATE that refused it. */
async function attempt(write: (tx: Tx) => Promise<unknown[]>, tx: Tx): Promise<number | string | undefined> {
  try {
    return (await write(tx)).length;
  } catch (error) {
    return sqlState(error);
  }
}

describe('row-level security keeps members read only', () => {
  it.each(OWN_TENANT_WRITES)('refuses a member %s: no write privilege', async (_, write) => {
    expect(await as({ role: 'authenticated', userId: memberA }, (tx) => attempt(write, tx))).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it.each(OWN_TENANT_WRITES)('refuses a member %s even with Supabase’s default write privileges: no write policy', async (_, write) => {
    const outcome = await as({ role: 'authenticated', userId: memberA }, (tx) => attempt(write, tx), supabaseDefaultGrants);
    // An insert meets no policy and fails; an update or delete finds no row it may change.
    expect([0, INSUFFICIENT_PRIVILEGE]).toContain(outcome);
  });

  it('refuses the tenant owner writes through the anon key too, since the server does every write', async () => {
    const outcome = await as(
      { role: 'authenticated', userId: tenantA.ownerUserId },
      (tx) => attempt((t) => t.update(brands).set({ name: 'Renamed' }).where(eq(brands.id, tenantA.brandId)).returning(), tx),
      supabaseDefaultGrants,
    );
    expect(outcome).toBe(0);
  });

  it('leaves every row as it was', async () => {
    const [membership] = await handle.db.select().from(memberships).where(eq(memberships.userId, memberA));
    const [brand] = await handle.db.select().from(brands).where(eq(brands.id, tenantA.brandId));
    expect({ role: membership?.role, deletedAt: brand?.deletedAt, name: brand?.name }).toEqual({
      role: 'member',
      deletedAt: null,
      name: 'Tenant A brand',
    });
  });
});

describe('row-level security for the anon key', () => {
  it('refuses reads outright, since anon holds no table privileges', async () => {
    const state = await as({ role: 'anon' }, (tx) => refusal(tx.select().from(brands)));
    expect(state).toBe(INSUFFICIENT_PRIVILEGE);
  });

  it('shows nothing even with the table privileges Supabase grants anon by default', async () => {
    const grant = async (tx: Tx) => {
      await tx.execute(sql.raw('grant select on all tables in schema public to anon'));
    };
    const visible = await as({ role: 'anon' }, countAll, grant);
    expect(visible).toEqual(Object.fromEntries(TABLES.map((table) => [table, 0])));
  });
});

describe('the owner connection the server uses', () => {
  it('sees every tenant’s rows, because the engines, not RLS, scope its queries', async () => {
    const both = sql`tenant_id in (${tenantA.tenantId}, ${tenantB.tenantId})`;
    const counts: Record<string, number> = {};
    await handle.db.transaction(async (tx) => {
      for (const table of TABLES) {
        const where = table === 'tenants' ? sql`id in (${tenantA.tenantId}, ${tenantB.tenantId})` : both;
        counts[table] = await countRows(tx, table, where);
      }
    });
    expect(counts).toEqual(Object.fromEntries(TABLES.map((table) => [table, 2 * OWN_ROWS[table]!])));
  });
});

describe('row-level security for server-only tables', () => {
  it('gives no client role the learning walks, to read or to write, even with Supabase’s default write privileges', async () => {
    const actors: Actor[] = [{ role: 'anon' }, { role: 'authenticated', userId: tenantA.ownerUserId }];
    const window = { windowStart: new Date('2026-03-01T00:00:00Z'), windowEnd: new Date('2026-03-02T00:00:00Z') };
    for (const actor of actors) {
      expect(await as(actor, (tx) => refusal(tx.select().from(learningWalks)))).toBe(INSUFFICIENT_PRIVILEGE);
      expect(
        await as(
          actor,
          (tx) => refusal(tx.insert(learningWalks).values({ ...window, lastBrandId: tenantA.brandId })),
          supabaseDefaultGrants,
        ),
      ).toBe(INSUFFICIENT_PRIVILEGE);
    }
  });
});

describe('row-level security on every tenant-owned table', () => {
  // A catalog check, so a table a later migration adds is held to the same rule without a fixture row.
  it('has RLS enabled, select-only policies, and no write privilege for a client role', async () => {
    const tables = rows<{ table_name: string }>(
      await handle.db.execute(sql`
        select c.table_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = 'public' and c.column_name = 'tenant_id' and t.table_type = 'BASE TABLE'
        order by 1`),
    ).map((row) => row.table_name);
    expect(tables).toEqual(expect.arrayContaining(['workspace_invites', 'sources', 'signals', 'decisions', 'decision_weights']));
    for (const table of tables) {
      const [security] = rows<{ enabled: boolean }>(
        await handle.db.execute(sql`select relrowsecurity as enabled from pg_class where oid = ${`public.${table}`}::regclass`),
      );
      expect({ table, enabled: security!.enabled }).toEqual({ table, enabled: true });
      const commands = rows<{ cmd: string }>(
        await handle.db.execute(sql`select cmd from pg_policies where schemaname = 'public' and tablename = ${table}`),
      );
      expect({ table, commands: [...new Set(commands.map((p) => p.cmd))] }).toEqual({
        table,
        commands: table === 'learning_walks' ? [] : ['SELECT'],
      });
      for (const role of ['anon', 'authenticated']) {
        const [privileges] = rows<{ writes: boolean }>(
          await handle.db.execute(sql`select has_table_privilege(${role}, ${`public.${table}`}, 'INSERT, UPDATE, DELETE') as writes`),
        );
        expect({ table, role, writes: privileges!.writes }).toEqual({ table, role, writes: false });
      }
    }
  });
});
