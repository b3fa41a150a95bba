import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSystemContext, type SystemContext, setSystemContext } from '@/server/orchestrator/context';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createTenantFixture, type TenantFixture } from '@/test/fixtures';
import { GET, HEAD } from './route';

const SECRET = 'cron-secret-for-tests-0123456789';

let handle: TestDatabase;
let system: SystemContext;
let fx: TenantFixture;
const saved = process.env.CRON_SECRET;

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle);
  setSystemContext(system);
  fx = await createTenantFixture(handle.db, 'Cron Route Co');
  await system.engines.strategy.updateStrategy(fx, { toneTags: ['plainspoken', 'practical', 'warm'] });
  // A loopback address: the fetcher refuses it without a network call, and the brand still follows a feed.
  await system.engines.sources.addFeed(fx, { url: 'http://127.0.0.1/feed.xml' });
});
afterEach(() => {
  if (saved === undefined) delete process.env.CRON_SECRET;
  else process.env.CRON_SECRET = saved;
});
afterAll(() => handle.close());

const call = (authorization?: string) =>
  GET(new Request('http://localhost/api/cron/opportunities', { headers: authorization ? { authorization } : {} }));

describe('GET /api/cron/opportunities', () => {
  it('answers 401 without the secret or with a wrong one, running nothing', async () => {
    process.env.CRON_SECRET = SECRET;
    expect((await call()).status).toBe(401);
    expect((await call(`Bearer ${SECRET}x`)).status).toBe(401);
    delete process.env.CRON_SECRET;
    expect((await call('Bearer undefined')).status).toBe(401);
    expect(await system.engines.runs.listRuns(fx, { flow: 'opportunity_generation' })).toEqual([]);
    expect(HEAD().status).toBe(405);
  });

  it('fetches the due feeds, then generates for the brands that follow one', async () => {
    process.env.CRON_SECRET = SECRET;
    const response = await call(`Bearer ${SECRET}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.fetched).toMatchObject({ failed: expect.any(Number), leftOver: 0 });
    expect(body.generation.generated).toContainEqual(expect.objectContaining({ brandId: fx.brandId, boardClass: 'good' }));
    const [source] = await system.engines.sources.list(fx);
    expect(source!.lastError).toEqual(expect.any(String));
    // A second call the same hour finds nothing due for the brand.
    const again = await (await call(`Bearer ${SECRET}`)).json();
    expect(again.generation.generated.map((g: { brandId: string }) => g.brandId)).not.toContain(fx.brandId);
  });
});
