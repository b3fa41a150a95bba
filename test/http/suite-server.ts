import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll } from 'vitest';
import { ACCESS_TOKEN_COOKIE } from '../../server/auth/token-transport';
import { cloneTemplateDatabase, type PostgresDatabase } from '../database';
import { type DatabaseProbe, openDatabaseProbe } from './database-probe';
import { type DemoBrands, findDemoBrands } from './demo-brands';
import { type BrandIds, readSeededIds } from './demo-ids';
import { baseDatabaseUrl, type ProductionServer, startProductionServer } from './prod-server';
import { DEMO_USER_IDS, mintAccessToken } from './tokens';
import { callProcedure, type TrpcHttpResponse } from './trpc-http';

/** A fresh database holding the demo data for one server: a copy of the run's template (test/http/global-setup.ts). */
export function createSeededDatabase(): Promise<PostgresDatabase> {
  return cloneTemplateDatabase(baseDatabaseUrl(), 'kairo_http');
}

export interface DemoServerBed {
  database: PostgresDatabase;
  /** Reassigned by a file that restarts its server on the same database. */
  server: ProductionServer;
  probe: DatabaseProbe;
  brands: DemoBrands;
  /** Northwind's owner's token. */
  olivia: string;
  /** A procedure called over HTTP as Olivia. */
  call(path: string, kind: 'query' | 'mutation', input: unknown): Promise<TrpcHttpResponse>;
}

/**
 * A file's production server on its own copy of the demo database, a probe on that database, the demo
 * brands' ids and Olivia's token, registered as hooks and stopped after the file's tests. `env` is read
 * as the server starts, after the hooks the file registered before this call (a fake model's address).
 */
export function demoServerBed(env: () => Record<string, string> = () => ({})): DemoServerBed {
  const bed = {
    call: (path, kind, input) => callProcedure(bed.server.baseUrl, path, kind, input, { token: bed.olivia }),
  } as DemoServerBed;
  beforeAll(async () => {
    bed.database = await createSeededDatabase();
    bed.server = await startProductionServer({ databaseUrl: bed.database.url, env: env() });
    bed.probe = await openDatabaseProbe(bed.database.url);
    bed.brands = await findDemoBrands(bed.server.baseUrl);
    bed.olivia = await mintAccessToken({ userId: DEMO_USER_IDS.olivia });
  });
  afterAll(async () => {
    await bed.probe?.close();
    await bed.server?.stop();
    await bed.database?.drop();
  });
  return bed;
}

/** What reaches a fresh server first decides which bundle layer builds its process context. */
export type BootOrder = 'page' | 'tRPC call';
export const BOOT_ORDERS: BootOrder[] = ['page', 'tRPC call'];

export interface SuiteServer {
  server: ProductionServer;
  database: PostgresDatabase;
  probe: DatabaseProbe;
  /** The answer to the very first request the server got. */
  firstRequest: { description: string; status: number; body: string };
  ids: { northwind: BrandIds; globex: BrandIds };
  /** The raw ingest keys behind `ids.*.ingestKeyId`, and one Northwind key its owner revoked. */
  ingestKeys: { northwind: string; globex: string; revoked: string };
  /** The demo users' tokens, and a newcomer's: a signed-in user in no workspace yet. */
  tokens: { olivia: string; max: string; grace: string; newcomer: string };
  stop(): Promise<void>;
}

/**
 * A production server on its own freshly seeded database, whose first request is a page or a tRPC
 * call, then given what the checks need: the demo users' tokens and one ingest key per tenant, made
 * through the API as an owner would.
 */
export async function bootSuiteServer(order: BootOrder): Promise<SuiteServer> {
  const database = await createSeededDatabase();
  let server: ProductionServer | undefined;
  let probe: DatabaseProbe | undefined;
  try {
    server = await startProductionServer({ databaseUrl: database.url });
    probe = await openDatabaseProbe(database.url);
    return await prepare(order, database, server, probe);
  } catch (error) {
    await probe?.close();
    await server?.stop();
    await database.drop();
    throw error;
  }
}

