import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeModelServer, type ModelCall, startFakeModelServer } from './fake-model-server';
import { startProductionServer, TEST_CRON_SECRET } from './prod-server';
import { demoServerBed } from './suite-server';

// The production server killed (SIGKILL, by its pid) while F2 waits on its draft calls — the thesis
// has answered and the package is stored — then started again on the same database. The run it
// left `running` must be marked interrupted once its budget plus the sweep margin has passed, its
// package removed, and a retry with the same idempotency key must build the package.

const MODEL_NAME = 'kairo-kill-model';
/** Small, so the sweep may claim the killed run seconds after the restart. */
const BUILD_BUDGET_MS = 4_000;
const SWEEP_MARGIN_MS = 1_000;

let model: FakeModelServer;

const serverEnv = () => ({
  OPENAI_API_KEY: 'kill-suite-key',
  OPENAI_BASE_URL: model.baseUrl,
  KAIRO_MODEL: MODEL_NAME,
  KAIRO_F2_BUILD_BUDGET_MS: String(BUILD_BUDGET_MS),
  KAIRO_RUN_SWEEP_MARGIN_MS: String(SWEEP_MARGIN_MS),
});

beforeAll(async () => {
  model = await startFakeModelServer();
});
afterAll(() => model?.close());
const bed = demoServerBed(serverEnv);

const drafts = (call: ModelCall) => call.schemaName === 'VariantDrafts';

interface RunRow {
  id: string;
  status: string;
  package_id: string | null;
  budget_ms: number | null;
  overdue: boolean;
}

async function runsForKey(key: string): Promise<RunRow[]> {
  return bed.probe.query<RunRow>(
    `select id, status, package_id, budget_ms,
       now() > started_at + (budget_ms + $2::int) * interval '1 millisecond' as overdue
     from flow_runs where flow = 'f2_package_build' and input ->> 'idempotencyKey' = $1 order by started_at`,
    [key, SWEEP_MARGIN_MS],
  );
}

async function until<T>(what: string, probeOnce: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const found = await probeOnce();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the production server killed in the middle of F2', () => {
  it('the restarted server marks the run interrupted, removes its package once however many sweeps run, and the same key builds the package', async () => {
    const today = await bed.call('today.get', 'query', { brandId: bed.brands.ledgerline, limit: 5 });
    const opportunityId = (today.data as { opportunities: { id: string }[] }).opportunities[0]!.id;
    const key = randomUUID();
    const request = { brandId: bed.brands.ledgerline, opportunityId, channels: ['linkedin', 'x'], idempotencyKey: key };

    model.script((c) => (drafts(c) ? { kind: 'stall' } : { kind: 'answer' }));
    const building = bed.call('packages.createFromOpportunity', 'mutation', request).catch((error: unknown) => error);
    await model.nextCall(drafts);
    const [started] = await runsForKey(key);
    expect(started).toMatchObject({ status: 'running', budget_ms: BUILD_BUDGET_MS, package_id: expect.any(String) });
    const packageId = started!.package_id!;

    const killedAt = Date.now();
    process.kill(bed.server.pid, 'SIGKILL');
    bed.server.kill('SIGKILL');
    expect(await building).toBeInstanceOf(Error);
    expect(await runsForKey(key)).toEqual([expect.objectContaining({ status: 'running', package_id: packageId })]);

    bed.server = await startProductionServer({ databaseUrl: bed.database.url, env: serverEnv() });
    const restartedAfterMs = Date.now() - killedAt;
    model.reset();

    // Once the run is overdue, sweeps from three places at once: the cron, the build's progress, the runs page.
    await until('the killed run to pass its budget plus the margin', async () => (await runsForKey(key))[0]!.overdue);
    const cron = fetch(`${bed.server.baseUrl}/api/cron/learning`, { headers: { authorization: `Bearer ${TEST_CRON_SECRET}` } });
    const [progress, runsPage, cronAnswer] = await Promise.all([
      bed.call('packages.buildProgress', 'query', { brandId: bed.brands.ledgerline, idempotencyKey: key, channels: ['linkedin', 'x'] }),
      bed.call('runs.list', 'query', { brandId: bed.brands.ledgerline, limit: 20 }),
      cron,
    ]);
    expect([progress.status, runsPage.status, cronAnswer.status]).toEqual([200, 200, 200]);
    expect(progress.data).toMatchObject({ status: 'interrupted', packageId: null });
    const interruptedAfterMs = Date.now() - killedAt;

    const [run] = await runsForKey(key);
    expect(run).toMatchObject({ status: 'interrupted', package_id: null });
    const sweepEvents = await bed.probe.query<{ kind: string; payload: Record<string, unknown> }>(
      "select kind, payload from flow_run_events where run_id = $1 and node = 'sweep' order by seq",
      [run!.id],
    );
    expect(sweepEvents).toEqual([
      { kind: 'hard_error', payload: expect.objectContaining({ reason: 'interrupted', budgetMs: BUILD_BUDGET_MS, packageId }) },
      { kind: 'engine_mutation', payload: expect.objectContaining({ removedPackageId: packageId }) },
    ]);
    expect(await bed.probe.query('select id from content_packages where id = $1', [packageId])).toEqual([]);
    expect(await bed.probe.query('select id from variants where package_id = $1', [packageId])).toEqual([]);
    const listed = (runsPage.data as { id: string; status: string; budgetMs: number | null }[]).find((r) => r.id === run!.id);
    expect(listed).toMatchObject({ status: 'interrupted', budgetMs: BUILD_BUDGET_MS });

    // The same key again: a new build, at once, with its drafts.
    const retryStarted = Date.now();
    const retry = await bed.call('packages.createFromOpportunity', 'mutation', request);
    const retryMs = Date.now() - retryStarted;
    expect(retry.status).toBe(200);
    const view = retry.data as { package: { id: string }; variantsByChannel: Record<string, unknown[]> };
    expect(view.package.id).not.toBe(packageId);
    expect(view.variantsByChannel.linkedin!.length).toBeGreaterThan(0);
    expect(view.variantsByChannel.x!.length).toBeGreaterThan(0);
    expect((await runsForKey(key)).map((r) => r.status)).toEqual(['interrupted', 'succeeded']);
    expect(await bed.probe.unfinishedRuns(new Date(0))).toEqual([]);

    // The closing note's figures.
    console.info(
      `kill test: restarted ${restartedAfterMs} ms after SIGKILL; run interrupted and package removed ${interruptedAfterMs} ms after it ` +
        `(budget ${BUILD_BUDGET_MS} ms + margin ${SWEEP_MARGIN_MS} ms); the retry built the package in ${retryMs} ms`,
    );
  });
});
