import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../engines/db/client';
import { rows } from '../../engines/db/migrator';
import { sqlState } from '../../engines/db/sql-state';
import { errorCode } from '../../engines/errors';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createSystemContext } from '../orchestrator/context';
import { DEFAULT_RATE_LIMITS } from './config';
import { createRateLimits, RATE_LIMIT_TABLE } from './limits';

let handle: TestDatabase;
/** PostgreSQL: a second pool on the same database, as a second server instance has. PGlite: the same handle (one opener per process). */
let secondInstance: DatabaseHandle;

beforeAll(async () => {
  handle = await createTestDatabase();
  secondInstance = handle.url ? await openDatabase({ url: handle.url, maxConnections: 2 }) : handle;
});
afterAll(async () => {
  if (secondInstance !== handle) await secondInstance.close();
  await handle.close();
});

async function refusal(attempt: Promise<unknown>): Promise<{ code: string | undefined; retryAfterSeconds: unknown; message: string }> {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return {
    code: errorCode(error),
    retryAfterSeconds: (error as { retryAfterSeconds?: unknown }).retryAfterSeconds,
    message: (error as Error).message,
  };
}

async function storedKeys(): Promise<string[]> {
  return rows<{ key: string }>(await handle.db.execute(sql`select key from ${sql.identifier(RATE_LIMIT_TABLE)}`)).map((r) => r.key);
}

describe('where the counts live', () => {
  it('on PostgreSQL every server instance shares the counts; on PGlite each context counts in memory, writing no row', async () => {
    const ip = '203.0.113.7';
    // As getSystemContext builds them: the default allowances over each instance's own database handle.
    const first = createSystemContext(handle, { limits: createRateLimits(handle) });
    const second = createSystemContext(secondInstance, { limits: createRateLimits(secondInstance) });
    const { points } = DEFAULT_RATE_LIMITS.signIns;

    if (handle.driver === 'postgres') {
      expect([first.limits.store, second.limits.store]).toEqual(['postgres', 'postgres']);
      for (let i = 0; i < points; i++) await (i % 2 === 0 ? first : second).limits.consume('signIns', ip);
      // Each instance saw only half of the attempts, yet both refuse the next one.
      expect((await refusal(first.limits.consume('signIns', ip))).code).toBe('rate_limited');
      expect((await refusal(second.limits.consume('signIns', ip))).code).toBe('rate_limited');
      // The table holds digests: neither the address nor anything containing it.
      const keys = await storedKeys();
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatch(/^signIns:[A-Za-z0-9_-]{43}$/);
      expect(keys[0]).not.toContain(ip);
    } else {
      expect([first.limits.store, second.limits.store]).toEqual(['memory', 'memory']);
      for (let i = 0; i < points; i++) await first.limits.consume('signIns', ip);
      expect((await refusal(first.limits.consume('signIns', ip))).code).toBe('rate_limited');
      // One process, one PGlite: a second context is a second set of counters, not a second instance.
      await second.limits.consume('signIns', ip);
      expect(await storedKeys()).toEqual([]);
    }
  });

  it('the client roles can neither read nor write the counters', async () => {
    for (const role of ['anon', 'authenticated']) {
      const state = await handle.db
        .transaction(async (tx) => {
          await tx.execute(sql.raw(`set local role ${role}`));
          await tx.execute(sql`select * from ${sql.identifier(RATE_LIMIT_TABLE)}`);
        })
        .then(
          () => 'accepted',
          (error: unknown) => sqlState(error),
        );
      expect(state, role).toBe('42501');
    }
  });
});

describe('limits on attempts and on failures', () => {
  const limits = () =>
    createRateLimits(handle, {
      ...DEFAULT_RATE_LIMITS,
      packageBuilds: { points: 3, seconds: 600 },
      ingestKeyGuesses: { points: 2, seconds: 60 },
    });

  it('consume refuses the attempt over the allowance with the seconds left in the window', async () => {
    const packageBuilds = limits();
    for (let i = 0; i < 3; i++) await packageBuilds.consume('packageBuilds', 'user-a');
    const refused = await refusal(packageBuilds.consume('packageBuilds', 'user-a'));
    expect(refused.code).toBe('rate_limited');
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
    expect(refused.message).toBe(`Too many package builds: try again in ${refused.retryAfterSeconds} s`);
    // Keys are counted apart, and so are limits.
    await packageBuilds.consume('packageBuilds', 'user-b');
    await packageBuilds.consume('regenerations', 'user-a');
  });

  it('a failure limit counts failures only: checking spends nothing, and it refuses once the failures are used up', async () => {
    const guesses = limits();
    for (let i = 0; i < 10; i++) await guesses.refuseIfExhausted('ingestKeyGuesses', '198.51.100.1');
    await guesses.countFailure('ingestKeyGuesses', '198.51.100.1');
    await guesses.refuseIfExhausted('ingestKeyGuesses', '198.51.100.1');
    await guesses.countFailure('ingestKeyGuesses', '198.51.100.1');
    const refused = await refusal(guesses.refuseIfExhausted('ingestKeyGuesses', '198.51.100.1'));
    expect(refused.code).toBe('rate_limited');
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(refused.message).toMatch(/^Too many requests with an invalid ingest key: try again in \d+ s$/);
    await guesses.refuseIfExhausted('ingestKeyGuesses', '198.51.100.2');
  });
});
