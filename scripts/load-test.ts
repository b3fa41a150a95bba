// npm run test:load — 200 concurrent mixed requests for 30 s against the production build on
// PostgreSQL (loopback only; stops by itself): the Today board, package workspaces, variant edits and
// ingest batches from both demo tenants. Passes when no answer is a 5xx or a dropped connection and
// every acknowledged edit and ingested event is in the database; prints the latency table.
import { performance } from 'node:perf_hooks';
import { HOUR_MS } from '../lib/dates';
import { createSeededPostgresDatabase } from '../test/database';
import { openDatabaseProbe } from '../test/http/database-probe';
import { findDemoBrands } from '../test/http/demo-brands';
import { baseDatabaseUrl, buildProductionApp, HTTP_DIST_DIR, startProductionServer } from '../test/http/prod-server';
import { DEMO_USER_IDS, mintAccessToken } from '../test/http/tokens';
import { callProcedure, type TrpcHttpResponse } from '../test/http/trpc-http';

const CONCURRENCY = 200;
const DURATION_MS = 30_000;
/** A second bound beside the time, whatever the machine's speed. */
const MAX_REQUESTS = 200_000;
const EVENTS_PER_BATCH = 20;
/** Packages built per brand before the load, so there are drafts for every client to edit. */
const PACKAGES_PER_BRAND = 12;
/** The share of each kind in the mix; a worker without a variant of its own sends a workspace read instead of an edit. */
const MIX = [
  ['today.get', 0.35],
  ['packages.workspace', 0.3],
  ['variants.update', 0.2],
  ['ingest batch', 0.15],
] as const;
type Kind = (typeof MIX)[number][0];

interface BrandLoad {
  brandId: string;
  token: string;
  packageIds: string[];
  publishedVariants: { id: string; channel: string }[];
  ingestKey: string;
}

interface Worker {
  brand: BrandLoad;
  /** Only this worker edits these variants, so the last edit it saw acknowledged is the one that must remain. */
  variantIds: string[];
}

interface Sample {
  kind: Kind;
  status: number | 'network error';
  ms: number;
}