async function prepare(order: BootOrder, database: PostgresDatabase, server: ProductionServer, probe: DatabaseProbe): Promise<SuiteServer> {
  const tokens = {
    olivia: await mintAccessToken({ userId: DEMO_USER_IDS.olivia }),
    max: await mintAccessToken({ userId: DEMO_USER_IDS.max }),
    grace: await mintAccessToken({ userId: DEMO_USER_IDS.grace }),
    newcomer: await mintAccessToken({ userId: randomUUID() }),
  };
  const seeded = await readSeededIds(probe);

  const firstRequest =
    order === 'page'
      ? await firstPage(server, seeded.northwind.brandId, tokens.olivia)
      : await firstCall(server, seeded.northwind.brandId, tokens.olivia);

  const northwindKey = await createIngestKey(server, seeded.northwind.brandId, tokens.olivia);
  const globexKey = await createIngestKey(server, seeded.globex.brandId, tokens.grace);
  const revokedKey = await createIngestKey(server, seeded.northwind.brandId, tokens.olivia);
  const revoked = await callProcedure(
    server.baseUrl,
    'ingestKeys.revoke',
    'mutation',
    { brandId: seeded.northwind.brandId, id: revokedKey.id },
    { token: tokens.olivia },
  );
  if (revoked.status !== 200)
    throw new Error(`ingestKeys.revoke answered ${revoked.status}: ${JSON.stringify(revoked.body).slice(0, 500)}`);
  const northwindInvite = await createInvite(server, seeded.northwind.workspaceId, tokens.olivia);
  const globexInvite = await createInvite(server, seeded.globex.workspaceId, tokens.grace);
  const northwindSource = await createNoteSource(server, seeded.northwind.brandId, tokens.olivia);
  const globexSource = await createNoteSource(server, seeded.globex.brandId, tokens.grace);
  return {
    server,
    database,
    probe,
    firstRequest,
    ids: {
      northwind: { ...seeded.northwind, ingestKeyId: northwindKey.id, inviteId: northwindInvite, sourceId: northwindSource },
      globex: { ...seeded.globex, ingestKeyId: globexKey.id, inviteId: globexInvite, sourceId: globexSource },
    },
    ingestKeys: { northwind: northwindKey.key, globex: globexKey.key, revoked: revokedKey.key },
    tokens,
    stop: async () => {
      await probe.close();
      await server.stop();
      await database.drop();
    },
  };
}

async function firstPage(server: ProductionServer, brandId: string, token: string): Promise<SuiteServer['firstRequest']> {
  const path = `/brands/${brandId}/today`;
  const response = await fetch(server.baseUrl + path, { headers: { cookie: `${ACCESS_TOKEN_COOKIE}=${token}` }, redirect: 'manual' });
  return { description: `GET ${path}`, status: response.status, body: await response.text() };
}

async function firstCall(server: ProductionServer, brandId: string, token: string): Promise<SuiteServer['firstRequest']> {
  const response = await callProcedure(server.baseUrl, 'today.get', 'query', { brandId }, { token });
  return { description: 'today.get', status: response.status, body: JSON.stringify(response.body) };
}

async function createIngestKey(server: ProductionServer, brandId: string, token: string): Promise<{ id: string; key: string }> {
  const response = await callProcedure(server.baseUrl, 'ingestKeys.create', 'mutation', { brandId, name: 'HTTP suite' }, { token });
  const created = response.data as { id?: string; key?: string } | undefined;
  if (response.status !== 200 || !created?.id || !created.key) {
    throw new Error(
      `ingestKeys.create answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}\n${server.logs().slice(-3_000)}`,
    );
  }
  return { id: created.id, key: created.key };
}

/** A pending invite of the workspace, sent by its owner through the API; its id. */
async function createInvite(server: ProductionServer, workspaceId: string, token: string): Promise<string> {
  const input = { workspaceId, email: 'http-suite-invitee@example.com', role: 'member' };
  const response = await callProcedure(server.baseUrl, 'team.invite', 'mutation', input, { token });
  const invite = response.data as { id?: string } | undefined;
  if (response.status !== 200 || !invite?.id) {
    throw new Error(
      `team.invite answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}\n${server.logs().slice(-3_000)}`,
    );
  }
  return invite.id;
}

/** A note source of the brand, pasted by its owner through the API (a note is never fetched); its id. */
async function createNoteSource(server: ProductionServer, brandId: string, token: string): Promise<string> {
  const input = { brandId, kind: 'note', text: 'A note the HTTP suite pasted' };
  const response = await callProcedure(server.baseUrl, 'sources.add', 'mutation', input, { token });
  const created = response.data as { id?: string } | undefined;
  if (response.status !== 200 || !created?.id) {
    throw new Error(`sources.add answered ${response.status}: ${JSON.stringify(response.body).slice(0, 500)}`);
  }
  return created.id;
}
