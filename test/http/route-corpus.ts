import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { ExecutionEventInput } from '../../engines/learning/dto';
import { addDays } from '../../lib/dates';
import { arbitraryValue, edgeValues, FAR_FUTURE, FAR_PAST, fieldKind, HUGE } from './malformed-values';
import { TEST_CRON_SECRET } from './prod-server';
import type { RouteCase } from './route-cases';
import type { RouteRequest } from './route-http';
import type { SuiteServer } from './suite-server';

type Context = Pick<SuiteServer, 'ids' | 'ingestKeys'> & { baseUrl: string; invalidTokens: Record<string, string | undefined> };

const TARGET_CASES = 60;

/** The malformed requests each route with a body or a secret must refuse, with the seed they came from. */
export const ROUTE_CORPORA: Record<string, (context: Context, seed: number) => RouteCase[]> = {
  'POST /api/ingest/execution-events': ingestCorpus,
  'POST /api/auth/session': sessionCorpus,
  'POST /api/auth/demo-sign-in': demoSignInCorpus,
  'GET /api/cron/learning': (context, seed) => cronCorpus(context, seed, '/api/cron/learning'),
  'GET /api/cron/opportunities': (context, seed) => cronCorpus(context, seed, '/api/cron/opportunities'),
};

const jsonRoundTrip = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

function refusedCases(
  build: (label: string, body: string) => RouteCase,
  entries: [string, unknown][],
  refused: (value: unknown) => boolean,
): RouteCase[] {
  return entries.filter(([, value]) => refused(value)).map(([label, value]) => build(label, JSON.stringify(value)));
}

function ingestCorpus({ ids, ingestKeys }: Context, seed: number): RouteCase[] {
  const request = (body: string, contentType = 'application/json'): RouteRequest => ({
    method: 'POST',
    path: '/api/ingest/execution-events',
    headers: { authorization: `Bearer ${ingestKeys.northwind}`, 'content-type': contentType },
    body,
  });
  const body = (label: string, text: string): RouteCase => ({ label, request: request(text), status: 'client error', answers: 'json' });
  const valid = {
    channel: 'linkedin',
    externalEventId: `corpus-${randomUUID()}`,
    variantId: ids.northwind.variantId,
    eventType: 'impression',
    count: 10,
    eventValue: 1,
    occurredAt: new Date(Date.now() - 60_000).toISOString(),
  };
  const eventRefused = (event: unknown) => !ExecutionEventInput.safeParse(jsonRoundTrip(event)).success;
  const events: [string, unknown][] = [];
  for (const field of Object.keys(ExecutionEventInput.shape)) {
    const { [field as keyof typeof valid]: _dropped, ...without } = valid;
    events.push([`${field} missing`, without]);
    const kind = fieldKind(ExecutionEventInput.shape[field as keyof typeof ExecutionEventInput.shape]);
    for (const [label, value] of edgeValues(kind, valid[field as keyof typeof valid]))
      events.push([`${field}: ${label}`, { ...valid, [field]: value }]);
  }
  const { variantId: _variant, ...unaddressed } = valid;
  events.push(['neither variantId nor externalPostId', unaddressed]);
  const farDates: [string, unknown][] = [
    ['occurredAt in year 275760', { ...valid, occurredAt: FAR_FUTURE.toISOString() }],
    ['occurredAt in year -271821', { ...valid, occurredAt: FAR_PAST.toISOString() }],
    ['occurredAt tomorrow', { ...valid, occurredAt: addDays(new Date(), 1).toISOString() }],
  ];

  const cases: RouteCase[] = [
    body('not JSON', 'events=1'),
    body('JSON cut short', '{"events":[{'),
    body('an empty body', ''),
    body('null', 'null'),
    body('an empty object', '{}'),
    body('no events', '{"events":[]}'),
    body('events not an array', '{"events":"many"}'),
    body('an array of events without the envelope', JSON.stringify([valid])),
    body('a null event', '{"events":[null]}'),
    body(`arrays nested ${HUGE} deep`, `{"events":${'['.repeat(HUGE)}${']'.repeat(HUGE)}}`),
    body('a count of 1e999 (Infinity once parsed)', JSON.stringify({ events: [valid] }).replace('"count":10', '"count":1e999')),
    {
      label: '5,001 events',
      request: request(JSON.stringify({ events: Array.from({ length: 5_001 }, (_, i) => ({ ...valid, externalEventId: `bulk-${i}` })) })),
      status: 413,
      answers: 'json',
    },
    {
      label: 'a body over 2 MiB',
      request: request(JSON.stringify({ events: [valid], padding: 'x'.repeat(2 * 1024 * 1024) })),
      status: 413,
      answers: 'json',
    },
    {
      label: 'a text/plain body',
      request: request(JSON.stringify({ events: [{ ...valid, count: -1 }] }), 'text/plain'),
      status: 'client error',
      answers: 'json',
    },
    ...refusedCases((label, text) => body(`one event, ${label}`, `{"events":[${text}]}`), events, eventRefused),
    ...farDates.map(([label, event]) => body(label, JSON.stringify({ events: [event] }))),
    // One bad event refuses the whole batch, the good one included.
    body(
      'a good event beside a bad one',
      JSON.stringify({ events: [valid, { ...valid, externalEventId: `bad-${randomUUID()}`, count: 0 }] }),
    ),
  ];
  const sampled = fc
    .record({ field: fc.constantFrom(...Object.keys(valid)), value: arbitraryValue })
    .map(({ field, value }) => ({ ...valid, [field]: value }))
    .filter(eventRefused)
    .map((event) => body('fast-check event', JSON.stringify({ events: [event] })));
  return pad(cases, sampled, seed);
}