async function main(): Promise<number> {
  console.log(`load: building the app into ${HTTP_DIST_DIR} (KAIRO_HTTP_REUSE_BUILD=1 serves an existing build)`);
  await buildProductionApp();
  const database = await createSeededPostgresDatabase(baseDatabaseUrl(), 'kairo_load');
  // The harness passes generous rate limits: the load must be answered, not limited.
  const server = await startProductionServer({ databaseUrl: database.url });
  const probe = await openDatabaseProbe(database.url);
  try {
    const brands = await findDemoBrands(server.baseUrl);
    const [olivia, grace] = await Promise.all([
      mintAccessToken({ userId: DEMO_USER_IDS.olivia }),
      mintAccessToken({ userId: DEMO_USER_IDS.grace }),
    ]);
    const loads = [
      await prepareBrand(brands.ledgerline, olivia),
      await prepareBrand(brands.emberAndOak, olivia),
      await prepareBrand(brands.climateDesk, grace),
    ];
    const workers = await assignWorkers(loads);
    const editors = workers.filter((w) => w.variantIds.length > 0).length;

    const samples: Sample[] = [];
    const lastEdit = new Map<string, { acknowledged: string | null; unanswered: string[] }>();
    let ingested = 0;
    let started = 0;
    const deadline = performance.now() + DURATION_MS;
    console.log(
      `load: ${CONCURRENCY} concurrent clients (${editors} with drafts of their own to edit) for ${DURATION_MS / 1000} s against ${server.baseUrl}`,
    );

    const run = async (worker: Worker, index: number) => {
      let sent = 0;
      while (performance.now() < deadline && started < MAX_REQUESTS) {
        started++;
        sent++;
        const kind = pickKind(worker);
        const begin = performance.now();
        let status: Sample['status'];
        try {
          status = await send(kind, worker, `${index}-${sent}`);
        } catch {
          status = 'network error';
        }
        samples.push({ kind, status, ms: performance.now() - begin });
      }
    };

    async function send(kind: Kind, worker: Worker, tag: string): Promise<number> {
      const { brand } = worker;
      const call = (path: string, type: 'query' | 'mutation', input: unknown): Promise<TrpcHttpResponse> =>
        callProcedure(server.baseUrl, path, type, input, { token: brand.token });
      switch (kind) {
        case 'today.get':
          return (await call('today.get', 'query', { brandId: brand.brandId })).status;
        case 'packages.workspace':
          return (await call('packages.workspace', 'query', { brandId: brand.brandId, packageId: pick(brand.packageIds) })).status;
        case 'variants.update': {
          const variantId = pick(worker.variantIds);
          const text = `Load-test edit ${tag}: the close takes three days, not three weeks.`;
          const record = lastEdit.get(variantId) ?? { acknowledged: null, unanswered: [] };
          lastEdit.set(variantId, record);
          record.unanswered.push(text);
          const response = await call('variants.update', 'mutation', { brandId: brand.brandId, variantId, text });
          if (response.status === 200) record.acknowledged = text;
          // A refused edit changed nothing; only one that got no answer may or may not have landed.
          if (response.status === 200 || (response.status >= 400 && response.status < 500)) record.unanswered = [];
          return response.status;
        }
        case 'ingest batch': {
          const variant = pick(brand.publishedVariants);
          const occurredAt = new Date(Date.now() - HOUR_MS).toISOString();
          const events = Array.from({ length: EVENTS_PER_BATCH }, (_, j) => ({
            channel: variant.channel,
            variantId: variant.id,
            externalEventId: `load-${tag}-${j}`,
            eventType: j % 2 ? 'like' : 'impression',
            count: j % 2 ? 3 : 120,
            occurredAt,
          }));
          const response = await fetch(`${server.baseUrl}/api/ingest/execution-events`, {
            method: 'POST',
            headers: { authorization: `Bearer ${brand.ingestKey}`, 'content-type': 'application/json' },
            body: JSON.stringify({ events }),
            signal: AbortSignal.timeout(60_000),
          });
          const body = (await response.json().catch(() => null)) as { inserted?: number } | null;
          if (response.status === 200) ingested += body?.inserted ?? 0;
          return response.status;
        }
      }
    }

    await Promise.all(workers.map(run));
    printTable(samples);

    const failures: string[] = [];
    const serverErrors = samples.filter((s) => s.status === 'network error' || s.status >= 500);
    if (serverErrors.length) failures.push(`${serverErrors.length} answers were 5xx or dropped connections`);
    const edits = [...lastEdit.entries()].filter(([, r]) => r.acknowledged !== null);
    const stored = new Map(
      (
        await probe.query<{ id: string; edited_text: string | null }>('select id, edited_text from variants where id = any($1)', [
          edits.map(([id]) => id),
        ])
      ).map((r) => [r.id, r.edited_text]),
    );
    const lost = edits.filter(([id, r]) => stored.get(id) !== r.acknowledged && !r.unanswered.includes(stored.get(id) ?? ''));
    if (lost.length) failures.push(`${lost.length} of ${edits.length} variants lost their last acknowledged edit`);
    const [events] = await probe.query<{ n: number }>(
      "select count(*)::int as n from execution_events where external_event_id like 'load-%'",
    );
    if (events!.n < ingested) failures.push(`${ingested} ingested events were acknowledged, ${events!.n} are stored`);
    console.log(
      `load: ${samples.length} requests; ${edits.length} variants edited, each holding its last acknowledged edit: ${lost.length === 0}; ` +
        `${ingested} events acknowledged, ${events!.n} stored`,
    );
    for (const failure of failures) console.error(`load: FAILED: ${failure}`);
    if (serverErrors.length)
      console.error(
        server
          .logs()
          .split('\n')
          .filter((line) => /error|failed/i.test(line))
          .slice(0, 20)
          .join('\n'),
      );
    return failures.length ? 1 : 0;
  } finally {
    await probe.close();
    await server.stop();
    await database.drop();
  }

  /**
   * The brand's packages and published variants, an ingest key, and drafts enough for every worker
   * to edit its own: packages built through F2 (the offline model) from the brand's Today board.
   */
  async function prepareBrand(brandId: string, token: string): Promise<BrandLoad> {
    const as = (path: string, kind: 'query' | 'mutation', input: unknown) => callProcedure(server.baseUrl, path, kind, input, { token });
    const today = (await as('today.get', 'query', { brandId, limit: PACKAGES_PER_BRAND })).data as {
      brand: { channels: { channel: string }[] };
      opportunities: { id: string }[];
    };
    const channels = today.brand.channels.map((c) => c.channel);
    for (const opportunity of today.opportunities) {
      const built = await as('packages.createFromOpportunity', 'mutation', { brandId, opportunityId: opportunity.id, channels });
      if (built.status !== 200)
        throw new Error(`packages.createFromOpportunity answered ${built.status}: ${JSON.stringify(built.body).slice(0, 500)}`);
    }
    const created = await as('ingestKeys.create', 'mutation', { brandId, name: 'Load test' });
    if (created.status !== 200) throw new Error(`ingestKeys.create answered ${created.status}: ${JSON.stringify(created.body)}`);
    const packageIds = (
      await probe.query<{ id: string }>('select id from content_packages where brand_id = $1 and deleted_at is null', [brandId])
    ).map((r) => r.id);
    const publishedVariants = await probe.query<{ id: string; channel: string }>(
      'select id, channel from variants where brand_id = $1 and published_at is not null and deleted_at is null',
      [brandId],
    );
    if (!publishedVariants.length) throw new Error(`brand ${brandId} has no published variants to send metrics for`);
    return { brandId, token, packageIds, publishedVariants, ingestKey: (created.data as { key: string }).key };
  }

  /** Workers spread over the brands; each editable variant goes to exactly one worker. */
  async function assignWorkers(loads: BrandLoad[]): Promise<Worker[]> {
    const workers: Worker[] = Array.from({ length: CONCURRENCY }, (_, i) => ({ brand: loads[i % loads.length]!, variantIds: [] }));
    for (const load of loads) {
      const editable = await probe.query<{ id: string }>(
        "select id from variants where brand_id = $1 and deleted_at is null and status in ('draft', 'edited', 'approved', 'scheduled') order by id",
        [load.brandId],
      );
      const own = workers.filter((w) => w.brand === load);
      for (const [index, variant] of editable.entries()) own[index % own.length]!.variantIds.push(variant.id);
    }
    return workers;
  }
}

function pickKind(worker: Worker): Kind {
  let roll = Math.random();
  for (const [kind, share] of MIX) {
    roll -= share;
    if (roll < 0) return kind === 'variants.update' && worker.variantIds.length === 0 ? 'packages.workspace' : kind;
  }
  return 'today.get';
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

function printTable(samples: Sample[]): void {
  const rows = [...MIX.map(([kind]) => kind), 'all' as const].map((kind) => {
    const mine = kind === 'all' ? samples : samples.filter((s) => s.kind === kind);
    const ms = mine.map((s) => s.ms).sort((a, b) => a - b);
    const statuses = new Map<string, number>();
    for (const { status } of mine) statuses.set(String(status), (statuses.get(String(status)) ?? 0) + 1);
    const codes = [...statuses.entries()]
      .sort()
      .map(([status, count]) => `${status}×${count}`)
      .join(' ');
    return [kind, String(mine.length), ...[50, 95, 99].map((p) => percentile(ms, p).toFixed(0)), (ms.at(-1) ?? 0).toFixed(0), codes];
  });
  const header = ['request', 'count', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'status codes'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
}

process.exitCode = await main();
