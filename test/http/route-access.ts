import { randomUUID } from 'node:crypto';
import { TEST_CRON_SECRET } from './prod-server';
import type { RouteCase } from './route-cases';
import type { RouteRequest } from './route-http';
import type { SuiteServer } from './suite-server';

type Context = Pick<SuiteServer, 'ids' | 'ingestKeys' | 'tokens'> & { baseUrl: string; invalidTokens: Record<string, string | undefined> };

const INGEST = '/api/ingest/execution-events';
const CRON = '/api/cron/learning';
const CRON_OPPORTUNITIES = '/api/cron/opportunities';
const SESSION = '/api/auth/session';

/**
 * The access checks of every route handler, keyed by its file under app/. The suite checks the keys
 * against the files, so a new route fails the suite until it is listed here. The tRPC route's
 * procedures are the procedure matrix's; here only what the route itself decides.
 */
export const ROUTE_ACCESS: Record<string, (context: Context) => RouteCase[]> = {
  'app/api/trpc/[trpc]/route.ts': ({ tokens }) => [
    {
      label: 'an unknown procedure',
      request: { method: 'GET', path: '/api/trpc/brands.nope', headers: { authorization: `Bearer ${tokens.olivia}` } },
      status: 404,
      answers: 'json',
    },
  ],

  'app/api/ingest/execution-events/route.ts': ({ ids, ingestKeys, tokens }) => {
    const batch = (variantId: string) =>
      JSON.stringify({
        events: [
          {
            channel: 'linkedin',
            externalEventId: `access-${randomUUID()}`,
            variantId,
            eventType: 'impression',
            count: 5,
            occurredAt: new Date().toISOString(),
          },
        ],
      });
    const post = (authorization: string | undefined, body = batch(ids.northwind.variantId)) => ({
      method: 'POST',
      path: INGEST,
      headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
      body,
    });
    return [
      { label: 'no key', request: post(undefined), status: 401, answers: 'json' },
      { label: 'an unknown key', request: post('Bearer kairo_not_a_key'), status: 401, answers: 'json' },
      { label: 'a revoked key', request: post(`Bearer ${ingestKeys.revoked}`), status: 401, answers: 'json' },
      { label: "a user's access token", request: post(`Bearer ${tokens.olivia}`), status: 401, answers: 'json' },
      { label: 'the key without the Bearer scheme', request: post(ingestKeys.northwind), status: 401, answers: 'json' },
      {
        label: "the other tenant's key with tenant 1's variant",
        request: post(`Bearer ${ingestKeys.globex}`),
        status: 400,
        answers: 'json',
      },
    ];
  },

  'app/api/cron/learning/route.ts': ({ tokens }) => cronCases(CRON, tokens.olivia),
  'app/api/cron/opportunities/route.ts': ({ tokens }) => cronCases(CRON_OPPORTUNITIES, tokens.olivia),

  'app/api/auth/session/route.ts': ({ baseUrl, invalidTokens, tokens }) => {
    const post = (accessToken: string, headers: Record<string, string> = {}) => ({
      method: 'POST',
      path: SESSION,
      headers: { 'content-type': 'application/json', origin: baseUrl, ...headers },
      body: JSON.stringify({ accessToken }),
    });
    return [
      ...Object.entries(invalidTokens)
        .filter((entry): entry is [string, string] => entry[1] !== undefined)
        .map(([label, token]): RouteCase => ({ label, request: post(token), status: 401, answers: 'json' })),
      {
        label: 'a valid token from another site',
        request: post(tokens.olivia, { origin: 'https://attacker.example' }),
        status: 403,
        answers: 'json',
      },
      {
        label: 'a valid token with no Origin',
        request: { ...post(tokens.olivia), headers: { 'content-type': 'application/json' } },
        status: 403,
        answers: 'json',
      },
      {
        label: 'a valid token as text/plain (a cross-site form)',
        request: post(tokens.olivia, { 'content-type': 'text/plain' }),
        status: 415,
        answers: 'json',
      },
    ];
  },

  'app/api/auth/demo-sign-in/route.ts': () => {
    const post = (userId: string) => ({ method: 'POST', path: '/api/auth/demo-sign-in', body: new URLSearchParams({ userId }) });
    return [{ label: 'a user id nobody has', request: post(randomUUID()), status: 404, answers: 'text' }];
  },

  'app/api/auth/sign-out/route.ts': () => [
    {
      label: 'sign-out without a session (clears cookies, writes nothing)',
      request: { method: 'POST', path: '/api/auth/sign-out' },
      status: 303,
      answers: 'empty',
    },
  ],
};

/** What every cron route refuses (Bearer CRON_SECRET only, GET only), checked the same way for each. */
function cronCases(path: string, userToken: string): RouteCase[] {
  const get = (authorization?: string, method = 'GET'): RouteRequest => ({
    method,
    path,
    headers: authorization ? { authorization } : {},
  });
  return [
    { label: 'no secret', request: get(), status: 401, answers: 'json' },
    { label: 'a wrong secret', request: get('Bearer not-the-cron-secret'), status: 401, answers: 'json' },
    { label: 'the secret with one character more', request: get(`Bearer ${TEST_CRON_SECRET}x`), status: 401, answers: 'json' },
    { label: "a user's access token", request: get(`Bearer ${userToken}`), status: 401, answers: 'json' },
    {
      label: 'the secret as Basic credentials',
      request: get(`Basic ${Buffer.from(`cron:${TEST_CRON_SECRET}`).toString('base64')}`),
      status: 401,
      answers: 'json',
    },
    { label: 'HEAD with the secret (runs nothing)', request: get(`Bearer ${TEST_CRON_SECRET}`, 'HEAD'), status: 405, answers: 'empty' },
    { label: 'POST with the secret', request: get(`Bearer ${TEST_CRON_SECRET}`, 'POST'), status: 405, answers: 'empty' },
  ];
}
