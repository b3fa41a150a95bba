import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type DatabaseConfig, type DatabaseHandle, databaseConfigFromEnv, openDatabase } from './client';
import { type FakePostgres, type FakePostgresOptions, startFakePostgres } from './fake-postgres';

// The PostgreSQL pool against a server that misbehaves. The failures are the server's, not the
// driver's under test, so they are staged by a fake server on loopback and run the same whether the
// suite runs on PGlite or on PostgreSQL.

const opened: { server: FakePostgres; handle: DatabaseHandle }[] = [];

async function open(
  serverOptions: FakePostgresOptions,
  timeouts: Pick<DatabaseConfig, 'connectTimeoutMs' | 'statementTimeoutMs' | 'poolWaitMs'> = {},
) {
  const server = await startFakePostgres(serverOptions);
  const handle = await openDatabase({ url: server.url, maxConnections: 1, ...timeouts });
  opened.push({ server, handle });
  return { server, handle, pool: handle.pgPool! };
}

/** The driver's own error, under Drizzle's "Failed query" wrapper. */
async function driverError(query: Promise<unknown>): Promise<string> {
  const error = await query.then(
    () => 'the query succeeded',
    (e: unknown) => e,
  );
  return error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
}

afterEach(async () => {
  vi.restoreAllMocks();
  for (const { server, handle } of opened.splice(0)) {
    await handle.close();
    await server.close();
  }
});

describe('a stalled database', () => {
  it('fails a query that cannot get a connection once the connect timeout passes', async () => {
    const { handle } = await open({ answerStartup: false, answerQueries: false }, { connectTimeoutMs: 200 });
    expect(await driverError(handle.db.execute(sql`select 1`))).toMatch(/timeout/i);
  });

  it('fails a query the server never answers instead of waiting for it', async () => {
    const { handle } = await open({ answerStartup: true, answerQueries: false }, { statementTimeoutMs: 100 });
    expect(await driverError(handle.db.execute(sql`select 1`))).toMatch(/timeout/i);
  });
});

describe('a pool whose connections are all busy', () => {
  it('lets the next query wait its turn past the connect timeout instead of calling the database unavailable', async () => {
    const { handle } = await open(
      { answerStartup: true, answerQueries: true, stallOn: 'slow report' },
      { connectTimeoutMs: 100, statementTimeoutMs: 50, poolWaitMs: 10_000 },
    );
    const slow = driverError(handle.db.execute(sql`select 'slow report'`));
    await expect(handle.db.execute(sql`select 1`)).resolves.toBeDefined();
    expect(await slow).toMatch(/timeout/i);
  });

  it('still gives up once the pool wait is over', async () => {
    const { handle } = await open(
      { answerStartup: true, answerQueries: true, stallOn: 'slow report' },
      { connectTimeoutMs: 5_000, statementTimeoutMs: 50, poolWaitMs: 100 },
    );
    const slow = driverError(handle.db.execute(sql`select 'slow report'`));
    expect(await driverError(handle.db.execute(sql`select 1`))).toMatch(/timeout exceeded when trying to connect/);
    expect(await slow).toMatch(/timeout/i);
  });
});

describe('a statement that times out on the client inside a transaction', () => {
  it('closes its connection instead of handing the open transaction to the next caller', async () => {
    const { server, handle } = await open(
      { answerStartup: true, answerQueries: true, stallOn: 'never answered' },
      { statementTimeoutMs: 100 },
    );
    const failure = driverError(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`select 'never answered'`);
      }),
    );
    expect(await failure).toMatch(/timeout/i);

    await expect(handle.db.execute(sql`select 1`)).resolves.toBeDefined();
    expect(server.connections()).toBe(2);
  });
});

describe('a transaction whose begin times out on the client', () => {
  it('hands its connection back, so the pool is not left without one', async () => {
    const { server, handle } = await open({ answerStartup: true, answerQueries: true, stallOn: 'begin' }, { statementTimeoutMs: 100 });
    const failure = driverError(handle.db.transaction(async () => {}));
    expect(await failure).toMatch(/timeout/i);

    await expect(handle.db.execute(sql`select 1`)).resolves.toBeDefined();
    expect(server.connections()).toBe(2);
  });
});

describe('a connection the server terminates', () => {
  it('while idle in the pool is replaced, and the process carries on', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { server, handle, pool } = await open({ answerStartup: true, answerQueries: true });
    await handle.db.execute(sql`select 1`);
    expect(pool.idleCount).toBe(1);

    server.terminateAll();
    await vi.waitFor(() => expect(pool.totalCount).toBe(0));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('57P01'));

    await expect(handle.db.execute(sql`select 1`)).resolves.toBeDefined();
    expect(server.connections()).toBe(2);
  });

  it('inside a transaction fails that transaction only, and the next query gets a new connection', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { server, handle } = await open({ answerStartup: true, answerQueries: true });
    const failure = driverError(
      handle.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
        server.terminateAll();
        // The connection is checked out and between statements: only its own listener hears the end.
        await vi.waitFor(() => expect(warn).toHaveBeenCalled());
        await tx.execute(sql`select 1`);
      }),
    );
    expect(await failure).toMatch(/not queryable/);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('57P01'));

    await expect(handle.db.execute(sql`select 1`)).resolves.toBeDefined();
    expect(server.connections()).toBe(2);
  });
});

describe('databaseConfigFromEnv', () => {
  it('reads the PostgreSQL timeouts in milliseconds', () => {
    expect(
      databaseConfigFromEnv({
        DATABASE_URL: 'postgres://kairo@127.0.0.1:5432/kairo',
        KAIRO_DB_CONNECT_TIMEOUT_MS: '3000',
        KAIRO_DB_STATEMENT_TIMEOUT_MS: '0',
        KAIRO_DB_POOL_WAIT_MS: '20000',
        KAIRO_DB_POOL_SIZE: '25',
      }),
    ).toEqual({
      url: 'postgres://kairo@127.0.0.1:5432/kairo',
      connectTimeoutMs: 3000,
      statementTimeoutMs: 0,
      poolWaitMs: 20000,
      maxConnections: 25,
    });
  });

  it('leaves unset timeouts to the defaults', () => {
    const config = databaseConfigFromEnv({ DATABASE_URL: 'postgres://kairo@127.0.0.1:5432/kairo' });
    expect(config).toEqual({
      url: 'postgres://kairo@127.0.0.1:5432/kairo',
      connectTimeoutMs: undefined,
      statementTimeoutMs: undefined,
      poolWaitMs: undefined,
      maxConnections: undefined,
    });
  });

  it('refuses a timeout that is not a whole number of milliseconds, naming the variable', () => {
    const env = { DATABASE_URL: 'postgres://kairo@127.0.0.1:5432/kairo', KAIRO_DB_STATEMENT_TIMEOUT_MS: '15s' };
    expect(() => databaseConfigFromEnv(env)).toThrow('KAIRO_DB_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds, got "15s"');
  });
});
