import superjson from 'superjson';
import type { AccessCase } from './access-matrix';
import { excerpt, jsonErrorMessage, unclearMessage } from './clear-error';
import { changedTables, type DatabaseProbe } from './database-probe';
import type { MalformedCall } from './procedure-corpus';
import { type RouteCase, SESSION_COOKIE } from './route-cases';
import { sendRequest } from './route-http';
import type { RouterProcedure } from './router-procedures';
import { callProcedure, type TrpcHttpResponse } from './trpc-http';

// Node answers 431 with no body when the request line and headers pass 16 KiB, before any app code.
const NODE_MAX_HEADER_BYTES = 16 * 1024;

/** Runs `work`, then names every table whose rows changed meanwhile (an empty list: nothing written). */
export async function tablesWrittenBy(probe: DatabaseProbe, work: () => Promise<void>): Promise<string[]> {
  const before = await probe.tableChecksums();
  await work();
  return changedTables(before, await probe.tableChecksums());
}

function describeAnswer(response: TrpcHttpResponse): string {
  return excerpt(response.status, typeof response.body === 'string' ? response.body : JSON.stringify(response.body));
}

function trpcProblems(response: TrpcHttpResponse, expected: { status: number; code: string }): string[] {
  const problems: string[] = [];
  if (response.status !== expected.status || response.error?.code !== expected.code)
    problems.push(`expected ${expected.status} ${expected.code}`);
  problems.push(...unclearMessage(response.error?.message, JSON.stringify(response.body)));
  return problems;
}

const placeholder = (message: string, ids: string[]) => ids.reduce((text, id) => text.split(id).join('<id>'), message);

/** What is wrong with the answer to one access case (empty when it is right). */
export async function checkAccessCase(baseUrl: string, access: AccessCase): Promise<string[]> {
  const { procedure, token, input, expect } = access;
  const response = await callProcedure(baseUrl, procedure.path, procedure.kind, input, { token });
  const label = `${procedure.path} as ${access.caller}`;
  let problems: string[];
  switch (expect.kind) {
    case 'refused':
      problems = trpcProblems(response, expect);
      break;
    case 'answered': {
      problems = response.status === 200 ? [] : ['expected 200'];
      const text = JSON.stringify(response.body);
      problems.push(...(expect.foreignIds ?? []).filter((id) => text.includes(id)).map((id) => `the answer holds tenant 1's ${id}`));
      break;
    }
    case 'same as missing': {
      const missing = await callProcedure(baseUrl, procedure.path, procedure.kind, expect.missingInput, { token });
      problems = expect.notFound ? trpcProblems(response, { status: 404, code: 'NOT_FOUND' }) : [];
      if (response.status !== missing.status || response.error?.code !== missing.error?.code) {
        problems.push(`a missing ${expect.field} gets ${describeAnswer(missing)}`);
      } else if (
        placeholder(response.error?.message ?? '', [expect.realId]) !== placeholder(missing.error?.message ?? '', [expect.missingId])
      ) {
        problems.push(`message differs from a missing ${expect.field}'s: "${missing.error?.message}"`);
      }
      break;
    }
  }
  return problems.length === 0 ? [] : [`${label}: ${problems.join('; ')} — got ${describeAnswer(response)}`];
}

/** What is wrong with the answer to one malformed procedure call (empty when it is right). */
export async function checkMalformedCall(
  baseUrl: string,
  procedure: RouterProcedure,
  call: MalformedCall,
  token: string,
): Promise<string[]> {
  const response = await callProcedure(baseUrl, procedure.path, procedure.kind, call.input, { ...call.options, token });
  const label = `${procedure.path} with ${call.label}`;
  const expected = expectedForMalformed(procedure, call);
  let problems: string[] = [];
  if (expected === 'header limit') {
    if (response.status !== 431) problems.push('expected 431 from Node (request headers over 16 KiB)');
  } else if (expected === 'ignored') {
    if (response.status !== 200) problems.push('expected 200: the procedure takes no input, so it ignores what came');
  } else if (expected === 'wrong method') {
    problems = trpcProblems(response, { status: 405, code: 'METHOD_NOT_SUPPORTED' });
  } else {
    if (response.status < 400 || response.status >= 500) problems.push('expected a 4xx');
    problems.push(...unclearMessage(response.error?.message, JSON.stringify(response.body)));
  }
  return problems.length === 0 ? [] : [`${label}: ${problems.join('; ')} — got ${describeAnswer(response)}`];
}

function expectedForMalformed(procedure: RouterProcedure, call: MalformedCall): 'header limit' | 'ignored' | 'wrong method' | 'refused' {
  const method = call.options?.method ?? (procedure.kind === 'query' ? 'GET' : 'POST');
  if (method !== (procedure.kind === 'query' ? 'GET' : 'POST')) return 'wrong method';
  const sent = call.options?.rawInput ?? (call.input === undefined ? '' : JSON.stringify(superjson.serialize(call.input)));
  if (method === 'GET' && encodeURIComponent(sent).length > NODE_MAX_HEADER_BYTES) return 'header limit';
  if (!procedure.input) return 'ignored';
  return 'refused';
}

/** What is wrong with a route handler's answer to one case (empty when it is right). */
export async function checkRouteCase(baseUrl: string, route: string, routeCase: RouteCase): Promise<string[]> {
  const response = await sendRequest(baseUrl, routeCase.request);
  const problems: string[] = [];
  const { status, answers } = routeCase;
  if (status === 'client error' ? response.status < 400 || response.status >= 500 : response.status !== status) {
    problems.push(`expected ${status === 'client error' ? 'a 4xx' : status}`);
  }
  if (response.status >= 400) {
    if (answers === 'json') problems.push(...unclearMessage(jsonErrorMessage(response.json), response.text));
    if (answers === 'text') problems.push(...unclearMessage(response.text, response.text));
  }
  const cookie = response.headers
    .getSetCookie()
    .find((header) => header.startsWith(SESSION_COOKIE) && !header.startsWith(`${SESSION_COOKIE};`));
  if (cookie) problems.push('it set a session cookie');
  return problems.length === 0
    ? []
    : [`${route} with ${routeCase.label}: ${problems.join('; ')} — got ${excerpt(response.status, response.text)}`];
}
