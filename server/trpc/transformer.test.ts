import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OWNER } from '../../supabase/seed/demo-users';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { signTestToken, testAuthSetup } from '../../test/fixtures/auth';
import { createSystemContext, type SystemContext } from '../orchestrator/context';
import { createTRPCContext } from './init';
import { appRouter } from './root';

let handle: TestDatabase;
let system: SystemContext;
let authorization: string;
const { key, auth } = testAuthSetup();

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle, { auth });
  authorization = `Bearer ${await signTestToken(key, { sub: DEMO_OWNER.userId })}`;
});
afterAll(() => handle.close());

const call = (request: Request) =>
  fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createTRPCContext({ headers: request.headers, system }),
  });

// superjson resolves a `class` annotation by name, recursing without end on one it does not know.
const crafted = { json: { brandId: 'garbage' }, meta: { values: { brandId: ['class', 'Nope'] } } };

describe('a request superjson cannot read', () => {
  it('is BAD_REQUEST with a plain message for a query', async () => {
    const response = await call(
      new Request(`http://localhost/api/trpc/today.get?input=${encodeURIComponent(JSON.stringify(crafted))}`, {
        headers: { authorization },
      }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error.json.message).toBe('Invalid input: the request body is not valid superjson');
  });

  it('is BAD_REQUEST with a plain message for a mutation', async () => {
    const response = await call(
      new Request('http://localhost/api/trpc/variants.update', {
        method: 'POST',
        body: JSON.stringify(crafted),
        headers: { 'content-type': 'application/json', authorization },
      }),
    );
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).not.toContain('call stack');
  });
});