function sessionCorpus({ baseUrl, invalidTokens }: Context, seed: number): RouteCase[] {
  const post = (label: string, text: string, headers: Record<string, string> = {}): RouteCase => ({
    label,
    request: {
      method: 'POST',
      path: '/api/auth/session',
      headers: { 'content-type': 'application/json', origin: baseUrl, ...headers },
      body: text,
    },
    status: 'client error',
    answers: 'json',
  });
  const cases: RouteCase[] = [
    post('not JSON', 'accessToken=x'),
    post('JSON cut short', '{"accessToken":'),
    post('an empty body', ''),
    post('null', 'null'),
    post('an array', '[]'),
    post('a refresh token alone', JSON.stringify({ refreshToken: 'r' })),
    post(`arrays nested ${HUGE} deep`, `${'['.repeat(HUGE)}${']'.repeat(HUGE)}`),
    post('a token over 8,192 characters', JSON.stringify({ accessToken: 'x'.repeat(8_193) })),
    post(
      'a forged token with a refresh token over 1,024 characters',
      JSON.stringify({ accessToken: invalidTokens['a forged token (wrong secret)'], refreshToken: 'r'.repeat(1_025) }),
    ),
    post('a JWT-shaped token of three dots', JSON.stringify({ accessToken: '...' })),
    post('a form content type', 'accessToken=x', { 'content-type': 'application/x-www-form-urlencoded' }),
    ...Object.entries(invalidTokens)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([label, token]) => post(label, JSON.stringify({ accessToken: token, refreshToken: 'refresh' }))),
    ...edgeValues('string', 'token').map(([label, value]) => post(`accessToken: ${label}`, JSON.stringify({ accessToken: value }))),
    ...edgeValues('string', 'refresh').map(([label, value]) =>
      post(`refreshToken: ${label}`, JSON.stringify({ accessToken: 'token', refreshToken: value })),
    ),
  ];
  const sampled = fc
    .record({ accessToken: arbitraryValue, refreshToken: fc.option(arbitraryValue, { nil: undefined }) })
    .map((body) => post('fast-check body', JSON.stringify(body)));
  return pad(cases, sampled, seed);
}

