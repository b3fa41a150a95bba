import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { type DatabaseHandle, openDatabase } from './client';
import { rows } from './migrator';
import { brands } from './schema';
import { sqlState } from './sql-state';

// postgres.js 3.4 kept its row counter when a query failed after PostgreSQL had streamed some rows,
// so the next query on that connection resolved with leading holes: other tenants' requests read
// wrong rows. The failing query below streams three rows, then divides by zero on the fourth.

let handle: TestDatabase;
/** One connection, so every query after the failure runs where the failure happened. */
let single: DatabaseHandle;
let fx: TenantFixture;

beforeAll(async () => {
  handle = await createTestDatabase();
  // PGlite is one session already; on PostgreSQL a pool of one forces the reuse.
  single = handle.url ? await openDatabase({ url: handle.url, maxConnections: 1 }) : handle;
  fx = await createTenantFixture(handle.db, 'Driver Co');
});
afterAll(async () => {
  if (single !== handle) await single.close();
  await handle.close();
});

const failMidStream = () => single.db.execute(sql`select n, 12 / (4 - n) as q from generate_series(1, 6) as n`);

describe('a query that fails after streaming rows', () => {
  it('fails with the database error and leaves the next query on the connection its exact rows', async () => {
    for (let round = 0; round < 3; round++) {
      const error = await failMidStream().then(
        () => null,
        (e: unknown) => e,
      );
      expect(sqlState(error), `round ${round}`).toBe('22012');

      const found = rows<{ n: number }>(await single.db.execute(sql`select n from generate_series(1, 5) as n order by n`));
      expect(found, `round ${round}`).toEqual([1, 2, 3, 4, 5].map((n) => ({ n })));
    }
  });

  it('leaves a typed select after the failure its own rows', async () => {
    await expect(failMidStream()).rejects.toThrow();
    const found = await single.db
      .select({ id: brands.id, tenantId: brands.tenantId })
      .from(brands)
      .where(eq(brands.tenantId, fx.tenantId))
      .orderBy(asc(brands.id));
    expect(found).toEqual([{ id: fx.brandId, tenantId: fx.tenantId }]);
  });

  it('rolls a transaction that failed mid-stream back and leaves the connection usable', async () => {
    await expect(
      single.db.transaction(async (tx) => {
        await tx.update(brands).set({ name: 'Renamed inside the failed transaction' }).where(eq(brands.id, fx.brandId));
        await tx.execute(sql`select n, 12 / (4 - n) as q from generate_series(1, 6) as n`);
      }),
    ).rejects.toThrow();
    const [brand] = await single.db.select({ name: brands.name }).from(brands).where(eq(brands.id, fx.brandId));
    expect(brand).toEqual({ name: 'Driver Co brand' });
  });
});
