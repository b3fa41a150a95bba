import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext, setSystemContext } from '@/server/orchestrator/context';
import { DEFAULT_RATE_LIMITS } from '@/server/rate-limit/config';
import { createRateLimits } from '@/server/rate-limit/limits';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { GET } from './route';

const SECRET = 'cron-secret-for-tests-0123456789';

let handle: TestDatabase;
const saved = process.env.CRON_SECRET;

beforeAll(async () => {
  handle = await createTestDatabase();
  const limits = createRateLimits(handle, { ...DEFAULT_RATE_LIMITS, cronSecretGuesses: { points: 2, seconds: 600 } });
  setSystemContext(createSystemContext(handle, { limits, clock: () => new Date('2026-03-15T12:00:00Z') }));
  process.env.CRON_SECRET = SECRET;
});
afterAll(async () => {
  if (saved === undefined) delete process.env.CRON_SECRET;
  else process.env.CRON_SECRET = saved;
  await handle.close();
});

const call = (secret: string, ip: string) =>
  GET(new Request('http://localhost/api/cron/learning', { headers: { authorization: `Bearer ${secret}`, 'x-forwarded-for': ip } }));

describe('GET /api/cron/learning: failed secrets per address', () => {
  it('after the allowed wrong secrets an address gets 429 with Retry-After, even with the right one; another address is not affected', async () => {
    expect((await call('wrong-1', '203.0.113.90')).status).toBe(401);
    expect((await call('wrong-2', '203.0.113.90')).status).toBe(401);
    for (const secret of ['wrong-3', SECRET]) {
      const refused = await call(secret, '203.0.113.90');
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect((await refused.json()).error).toMatch(/^Too many requests with an invalid cron secret: try again in \d+ s$/);
    }
    expect((await call('wrong-4', '203.0.113.91')).status).toBe(401);
  });
});
