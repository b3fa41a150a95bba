import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAsDemoUser } from '@/server/auth/demo-sign-in';
import { createSystemContext, setSystemContext } from '@/server/orchestrator/context';
import { DEFAULT_RATE_LIMITS } from '@/server/rate-limit/config';
import { createRateLimits } from '@/server/rate-limit/limits';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createTenantFixture } from '@/test/fixtures';
import { POST } from './route';

let handle: TestDatabase;
let accessToken: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const system = createSystemContext(handle, {
    limits: createRateLimits(handle, { ...DEFAULT_RATE_LIMITS, signIns: { points: 2, seconds: 60 } }),
  });
  setSystemContext(system);
  ({ token: accessToken } = await signInAsDemoUser(system, (await createTenantFixture(handle.db)).ownerUserId));
});
afterAll(() => handle.close());

function post(ip: string, token = accessToken): Promise<Response> {
  return POST(
    new Request('http://127.0.0.1:3000/api/auth/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000', 'x-forwarded-for': ip },
      body: JSON.stringify({ accessToken: token }),
    }),
  );
}

describe('POST /api/auth/session: sign-in attempts per address', () => {
  it('counts every attempt, good token or forged, and answers the one over the limit 429 with Retry-After and no cookie', async () => {
    expect((await post('203.0.113.80', 'forged')).status).toBe(401);
    expect((await post('203.0.113.80')).status).toBe(204);

    const refused = await post('203.0.113.80');
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(60);
    expect(await refused.json()).toEqual({ error: `Too many sign-in attempts: try again in ${wait} s` });
    expect(refused.headers.getSetCookie()).toEqual([]);

    expect((await post('203.0.113.81')).status).toBe(204);
  });
});
