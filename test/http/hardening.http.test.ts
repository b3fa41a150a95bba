import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessCases, invalidTokens } from './access-matrix';
import { checkAccessCase, checkMalformedCall, checkRouteCase, tablesWrittenBy } from './checks';
import { mapWithLimit } from './concurrency';
import { MIN_CASES_PER_TARGET, procedureCorpus } from './procedure-corpus';
import { PROCEDURE_TABLE } from './procedure-table';
import { ROUTE_ACCESS } from './route-access';
import { ROUTE_CORPORA } from './route-corpus';
import { routerProcedures } from './router-procedures';
import { BOOT_ORDERS, bootSuiteServer, type SuiteServer } from './suite-server';

// Fixed so a failing case comes back on the next run; printed so a run can be reproduced.
const SEED = 20_261_130;
// A few requests at a time: the server shares two cores with the suite and the database.
const CONCURRENCY = 4;

const procedures = routerProcedures();
const ROOT = path.resolve(import.meta.dirname, '../..');
const routeFiles = listRouteFiles(path.join(ROOT, 'app/api'));
const counts = { matrix: 0, malformed: 0 };

afterAll(() => {
  console.log(
    `HTTP hardening: ${counts.matrix} access matrix calls, ${counts.malformed} malformed-input cases ` +
      `over ${procedures.length} procedures and ${routeFiles.length} route handlers, ${BOOT_ORDERS.length} boot orders; fast-check seed ${SEED}`,
  );
});

describe('the tables the suite is built from', () => {
  it('list every procedure of the router, and nothing else', () => {
    expect(Object.keys(PROCEDURE_TABLE).sort()).toEqual(procedures.map((p) => p.path));
  });

  it('list every route handler under app/api, and nothing else', () => {
    expect(Object.keys(ROUTE_ACCESS).sort()).toEqual(routeFiles);
  });
});

describe.each(BOOT_ORDERS)('the production build when its first request is a %s', (order) => {
  let suite: SuiteServer;
  let signedOut: Record<string, string | undefined>;

  beforeAll(async () => {
    suite = await bootSuiteServer(order);
    signedOut = await invalidTokens();
  });

  afterAll(async () => {
    await suite?.stop();
  });

  it('answers that first request', () => {
    expect(suite.firstRequest.status, `${suite.firstRequest.description}: ${suite.firstRequest.body.slice(0, 500)}`).toBe(200);
  });

  describe('access matrix', () => {
    it.each(procedures.map((p) => [p.path, p] as const))('%s: refused without a session, across tenants and below admin, writing nothing', async (_path, procedure) => {
      const cases = accessCases(procedure, suite, signedOut);
      counts.matrix += cases.length;
      let failures: string[] = [];
      const written = await tablesWrittenBy(suite.probe, async () => {
        failures = (await mapWithLimit(cases, CONCURRENCY, (access) => checkAccessCase(suite.server.baseUrl, access))).flat();
      });
      expect(failures, serverLogTail(suite)).toEqual([]);
      expect(written, 'tables written by refused calls').toEqual([]);
    });

    it.each(routeFiles)('%s: refuses what it must, writing nothing', async (file) => {
      const cases = ROUTE_ACCESS[file]!({ ...suite, baseUrl: suite.server.baseUrl, invalidTokens: signedOut });
      counts.matrix += cases.length;
      let failures: string[] = [];
      const written = await tablesWrittenBy(suite.probe, async () => {
        failures = (await mapWithLimit(cases, CONCURRENCY, (routeCase) => checkRouteCase(suite.server.baseUrl, file, routeCase))).flat();
      });
      expect(failures, serverLogTail(suite)).toEqual([]);
      expect(written, 'tables written by refused requests').toEqual([]);
    });
  });

  describe('malformed input', () => {
    it.each(procedures.map((p) => [p.path, p] as const))('%s: every malformed call is a clear 4xx and writes nothing', async (_path, procedure) => {
      const calls = procedureCorpus(procedure, PROCEDURE_TABLE[procedure.path]!.input?.(suite.ids.northwind), SEED);
      expect(calls.length).toBeGreaterThanOrEqual(MIN_CASES_PER_TARGET);
      counts.malformed += calls.length;
      let failures: string[] = [];
      const written = await tablesWrittenBy(suite.probe, async () => {
        failures = (await mapWithLimit(calls, CONCURRENCY, (call) => checkMalformedCall(suite.server.baseUrl, procedure, call, suite.tokens.olivia))).flat();
      });
      expect(failures, serverLogTail(suite)).toEqual([]);
      expect(written, 'tables written by malformed calls').toEqual([]);
    });

    it.each(Object.keys(ROUTE_CORPORA))('%s: every malformed request is a clear 4xx and writes nothing', async (route) => {
      const cases = ROUTE_CORPORA[route]!({ ...suite, baseUrl: suite.server.baseUrl, invalidTokens: signedOut }, SEED);
      expect(cases.length).toBeGreaterThanOrEqual(MIN_CASES_PER_TARGET);
      counts.malformed += cases.length;
      let failures: string[] = [];
      const written = await tablesWrittenBy(suite.probe, async () => {
        failures = (await mapWithLimit(cases, CONCURRENCY, (routeCase) => checkRouteCase(suite.server.baseUrl, route, routeCase))).flat();
      });
      expect(failures, serverLogTail(suite)).toEqual([]);
      expect(written, 'tables written by malformed requests').toEqual([]);
    });
  });
});

/** The server's last words, shown with a failure: its side of a wrong answer. */
function serverLogTail(suite: SuiteServer): string {
  return `server log (tail):\n${suite.server.logs().slice(-3_000)}`;
}

/** The route handlers' files, relative to the repository root, sorted. */
function listRouteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => path.basename(file) === 'route.ts')
    .map((file) => path.relative(ROOT, path.join(dir, file)))
    .sort();
}
