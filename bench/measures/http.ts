import { sql } from 'drizzle-orm';
import { maxDuration as CRON_MAX_DURATION_S } from '../../app/api/cron/learning/route';
import type { TodayBoard } from '../../engines/opportunities/dto';
import { createSystemContext } from '../../server/orchestrator/context';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { buildProductionApp, type ProductionServer, startProductionServer, TEST_CRON_SECRET } from '../../test/http/prod-server';
import { mintAccessToken } from '../../test/http/tokens';
import { callProcedure } from '../../test/http/trpc-http';
import { addExecutionEventsForBrands, addOpportunities, addPublishedVariants, eventBatch, publishedVariants } from '../bench-data';
import type { BenchDatabase, Statement } from '../databases';
import { atLeast, atMost, type BenchRow, noTarget, ratioOf, summarize } from '../report';
import type { BenchSizes } from '../sizes';
import { sample } from './in-process';

export { buildProductionApp };

const WINDOW_DAYS = 30;

/** The server for `db`: PostgreSQL through its URL, PGlite through the data folder the bench has closed. */
export function serveDatabase(db: BenchDatabase): Promise<ProductionServer> {
  return db.driver === 'PostgreSQL'
    ? startProductionServer({ databaseUrl: db.location })
    : startProductionServer({ databaseUrl: '', env: { DATABASE_URL: '', KAIRO_DATA_DIR: db.location } });
}

/** A brand with `count` live opportunities, analyzed as a working brand's table is. */
export async function boardBrand(db: BenchDatabase, count: number): Promise<TenantFixture> {
  const fx = await createTenantFixture(db.handle.db, 'Bench today');
  await addOpportunities(db.handle.db, fx, count);
  await db.handle.db.execute(sql`analyze`);
  return fx;
}

/**
 * The statements the engine sends for the board's rows and counts, captured from one real read, so the
 * reference runs exactly that SQL with nothing around it (no tRPC, no mapping, no other reads).
 */
async function boardStatements(db: BenchDatabase, fx: TenantFixture): Promise<{ statements: Statement[]; board: TodayBoard }> {
  const engines = createSystemContext(db.handle).engines;
  let board: TodayBoard | undefined;
  const statements = await db.capture(async () => {
    board = await engines.opportunities.getTodayBoard(fx, { limit: 50 });
  });
  // The brand check reads brands; the page (with its cards' packages) and the counts are the board.
  return { statements: statements.filter((statement) => statement.text.includes('from "opportunities"')), board: board! };
}

/** Both drivers' Drizzle handles carry their client (the pool, or PGlite) as `$client`. */
function runStatements(db: BenchDatabase, statements: Statement[]) {
  const client = (db.handle.db as unknown as { $client: { query(text: string, params: unknown[]): Promise<unknown> } }).$client;
  return Promise.all(statements.map((statement) => client.query(statement.text, statement.params)));
}

/** One call of a query procedure; anything but 200 throws. */
async function query(server: ProductionServer, token: string, procedure: string, input: unknown): Promise<unknown> {
  const response = await callProcedure(server.baseUrl, procedure, 'query', input, { token });
  if (response.status !== 200) throw new Error(`${procedure} answered ${response.status}: ${JSON.stringify(response.body).slice(0, 300)}`);
  return response.data;
}

const todayGet = (server: ProductionServer, token: string, brandId: string) => query(server, token, 'today.get', { brandId });

/**
 * The floor under every procedure: `auth.mode` over the same server with the same token, so the call
 * pays what each one does (HTTP, Next's route handler, tRPC, the token check and the viewer's
 * memberships) and reads no board. today.get cannot be faster than this.
 */
const floorCall = (server: ProductionServer, token: string) => query(server, token, 'auth.mode', undefined);

async function timed(call: () => Promise<unknown>): Promise<{ ms: number; ok: boolean }> {
  const start = performance.now();
  try {
    await call();
    return { ms: performance.now() - start, ok: true };
  } catch {
    return { ms: performance.now() - start, ok: false };
  }
}

