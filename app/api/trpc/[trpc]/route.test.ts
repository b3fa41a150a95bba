import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAsDemoUser } from '@/server/auth/demo-sign-in';
import { createSystemContext, setSystemContext } from '@/server/orchestrator/context';
import { DEFAULT_RATE_LIMITS } from '@/server/rate-limit/config';
import { createRateLimits } from '@/server/rate-limit/limits';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createTenantFixture, type TenantFixture } from '@/test/fixtures';
import { GET } from './route';

let handle: TestDatabase;
let fx: TenantFixture;
let token: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  const system = createSystemContext(handle, {
    limits: createRateLimits(handle, { ...DEFAULT_RATE_LIMITS, summaries: { points: 1, seconds: 600 } }),
  });
  setSystemContext(system);
  fx = await createTenantFixture(handle.db);
  ({ token } = await signInAsDemoUser(system, fx.ownerUserId));
});
afterAll(() => handle.close());

/**
 * A GET as the tRPC client sends it (superjson input); `paths` of more than one make a batch. Every
 * call gets the same input: a brand, and the window learning.summary asks for (the others ignore it).
 */
function query(paths: string[]): Promise<Response> {
  const input = Object.fromEntries(paths.map((_, i) => [i, { json: { brandId: fx.brandId, windowDays: 30 } }]));
  const url = `http://localhost/api/trpc/${paths.join(',')}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`;
  return GET(new Request(url, { headers: { authorization: `Bearer ${token}` } }));
}

describe('/api/trpc: a refused call', () => {
  it('answers 429 with Retry-After and the wait in its message; in a batch, the batch carries Retry-After', async () => {
    // learning.summary spends the allowance on every call (today.summary only when its model is called).
    expect((await query(['learning.summary'])).status).toBe(200);

    const refused = await query(['learning.summary']);
    expect(refused.status).toBe(429);
    const wait = Number(refused.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(600);
    const [body] = await refused.json();
    expect(body.error.json).toMatchObject({
      message: `Too many summaries: try again in ${wait} s`,
      data: { code: 'TOO_MANY_REQUESTS', httpStatus: 429 },
    });

    const mixed = await query(['brands.strategy', 'learning.summary']);
    expect(Number(mixed.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const [strategy, summary] = await mixed.json();
    expect(strategy.result).toBeDefined();
    expect(summary.error.json.data.code).toBe('TOO_MANY_REQUESTS');
  });

  it('answers without Retry-After when nothing was refused', async () => {
    const response = await query(['brands.strategy']);
    expect(response.status).toBe(200);
    expect(response.headers.get('retry-after')).toBeNull();
  });
});
