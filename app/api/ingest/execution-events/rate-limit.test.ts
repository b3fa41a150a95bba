import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionEvents, ingestKeys } from '@/engines/db/schema';
import { createSystemContext, type SystemContext, setSystemContext } from '@/server/orchestrator/context';
import { DEFAULT_RATE_LIMITS } from '@/server/rate-limit/config';
import { createRateLimits } from '@/server/rate-limit/limits';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createTenantFixture, type TenantFixture } from '@/test/fixtures';
import { insertPackage, insertVariant, metricEvents, type VariantFixture } from '@/test/fixtures/learning';
import { POST } from './route';

const NOW = new Date('2026-03-20T12:00:00Z');
const OCCURRED = new Date('2026-03-18T09:00:00Z');

let handle: TestDatabase;
let system: SystemContext;
let fx: TenantFixture;
let variant: VariantFixture;
let ticks = 0;

beforeAll(async () => {
  handle = await createTestDatabase();
  const limits = createRateLimits(handle, {
    ...DEFAULT_RATE_LIMITS,
    ingestKeyGuesses: { points: 3, seconds: 600 },
    ingestBatches: { points: 2, seconds: 60 },
  });
  // A clock that moves on every reading, so a key's last use would change if a refused request stamped it.
  system = createSystemContext(handle, { limits, clock: () => new Date(NOW.getTime() + ++ticks * 1000) });
  setSystemContext(system);
  fx = await createTenantFixture(handle.db, 'Ingest Limits Co');
  const packageId = await insertPackage(handle.db, fx, { channels: ['linkedin'] });
  variant = await insertVariant(handle.db, fx, { packageId, channel: 'linkedin', publishedAt: new Date('2026-03-17T08:00:00Z') });
});
afterAll(() => handle.close());

function post(key: string, ip: string): Promise<Response> {
  const events = metricEvents(variant, { like: 1 }, OCCURRED);
  return POST(
    new Request('http://localhost/api/ingest/execution-events', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'x-forwarded-for': `${ip}, 10.0.0.1` },
      body: JSON.stringify({ events }),
    }),
  );
}

async function storedEvents(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(executionEvents).where(eq(executionEvents.brandId, fx.brandId));
  return Number(row!.n);
}

async function expectTooMany(response: Response, message: RegExp): Promise<void> {
  expect(response.status).toBe(429);
  const wait = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(wait) && wait >= 1).toBe(true);
  const body = await response.json();
  expect(body).toEqual({ error: expect.stringMatching(message) });
  expect(body.error).toContain(`try again in ${wait} s`);
}

describe('POST /api/ingest/execution-events: rate limits', () => {
  it('an address that spent its failed keys gets 429 with Retry-After, even with a valid key; other addresses do not', async () => {
    const { key } = await system.engines.ingestKeys.createKey(fx, { name: 'Guarded webhook' });
    for (let i = 0; i < 3; i++) expect((await post(`kik_guess-${i}`, '203.0.113.50')).status).toBe(401);
    const before = await storedEvents();
    await expectTooMany(await post('kik_guess-4', '203.0.113.50'), /^Too many requests with an invalid ingest key: try again in \d+ s$/);
    await expectTooMany(await post(key, '203.0.113.50'), /invalid ingest key/);
    expect(await storedEvents()).toBe(before);

    expect((await post('kik_guess-5', '203.0.113.51')).status).toBe(401);
    expect((await post(key, '203.0.113.51')).status).toBe(200);
    expect(await storedEvents()).toBe(before + 1);
  });

  it('a key over its batches per window gets 429 with Retry-After, and the refused batch writes nothing, not even the key’s last use', async () => {
    const { key, id } = await system.engines.ingestKeys.createKey(fx, { name: 'Busy webhook' });
    const { key: otherKey } = await system.engines.ingestKeys.createKey(fx, { name: 'Quiet webhook' });
    expect((await post(key, '198.51.100.20')).status).toBe(200);
    expect((await post(key, '198.51.100.21')).status).toBe(200);
    const before = await storedEvents();
    const lastUse = async () =>
      (await handle.db.select({ at: ingestKeys.lastUsedAt }).from(ingestKeys).where(eq(ingestKeys.id, id)))[0]!.at;
    const usedAt = await lastUse();

    await expectTooMany(await post(key, '198.51.100.22'), /^Too many ingest batches: try again in \d+ s$/);
    expect(await storedEvents()).toBe(before);
    expect(await lastUse()).toEqual(usedAt);
    // Another key of the same brand, from the same address, has its own allowance.
    expect((await post(otherKey, '198.51.100.22')).status).toBe(200);
  });
});