/**
 * The reference must read what the endpoint returns: the same cards in the same order, their packages
 * and the same counts. Checked once against a real today.get, so a change to either side that makes
 * them read different things fails the measure instead of flattering it.
 */
function assertSameBoard(board: TodayBoard, view: unknown): void {
  const shown = view as { opportunities: { id: string }[]; packages: unknown[]; focus: { metrics: { total: number } } };
  const same =
    JSON.stringify(shown.opportunities.map((o) => o.id)) === JSON.stringify(board.opportunities.map((o) => o.id)) &&
    shown.packages.length === board.packages.length &&
    shown.focus.metrics.total === board.metrics.total;
  if (!same) {
    throw new Error(
      `today.get returned ${shown.opportunities.length} cards of ${shown.focus.metrics.total}, the reference ${board.opportunities.length} of ${board.metrics.total}`,
    );
  }
}

/**
 * P1 (and, on PostgreSQL, P5): today.get over HTTP for a brand with a large board, beside the bare
 * SQL of its rows and counts; then the same calls `concurrency` at a time.
 */
export async function measureTodayOverHttp(db: BenchDatabase, sizes: BenchSizes): Promise<BenchRow[]> {
  const fx = await boardBrand(db, sizes.boardOpportunities);
  const { statements, board } = await boardStatements(db, fx);
  if (statements.length !== 2) throw new Error(`expected the board's page and counts, captured ${statements.length} statements`);
  const bare = summarize(await sample(() => runStatements(db, statements), sizes.todayCalls, 10));
  // PGlite has one owner: the server opens the folder only once the bench let go of it.
  if (db.driver === 'PGlite') await db.handle.close();
  const server = await serveDatabase(db);
  try {
    const token = await mintAccessToken({ userId: fx.ownerUserId });
    assertSameBoard(board, await todayGet(server, token, fx.brandId));
    const single = summarize(await sample(() => todayGet(server, token, fx.brandId), sizes.todayCalls, 10));
    const floor = summarize(await sample(() => floorCall(server, token), sizes.todayCalls, 10));
    const opportunities = sizes.boardOpportunities.toLocaleString('en-US');
    const rows: BenchRow[] = [
      {
        id: `P1 ${db.driver}`,
        measure: `today.get over HTTP, ${opportunities} live opportunities, ${sizes.todayCalls} calls`,
        median: single.median,
        p95: single.p95,
        reference: bare.median,
        unit: 'ms',
        ratio: ratioOf(single.median, bare.median),
        target: atMost(1.5),
      },
      {
        id: `P1 ${db.driver}`,
        measure: `the floor: auth.mode over the same server and token (no board), ${sizes.todayCalls} calls`,
        median: floor.median,
        p95: floor.p95,
        reference: bare.median,
        unit: 'ms',
        ratio: ratioOf(floor.median, bare.median),
        target: noTarget(),
        note: 'floor, no target',
      },
    ];
    if (db.driver === 'PostgreSQL') {
      rows.push(
        ...(await measureConcurrent(() => todayGet(server, token, fx.brandId), 'today.get', single.median, sizes)),
        ...(await measureConcurrent(() => floorCall(server, token), 'auth.mode (the floor)', floor.median, sizes)),
      );
    }
    return rows;
  } finally {
    await server.stop();
  }
}

