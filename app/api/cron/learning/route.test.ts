import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext, type SystemContext, setSystemContext } from '@/server/orchestrator/context';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { GET } from './route';

const SECRET = 'cron-secret-for-tests-0123456789';

let handle: TestDatabase;
let system: SystemContext;
const saved = process.env.CRON_SECRET;

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle, { clock: () => new Date('2026-03-15T12:00:00Z') });
  setSystemContext(system);
});
afterEach(() => {
  if (saved === undefined) delete process.env.CRON_SECRET;
  else process.env.CRON_SECRET = saved;
});
afterAll(() => handle.close());

const call = (authorization?: string) =>
  GET(new Request('http://localhost/api/cron/learning', { headers: authorization ? { authorization } : {} }));

describe('GET /api/cron/learning', () => {
  it('answers 401 without a secret and with a wrong one, running nothing', async () => {
    process.env.CRON_SECRET = SECRET;
    expect((await call()).status).toBe(401);
    expect((await call(`Bearer ${SECRET}x`)).status).toBe(401);
    expect((await call(SECRET)).status).toBe(401);
    const [target] = await system.engines.learning.walk.listTargets({ limit: 1 });
    expect(await system.engines.runs.listRuns({ tenantId: target!.tenantId, brandId: target!.brandId })).toEqual([]);
  });

  it('refuses everyone when CRON_SECRET is not configured', async () => {
    delete process.env.CRON_SECRET;
    expect((await call('Bearer undefined')).status).toBe(401);
    expect((await call('Bearer ')).status).toBe(401);
  });

  it('runs learning for every brand with the right secret and answers the result', async () => {
    process.env.CRON_SECRET = SECRET;
    const response = await call(`Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    const brands = await system.engines.learning.walk.listTargets({ limit: 500 });
    expect(body).toMatchObject({
      brandsProcessed: brands.length,
      brandsFailed: 0,
      complete: true,
      windowStart: '2026-02-14T00:00:00.000Z',
    });
    const [run] = await system.engines.runs.listRuns({ tenantId: brands[0]!.tenantId, brandId: brands[0]!.brandId }, { limit: 1 });
    expect(run).toMatchObject({ flow: 'f3_learning', status: 'succeeded', input: { trigger: 'cron', windowDays: 30 } });
  });
});
