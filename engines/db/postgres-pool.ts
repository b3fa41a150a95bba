import { Client, type ClientConfig, Pool, type PoolClient } from 'pg';

// The node-postgres side of engines/db/client.ts: how Kairo's connections time out, survive the
// server ending them, and never carry one caller's transaction into the next caller's queries.

export interface PostgresTimeouts {
  /** How long opening a connection may take; 0 waits forever. */
  connectTimeoutMs?: number;
  /** How long a query may wait for a pooled connection while all are busy. */
  poolWaitMs?: number;
  /** How long one statement may run before the server cancels it; 0 lets it run. */
  statementTimeoutMs?: number;
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/**
 * A burst of requests queues for the pool's connections; a person would rather wait a few seconds more
 * than be told the database is unavailable while it is healthy. As long as a statement may run.
 */
export const DEFAULT_POOL_WAIT_MS = 15_000;
/**
 * The heaviest statement Kairo issues, scoring a brand's 30-day window, takes about 0.3 s over 100,000
 * events (`npm run bench`), so 15 s leaves room for brands tens of times larger; it is still short
 * enough that a page stuck on a lock or an overloaded server answers within seconds, and a third of
 * the learning cron's 45 s call budget.
 */
export const DEFAULT_STATEMENT_TIMEOUT_MS = 15_000;
/**
 * `statement_timeout` needs a server that still answers; one that stopped answering altogether (a
 * frozen host, a black-holed network) is caught on the client this much later, which also covers a
 * pooler that ignores the startup parameter.
 */
const UNANSWERED_GRACE_MS = 2_000;
// A migration may rebuild an index on a large table or wait for another process's migration lock:
// it gets minutes instead of a request's statement timeout, and still cannot hang forever.
const SCRIPT_TIMEOUT_MS = 10 * 60_000;

/**
 * Timeouts are session settings sent at connect time, so they hold on every pooled connection without
 * a round trip. No named prepared statements: Drizzle's node-postgres adapter names a statement only
 * when asked to (`.prepare(name)`, which Kairo never calls) and node-postgres otherwise sends each
 * query as an unnamed one, which a transaction pooler (Supabase's on port 6543, PgBouncer) can serve.
 */
function connectionOptions(url: string, timeouts: PostgresTimeouts, statementTimeoutMs: number): ClientConfig {
  return {
    connectionString: url,
    connectionTimeoutMillis: timeouts.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    ...(statementTimeoutMs > 0 ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + UNANSWERED_GRACE_MS } : {}),
    keepAlive: true,
  };
}

type ConnectCallback = (err: Error | undefined, client: PoolClient | undefined, done: (release?: unknown) => void) => void;

/**
 * Drizzle's node-postgres transactions (0.45) hand their connection back with a plain `release()`
 * whatever happened, and never hand it back at all when `begin` itself fails (drizzle-orm issues
 * #6241, #6114: `begin` runs before the try/finally). Both bite once a statement times out on the
 * client: the server's transaction is still open, its rollback queued behind the unanswered
 * statement, and the next caller's queries would run, and be committed, inside it. So a connection
 * comes back closed unless its transaction ended, and a failed `begin` hands it back itself.
 */
class TransactionSafePool extends Pool {
  override connect(): Promise<PoolClient>;
  override connect(callback: ConnectCallback): void;
  // biome-ignore lint/suspicious/noConfusingVoidType: the implementation of pg's two overloads above, one of which returns nothing
  override connect(callback?: ConnectCallback): Promise<PoolClient> | void {
    // The callback form is `pool.query`'s, which hands the connection back with the query's error.
    if (callback) return super.connect(callback);
    return super.connect().then(guardTransactions);
  }
}

/** Per pooled connection: whether its current checkout was handed back (reset on every checkout). */
const checkouts = new WeakMap<PoolClient, { released: boolean }>();

function guardTransactions(client: PoolClient): PoolClient {
  // The pool sets a fresh `release` on every checkout, so it is wrapped every time; `query` stays the
  // connection's own, so it is wrapped once. Wrapping it on every checkout stacked one wrapper per
  // checkout, and a long-lived process (the cron walk, bench P8) got slower with every transaction.
  let checkout = checkouts.get(client);
  if (checkout) checkout.released = false;
  else {
    checkout = { released: false };
    checkouts.set(client, checkout);
    const current = checkout;
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    client.query = ((...args: unknown[]) => {
      const result = query(...args);
      if (isBegin(args[0]) && result instanceof Promise) {
        result.catch((error: Error) => {
          if (!current.released) client.release(error);
        });
      }
      return result;
    }) as PoolClient['query'];
  }
  const release = client.release;
  const current = checkout;
  client.release = (error?: Error | boolean) => {
    current.released = true;
    release(error || (client.getTransactionStatus() === 'I' ? undefined : new Error('released inside a transaction')));
  };
  return client;
}

function isBegin(query: unknown): boolean {
  const text = typeof query === 'string' ? query : (query as { text?: unknown } | null)?.text;
  return typeof text === 'string' && /^\s*begin\b/i.test(text);
}

export function openPostgresPool(url: string, timeouts: PostgresTimeouts, maxConnections: number): Pool {
  const clientOptions = connectionOptions(url, timeouts, timeouts.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS);
  // node-postgres's pool spends one `connectionTimeoutMillis` on both waiting for a free connection and
  // opening a new one. The pool gets the wait; each connection keeps the (shorter) connect timeout.
  const pool = new TransactionSafePool({
    ...clientOptions,
    connectionTimeoutMillis: timeouts.poolWaitMs ?? DEFAULT_POOL_WAIT_MS,
    max: maxConnections,
    Client: class extends Client {
      constructor() {
        super(clientOptions);
      }
    },
  });
  // A connection the server ends (pg_terminate_backend, a restart, a pooler dropping it) emits
  // 'error': the query running on it has already failed with the error, and the pool discards the
  // connection, but an 'error' event nobody listens to would take the whole process down. Idle
  // connections report through the pool; checked-out ones only through their own client.
  pool.on('connect', (client) => client.on('error', reportLostConnection));
  pool.on('error', () => {
    // Already reported by the connection's own listener above.
  });
  return pool;
}

function reportLostConnection(error: Error): void {
  const code = (error as { code?: unknown }).code;
  console.warn(
    `Kairo database: a pooled connection was lost and will be replaced (${typeof code === 'string' ? `${code}: ` : ''}${error.message})`,
  );
}

/** A script of several statements as one simple-protocol query in one transaction, on its own connection. */
export async function runPostgresScript(url: string, timeouts: PostgresTimeouts, text: string): Promise<void> {
  const client = new Client(connectionOptions(url, timeouts, SCRIPT_TIMEOUT_MS));
  client.on('error', reportLostConnection);
  await client.connect();
  try {
    await client.query('begin');
    try {
      await client.query(text);
      await client.query('commit');
    } catch (error) {
      // Rolling back on a connection that is gone fails too; closing it below rolls back all the same.
      await client.query('rollback').catch(() => {});
      throw error;
    }
  } finally {
    await client.end();
  }
}