/** P5: `call` `concurrency` at a time, each round once the last has answered; errors and p95 against one call's median. */
async function measureConcurrent(call: () => Promise<unknown>, name: string, singleMedian: number, sizes: BenchSizes): Promise<BenchRow[]> {
  const results: { ms: number; ok: boolean }[] = [];
  for (let round = 0; round < sizes.concurrentRounds; round++) {
    results.push(...(await Promise.all(Array.from({ length: sizes.concurrency }, () => timed(call)))));
  }
  const errors = results.filter((result) => !result.ok).length;
  const latency = summarize(results.map((result) => result.ms));
  const label = `${sizes.concurrency} concurrent ${name} × ${sizes.concurrentRounds}`;
  const floor = name !== 'today.get';
  return [
    ...(floor
      ? []
      : [
          {
            id: 'P5 PostgreSQL',
            measure: `${label}: errors`,
            median: errors,
            p95: null,
            reference: null,
            unit: 'errors',
            ratio: errors,
            target: atMost(0, '0 errors'),
          },
        ]),
    {
      id: 'P5 PostgreSQL',
      measure: `${label}: p95 against one call's median`,
      median: latency.median,
      p95: latency.p95,
      reference: singleMedian,
      unit: 'ms',
      ratio: ratioOf(latency.p95, singleMedian),
      ...(floor
        ? { target: noTarget(), note: `floor, no target${errors > 0 ? `; ${errors} errors` : ''}` }
        : { target: atMost(5, 'p95 ≤ 5×') }),
    },
  ];
}

/** Rows of `variants` as the ingest sends them, as bare multi-row INSERT … ON CONFLICT DO NOTHING statements. */
async function bareInsert(db: BenchDatabase, fx: TenantFixture, events: ReturnType<typeof eventBatch>): Promise<void> {
  const columns = 12;
  const params: unknown[] = [];
  const tuples = events.map((event, index) => {
    params.push(
      fx.tenantId,
      fx.brandId,
      event.variantId,
      event.channel,
      event.eventType,
      event.count,
      null,
      'platform_webhook',
      event.occurredAt,
      new Date().toISOString(),
      event.externalEventId,
      '{}',
    );
    return `(${Array.from({ length: columns }, (_, column) => `$${index * columns + column + 1}`).join(', ')})`;
  });
  await db.handle.pgPool!.query(
    `insert into execution_events (tenant_id, brand_id, variant_id, channel, event_type, count, event_value, source,
       occurred_at, received_at, external_event_id, metadata)
     values ${tuples.join(', ')}
     on conflict (brand_id, channel, external_event_id) do nothing`,
    params,
  );
}

/** P7: events through POST /api/ingest/execution-events against the bare insert of the same rows. */
export async function measureIngestOverHttp(db: BenchDatabase, sizes: BenchSizes): Promise<BenchRow[]> {
  const ctx = createSystemContext(db.handle);
  const [viaRoute, viaSql] = [
    await createTenantFixture(db.handle.db, 'Bench ingest'),
    await createTenantFixture(db.handle.db, 'Bench bare insert'),
  ];
  for (const fx of [viaRoute, viaSql]) await addPublishedVariants(db.handle.db, sql`${`{${fx.brandId}}`}::uuid[]`, 100, WINDOW_DAYS);
  const { key } = await ctx.engines.ingestKeys.createKey(viaRoute, { name: 'Bench' });
  const routeVariants = await publishedVariants(db.handle.db, viaRoute.brandId);
  const sqlVariants = await publishedVariants(db.handle.db, viaSql.brandId);
  const batches = Math.ceil(sizes.ingestEvents / sizes.ingestBatch);

  const started = performance.now();
  for (let batch = 0; batch < batches; batch++) {
    await bareInsert(db, viaSql, eventBatch(sqlVariants, batch * sizes.ingestBatch, sizes.ingestBatch, WINDOW_DAYS));
  }
  const bareRate = sizes.ingestEvents / ((performance.now() - started) / 1000);

  const server = await serveDatabase(db);
  try {
    const start = performance.now();
    for (let batch = 0; batch < batches; batch++) {
      const events = eventBatch(routeVariants, batch * sizes.ingestBatch, sizes.ingestBatch, WINDOW_DAYS);
      const response = await fetch(`${server.baseUrl}/api/ingest/execution-events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ events }),
      });
      const body = (await response.json()) as { inserted?: number };
      if (response.status !== 200 || body.inserted !== events.length) {
        throw new Error(`ingest batch ${batch} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      }
    }
    const routeRate = sizes.ingestEvents / ((performance.now() - start) / 1000);
    return [
      {
        id: 'P7 PostgreSQL',
        measure: `ingest ${sizes.ingestEvents.toLocaleString('en-US')} events over HTTP in batches of ${sizes.ingestBatch.toLocaleString('en-US')}`,
        median: routeRate,
        p95: null,
        reference: bareRate,
        unit: 'events/s',
        ratio: ratioOf(routeRate, bareRate),
        target: atLeast(0.5),
      },
    ];
  } finally {
    await server.stop();
  }
}

