import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterPostgres } from 'rate-limiter-flexible';
import { DEFAULT_RATE_LIMITS, LIMIT_NAMES, LIMITS, type LimitName, type RateLimitConfig } from './config';
import { RateLimitedError } from './rate-limited-error';

/** Created by supabase/migrations/…_rate_limits.sql in the shape RateLimiterPostgres expects. */
export const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * The limits of one system context. Each method throws RateLimitedError when the caller is over the
 * limit, before anything else happens, so a refused attempt writes nothing of the app's.
 */
export interface RateLimits {
  /**
   * PostgreSQL: shared by every server instance on the database; memory: this process only (PGlite);
   * none: nothing is limited (NO_RATE_LIMITS).
   */
  readonly store: 'postgres' | 'memory' | 'none';
  /** Counts one attempt by `key`; refuses the attempt that goes over. */
  consume(name: LimitName, key: string): Promise<void>;
  /** For limits on failures only (secret guesses): refuses when `key` has no failures left. Counts nothing. */
  refuseIfExhausted(name: LimitName, key: string): Promise<void>;
  /** Counts one failure by `key` (the guess was wrong); never refuses by itself. */
  countFailure(name: LimitName, key: string): Promise<void>;
}

/** What the store is chosen from: a node-postgres pool when the database is PostgreSQL. */
export interface RateLimitDatabase {
  pgPool?: Pool;
}

export function createRateLimits(database: RateLimitDatabase, config: RateLimitConfig = DEFAULT_RATE_LIMITS): RateLimits {
  const store = database.pgPool ? 'postgres' : 'memory';
  const limiters = Object.fromEntries(LIMIT_NAMES.map((name) => [name, createLimiter(name, config[name], database.pgPool)])) as Record<
    LimitName,
    RateLimiterAbstract
  >;

  return {
    store,
    async consume(name, key) {
      try {
        await limiters[name].consume(storedKey(key));
      } catch (rejection) {
        // A store failure (database down) is an Error; a refusal is the limiter's result object.
        if (rejection instanceof Error) throw rejection;
        throw refusal(name, (rejection as { msBeforeNext: number }).msBeforeNext);
      }
    },
    async refuseIfExhausted(name, key) {
      const limiter = limiters[name];
      const used = await limiter.get(storedKey(key));
      // The memory store answers for an expired window until its timer clears it: a window that has
      // ended refuses nothing.
      if (used && used.msBeforeNext > 0 && used.consumedPoints >= limiter.points) throw refusal(name, used.msBeforeNext);
    },
    async countFailure(name, key) {
      await limiters[name].penalty(storedKey(key));
    },
  };
}

/**
 * Limits nothing: the default of a context built for a test of something else, whose calls would
 * otherwise spend one user's allowance many times over. The process's context always has real limits.
 */
export const NO_RATE_LIMITS: RateLimits = {
  store: 'none',
  consume: async () => {},
  refuseIfExhausted: async () => {},
  countFailure: async () => {},
};

function createLimiter(name: LimitName, allowance: { points: number; seconds: number }, pool: Pool | undefined): RateLimiterAbstract {
  const options = { keyPrefix: name, points: allowance.points, duration: allowance.seconds };
  if (!pool) return new RateLimiterMemory(options);
  return new RateLimiterPostgres({
    ...options,
    // The library names its statements, which makes them server-side prepared statements; a
    // transaction pooler (Supabase's) may run the next one on a connection that never prepared it.
    storeClient: { query: (q: { text: string; values?: unknown[] }) => pool.query(q.text, q.values) },
    storeType: 'pool',
    tableName: RATE_LIMIT_TABLE,
    tableCreated: true,
  });
}

/** Keys are user ids, client addresses and ingest keys: the store keeps a digest, never the secret or the address. */
function storedKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

function refusal(name: LimitName, msBeforeNext: number): RateLimitedError {
  return new RateLimitedError(LIMITS[name].what, Math.max(1, Math.ceil(msBeforeNext / 1000)));
}
