import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInAsDemoUser } from '@/server/auth/demo-sign-in';
import { ACCESS_TOKEN_COOKIE } from '@/server/auth/token-transport';
import { createSystemContext, type SystemContext, setSystemContext } from '@/server/orchestrator/context';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createTenantFixture } from '@/test/fixtures';
import { POST } from './route';

let handle: TestDatabase;
let system: SystemContext;
let accessToken: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle);
  setSystemContext(system);
  const fixture = await createTenantFixture(handle.db);
  ({ token: accessToken } = await signInAsDemoUser(system, fixture.ownerUserId));
});
afterAll(() => handle.close());

const URL_SEEN_BY_SERVER = 'http://127.0.0.1:3000/api/auth/session';

function post(headers: Record<string, string>, body = JSON.stringify({ accessToken })) {
  return POST(new Request(URL_SEEN_BY_SERVER, { method: 'POST', headers, body }));
}

const sessionCookie = (response: Response) =>
  response.headers.getSetCookie().find((cookie) => cookie.startsWith(`${ACCESS_TOKEN_COOKIE}=`));

describe('POST /api/auth/session', () => {
  it('takes a verified token from its own page and keeps it in the session cookie', async () => {
    const response = await post({ 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' });
    expect(response.status).toBe(204);
    expect(sessionCookie(response)).toContain(accessToken);
  });

  it('refuses a body that is not declared as JSON, as a cross-site form would send it, with 415', async () => {
    for (const contentType of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const response = await post({ 'content-type': contentType, origin: 'http://127.0.0.1:3000' });
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({ error: 'The body must be JSON, sent with Content-Type: application/json' });
      expect(sessionCookie(response)).toBeUndefined();
    }
    expect((await post({ origin: 'http://127.0.0.1:3000' }, '')).status).toBe(415);
  });

  it('accepts JSON declared with a charset', async () => {
    const response = await post({ 'content-type': 'Application/JSON; charset=utf-8', origin: 'http://127.0.0.1:3000' });
    expect(response.status).toBe(204);
  });

  it('refuses with 403 a request from another site, with an opaque origin or with no Origin at all', async () => {
    for (const origin of ['https://attacker.example', 'http://127.0.0.1:3001', 'https://127.0.0.1:3000', 'null', 'not a url', undefined]) {
      const response = await post({ 'content-type': 'application/json', ...(origin === undefined ? {} : { origin }) });
      expect(response.status, `origin ${origin}`).toBe(403);
      expect(await response.json()).toEqual({
        error: "Sessions are accepted only from Kairo's own pages (the Origin header must be this site)",
      });
      expect(sessionCookie(response)).toBeUndefined();
    }
  });

  it('behind a proxy, compares with the public origin the proxy forwards, not the address the server sees', async () => {
    const forwarded = { 'content-type': 'application/json', 'x-forwarded-host': 'kairo.example', 'x-forwarded-proto': 'https' };
    expect((await post({ ...forwarded, origin: 'https://kairo.example' })).status).toBe(204);
    expect((await post({ ...forwarded, origin: 'http://127.0.0.1:3000' })).status).toBe(403);
    expect((await post({ ...forwarded, origin: 'http://kairo.example' })).status).toBe(403);
    // Several proxies in a row: the first entry is the one the browser addressed.
    const chained = {
      'content-type': 'application/json',
      'x-forwarded-host': 'kairo.example, edge.internal',
      'x-forwarded-proto': 'https, http',
    };
    expect((await post({ ...chained, origin: 'https://kairo.example' })).status).toBe(204);
  });

  it('still refuses a token it cannot verify once the request itself is acceptable', async () => {
    const response = await post(
      { 'content-type': 'application/json', origin: 'http://127.0.0.1:3000' },
      JSON.stringify({ accessToken: 'forged' }),
    );
    expect(response.status).toBe(401);
  });
});