interface WalkFigures {
  brands: number;
  calls: number[];
  brandsPerCall: number[];
}

/** One full cron walk: GET /api/cron/learning until the window's walk completes. */
async function cronWalk(db: BenchDatabase, brands: number, eventsPerBrand: number): Promise<WalkFigures> {
  const brandIds: string[] = [];
  for (let i = 0; i < brands; i++) brandIds.push((await createTenantFixture(db.handle.db, `Bench cron ${i}`)).brandId);
  for (let from = 0; from < brandIds.length; from += 200) {
    await addExecutionEventsForBrands(db.handle.db, brandIds.slice(from, from + 200), {
      packages: 5,
      events: eventsPerBrand,
      days: WINDOW_DAYS,
    });
  }
  await db.handle.db.execute(sql`analyze`);
  const server = await serveDatabase(db);
  const figures: WalkFigures = { brands, calls: [], brandsPerCall: [] };
  try {
    for (let call = 0; call < 1_000; call++) {
      const start = performance.now();
      const response = await fetch(`${server.baseUrl}/api/cron/learning`, {
        headers: { authorization: `Bearer ${TEST_CRON_SECRET}` },
        signal: AbortSignal.timeout(CRON_MAX_DURATION_S * 2_000),
      });
      const body = (await response.json()) as { complete?: boolean; brandsProcessed?: number };
      if (response.status !== 200) throw new Error(`cron call ${call} answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
      figures.calls.push(performance.now() - start);
      figures.brandsPerCall.push(body.brandsProcessed ?? 0);
      if (body.complete) break;
    }
  } finally {
    await server.stop();
  }
  return figures;
}

/** P8: the cron walk over the small and the large number of brands, each on a database of its own. */
export async function measureCronWalk(createDatabase: () => Promise<BenchDatabase>, sizes: BenchSizes): Promise<BenchRow[]> {
  const walks: WalkFigures[] = [];
  for (const brands of sizes.cronBrands) {
    const db = await createDatabase();
    try {
      walks.push(await cronWalk(db, brands, sizes.eventsPerBrand));
    } finally {
      await db.drop();
    }
  }
  const limitMs = CRON_MAX_DURATION_S * 1_000;
  const costPerBrand = walks.map((walk) => walk.calls.reduce((sum, ms) => sum + ms, 0) / walk.brands);
  const rows: BenchRow[] = walks.map((walk) => {
    const calls = summarize(walk.calls);
    const longest = Math.max(...walk.calls);
    return {
      id: 'P8 PostgreSQL',
      measure: `cron walk, ${walk.brands.toLocaleString('en-US')} brands × ${sizes.eventsPerBrand} events: ${walk.calls.length} calls, brands per call ${walk.brandsPerCall.join('/')}`,
      median: calls.median,
      p95: longest,
      reference: limitMs,
      unit: 'ms',
      ratio: ratioOf(longest, limitMs),
      target: atMost(1, 'every call ≤ maxDuration'),
    };
  });
  rows.push({
    id: 'P8 PostgreSQL',
    measure: `cron cost per brand, ${sizes.cronBrands[1].toLocaleString('en-US')} against ${sizes.cronBrands[0].toLocaleString('en-US')} brands`,
    median: costPerBrand[1]!,
    p95: null,
    reference: costPerBrand[0]!,
    unit: 'ms',
    ratio: ratioOf(costPerBrand[1]!, costPerBrand[0]!),
    target: atMost(1.2),
  });
  return rows;
}