function demoSignInCorpus(_context: Context, seed: number): RouteCase[] {
  const form = (label: string, body: RouteRequest['body'], headers: Record<string, string> = {}): RouteCase => ({
    label,
    request: { method: 'POST', path: '/api/auth/demo-sign-in', headers, body },
    status: 'client error',
    answers: 'text',
  });
  const userIds: [string, string][] = [
    ['a user id nobody has', randomUUID()],
    ['the nil uuid', '00000000-0000-0000-0000-000000000000'],
    ['a tenant id', 'a0000000-0000-4000-8000-000000000001'],
    ...edgeValues('uuid', '11111111-1111-4111-8111-111111111111')
      .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
      .map(([label, value]): [string, string] => [label, String(value)]),
  ];
  const multipart = new FormData();
  multipart.append('userId', new Blob(['11111111-1111-4111-8111-111111111111']), 'user.txt');
  const cases: RouteCase[] = [
    form('no body', undefined),
    form('no userId', new URLSearchParams({ user: '11111111-1111-4111-8111-111111111111' })),
    form('a JSON body', JSON.stringify({ userId: '11111111-1111-4111-8111-111111111111' }), { 'content-type': 'application/json' }),
    form('a text body', 'userId=11111111-1111-4111-8111-111111111111', { 'content-type': 'text/plain' }),
    form('the user id as an uploaded file', multipart),
    form('a form cut off mid-escape', 'userId=%E0%A4%A', { 'content-type': 'application/x-www-form-urlencoded' }),
    form('a bad userId before a good one', 'userId=nope&userId=11111111-1111-4111-8111-111111111111', {
      'content-type': 'application/x-www-form-urlencoded',
    }),
    ...userIds.map(([label, userId]) => form(`userId: ${label}`, new URLSearchParams({ userId }))),
  ];
  const sampled = fc.string({ unit: 'binary', maxLength: 80 }).map((userId) => form('fast-check userId', new URLSearchParams({ userId })));
  return pad(cases, sampled, seed);
}

function cronCorpus(_context: Context, seed: number, cronPath: string): RouteCase[] {
  const get = (label: string, authorization: string | undefined, path = cronPath, method = 'GET'): RouteCase => ({
    label,
    request: { method, path, headers: authorization === undefined ? {} : { authorization } },
    status: method === 'GET' ? 401 : 405,
    answers: method === 'GET' ? 'json' : 'empty',
  });
  const cases: RouteCase[] = [
    get('an empty Authorization header', ''),
    get('Bearer and nothing', 'Bearer'),
    get('Bearer and blanks', 'Bearer    '),
    get('the secret without a scheme', TEST_CRON_SECRET),
    get('the secret in lower case', `Bearer ${TEST_CRON_SECRET.toLowerCase()}x`),
    get('the secret cut short', `Bearer ${TEST_CRON_SECRET.slice(0, -1)}`),
    get('the secret twice', `Bearer ${TEST_CRON_SECRET} ${TEST_CRON_SECRET}`),
    // Node refuses request headers over 16 KiB before the app sees them; 8,000 characters reach it.
    get('an 8,000-character secret', `Bearer ${'s'.repeat(8_000)}`),
    get('the secret in the query string', undefined, `${cronPath}?secret=${TEST_CRON_SECRET}`),
    get('the secret as a cron_secret parameter', undefined, `${cronPath}?CRON_SECRET=${TEST_CRON_SECRET}`),
    get('PUT with the secret', `Bearer ${TEST_CRON_SECRET}`, cronPath, 'PUT'),
    get('DELETE with the secret', `Bearer ${TEST_CRON_SECRET}`, cronPath, 'DELETE'),
    get('PATCH with the secret', `Bearer ${TEST_CRON_SECRET}`, cronPath, 'PATCH'),
  ];
  // Header values are bytes without controls: what any HTTP client can send.
  const headerText = fc.string({ unit: 'binary-ascii', maxLength: 200 }).filter((text) => /^[\x20-\x7e]*$/.test(text));
  const sampled = fc
    .tuple(fc.constantFrom('Bearer ', 'bearer ', 'Basic ', ''), headerText)
    .filter(([scheme, text]) => !(scheme.toLowerCase() === 'bearer ' && text.trim() === TEST_CRON_SECRET))
    .map(([scheme, text]) => get('fast-check Authorization', scheme + text));
  return pad(cases, sampled, seed);
}

function pad(cases: RouteCase[], arbitrary: fc.Arbitrary<RouteCase>, seed: number): RouteCase[] {
  return [...cases, ...fc.sample(arbitrary, { seed, numRuns: Math.max(0, TARGET_CASES - cases.length) })];
}
