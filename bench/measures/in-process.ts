import type { LanguageModelV4, LanguageModelV4CallOptions } from '@ai-sdk/provider';
import { sql } from 'drizzle-orm';
import { brands } from '../../engines/db/schema';
import type { BrandScope } from '../../engines/scope';
import { createSystemContext, type SystemContext } from '../../server/orchestrator/context';
import { LearningUpdateOrchestrator } from '../../server/orchestrator/flows/learning-update';
import { PackageBuildOrchestrator } from '../../server/orchestrator/flows/package-build';
import { createModelRegistry, DEFAULT_MODEL_NAME, type ModelRegistry } from '../../server/orchestrator/llm/model-registry';
import { OFFLINE_WRITERS } from '../../server/orchestrator/llm/nodes';
import { createTenantFixture } from '../../test/fixtures';
import { addExecutionEvents, addOpportunities, addPublishedVariants, eventBatch, publishedVariants } from '../bench-data';
import type { BenchDatabase } from '../databases';
import { atMost, type BenchRow, coveredMs, medianAtMost, ratioOf, summarize } from '../report';
import type { BenchSizes } from '../sizes';

const WINDOW_DAYS = 30;
/** An admin run over another window than the cron's is a preview: every step runs, nothing is kept, so it repeats. */
const PREVIEW_WINDOW_DAYS = WINDOW_DAYS + 1;

/** Times `run` `iterations` times after `warmup` untimed calls; the samples in ms. */
export async function sample(run: () => Promise<unknown>, iterations: number, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    times.push(performance.now() - start);
  }
  return times;
}

/** The bare aggregate F3 stands on: one GROUP BY over the window's events of the brand. */
function bareGroupBy(db: BenchDatabase, scope: BrandScope, window: { windowStart: Date; windowEnd: Date }) {
  return db.handle.db.execute(sql`
    select variant_id, event_type, sum(count) as total
    from execution_events
    where tenant_id = ${scope.tenantId} and brand_id = ${scope.brandId}
      and occurred_at >= ${window.windowStart} and occurred_at < ${window.windowEnd}
    group by variant_id, event_type`);
}

/** P2: F3 for one brand over `small` and `large` events in the window, beside the bare GROUP BY. */
export async function measureLearningGrowth(db: BenchDatabase, sizes: BenchSizes): Promise<BenchRow[]> {
  const ctx = createSystemContext(db.handle);
  const [small, large] = sizes.learningEvents;
  const window = ctx.engines.learning.windowFor(PREVIEW_WINDOW_DAYS);
  const figures: { events: number; flow: number[]; bare: number[] }[] = [];
  for (const events of [small, large]) {
    const fx = await createTenantFixture(db.handle.db, `Bench learning ${events}`);
    await addExecutionEvents(db.handle.db, fx, { packages: 100, events, days: WINDOW_DAYS });
    // P2 measures the flow with statistics, as a brand has them in steady state; P6 measures without.
    await db.handle.db.execute(sql`analyze`);
    const flow = await sample(
      () => LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: PREVIEW_WINDOW_DAYS, trigger: 'admin' }),
      sizes.learningRuns,
    );
    const bare = await sample(() => bareGroupBy(db, fx, window), sizes.learningRuns);
    figures.push({ events, flow, bare });
  }
  const rows: BenchRow[] = figures.map(({ events, flow, bare }) => {
    const flowTimes = summarize(flow);
    const floorTimes = summarize(bare);
    return {
      id: `P2 ${db.driver}`,
      measure: `F3 runForBrand, ${events.toLocaleString('en-US')} events`,
      median: flowTimes.median,
      p95: flowTimes.p95,
      reference: floorTimes.median,
      unit: 'ms',
      ratio: ratioOf(flowTimes.median, floorTimes.median),
      target: atMost(2),
    };
  });
  const growth = ratioOf(rows[1]!.median!, rows[0]!.median!);
  rows.push({
    id: `P2 ${db.driver}`,
    measure: `F3 growth, ${(large / small).toFixed(0)}× the events`,
    median: rows[1]!.median,
    p95: null,
    reference: rows[0]!.median,
    unit: 'ms',
    ratio: growth,
    target: atMost(((large / small) * 12) / 10, `≤ ${((large / small) * 12) / 10}× (×${large / small} events)`),
  });
  return rows;
}

/** Each model call's start and end, so the time outside them is the flow's own. */
interface CallLog {
  calls: { start: number; end: number }[];
  /** The last build's requests, replayed one after another as the reference. */
  requests: LanguageModelV4CallOptions[];
}

/** The offline model with the fixed latency (KAIRO_OFFLINE_MODEL_LATENCY_MS's wrapper), each call logged. */
function loggedRegistry(latencyMs: number, log: CallLog): { registry: ModelRegistry; model: LanguageModelV4 } {
  const inner = createModelRegistry({ modelName: DEFAULT_MODEL_NAME, offlineLatencyMs: latencyMs }, OFFLINE_WRITERS);
  const timed =
    (method: 'doGenerate' | 'doStream') =>
    async (options: LanguageModelV4CallOptions): Promise<never> => {
      const call = { start: performance.now(), end: Number.NaN };
      log.calls.push(call);
      log.requests.push(options);
      try {
        const model = inner.modelFor('variant_writer');
        return (await (model[method] as (o: LanguageModelV4CallOptions) => Promise<never>).call(model, options)) as never;
      } finally {
        call.end = performance.now();
      }
    };
  const model = Object.create(inner.modelFor('variant_writer'), {
    doGenerate: { value: timed('doGenerate') },
    doStream: { value: timed('doStream') },
  }) as LanguageModelV4;
  return { registry: { modelFor: () => model, offline: true }, model };
}

const P3_CHANNELS = ['linkedin', 'x', 'newsletter', 'instagram'] as const;

/** P3: F2 with four channels on a 300 ms model: the wall and the time outside model calls. */
export async function measurePackageBuild(db: BenchDatabase, sizes: BenchSizes): Promise<BenchRow[]> {
  const log: CallLog = { calls: [], requests: [] };
  const { registry, model } = loggedRegistry(sizes.modelLatencyMs, log);
  const ctx: SystemContext = createSystemContext(db.handle, { models: registry });
  const fx = await createTenantFixture(db.handle.db, 'Bench package build');
  await db.handle.db
    .update(brands)
    .set({ channels: P3_CHANNELS.map((channel) => ({ channel, handle: `bench-${channel}` })) })
    .where(sql`${brands.id} = ${fx.brandId}`);
  await addOpportunities(db.handle.db, fx, sizes.buildRuns + 1);
  const ids = (
    (await db.handle.db.execute(sql`select id from opportunities where brand_id = ${fx.brandId} order by id`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows.map((row) => row.id);

  const walls: number[] = [];
  const outside: number[] = [];
  const callCounts: number[] = [];
  for (const [index, opportunityId] of ids.entries()) {
    log.calls = [];
    log.requests = [];
    const start = performance.now();
    await PackageBuildOrchestrator.createPackageFromOpportunity(ctx, fx, {
      opportunityId,
      channels: [...P3_CHANNELS],
      createdByUserId: fx.ownerUserId,
    });
    const wall = performance.now() - start;
    if (index === 0) continue; // warm-up: module and prompt caches
    walls.push(wall);
    outside.push(wall - coveredMs(log.calls));
    callCounts.push(log.calls.length);
  }
  // The reference: five of the build's own calls one after another (a thesis and four channels, unparallelised).
  const replayed = log.requests.slice(0, 5);
  const sequential = await sample(
    async () => {
      for (let i = 0; i < 5; i++) await model.doGenerate(replayed[i % replayed.length]!);
    },
    Math.min(3, sizes.buildRuns),
    0,
  );
  const wall = summarize(walls);
  const own = summarize(outside);
  const reference = summarize(sequential).median;
  const calls = `${Math.min(...callCounts)}–${Math.max(...callCounts)} model calls`;
  return [
    {
      id: `P3 ${db.driver}`,
      measure: `F2 wall, 4 channels, ${sizes.modelLatencyMs} ms model (${calls})`,
      median: wall.median,
      p95: wall.p95,
      reference,
      unit: 'ms',
      ratio: ratioOf(wall.median, reference),
      target: medianAtMost(2 * sizes.modelLatencyMs + 100, 'ms'),
    },
    {
      id: `P3 ${db.driver}`,
      measure: 'F2 time outside model calls',
      median: own.median,
      p95: own.p95,
      reference: null,
      unit: 'ms',
      ratio: null,
      target: medianAtMost(50, 'ms'),
    },
  ];
}

/**
 * P6: right after a bulk ingest through the engine (batches of the largest size the route takes),
 * the 30-day performance summary and the Today board, before anyone runs ANALYZE and after.
 */
export async function measurePlanTrap(db: BenchDatabase, sizes: BenchSizes): Promise<BenchRow[]> {
  const ctx = createSystemContext(db.handle);
  const fx = await createTenantFixture(db.handle.db, 'Bench plan trap');
  const list = sql`${`{${fx.brandId}}`}::uuid[]`;
  await addPublishedVariants(db.handle.db, list, 100, WINDOW_DAYS);
  const variants = await publishedVariants(db.handle.db, fx.brandId);
  // The board's opportunities are older than the ingest, as a working brand's are; the ingest is what is fresh.
  await addOpportunities(db.handle.db, fx, sizes.boardOpportunities);
  await db.handle.db.execute(sql`analyze`);
  for (let from = 0; from < sizes.planTrapEvents; from += sizes.ingestBatch) {
    await ctx.engines.learning.intake.recordExecutionEvents(fx, {
      events: eventBatch(variants, from, Math.min(sizes.ingestBatch, sizes.planTrapEvents - from), WINDOW_DAYS),
      source: 'platform_webhook',
    });
  }
  const window = ctx.engines.learning.windowFor(WINDOW_DAYS);
  const readings = {
    summary: () => ctx.engines.learning.update.computeVariantPerformanceSummary(fx, window),
    board: () => ctx.engines.opportunities.getTodayBoard(fx, { limit: 50 }),
  };
  // Few runs before (one warm-up, as after): a slow plan costs seconds each, and autovacuum may analyze meanwhile.
  const before = { summary: await sample(readings.summary, 3), board: await sample(readings.board, 3) };
  await db.handle.db.execute(sql`analyze`);
  const after = {
    summary: await sample(readings.summary, sizes.learningRuns),
    board: await sample(readings.board, sizes.learningRuns),
  };
  return (['summary', 'board'] as const).map((reading) => {
    const beforeAnalyze = summarize(before[reading]);
    const afterAnalyze = summarize(after[reading]);
    return {
      id: `P6 ${db.driver}`,
      measure:
        reading === 'summary'
          ? `30-day performance summary after ingesting ${sizes.planTrapEvents.toLocaleString('en-US')} events, before ANALYZE`
          : `Today board (${sizes.boardOpportunities.toLocaleString('en-US')} opportunities) after the ingest, before ANALYZE`,
      median: beforeAnalyze.median,
      p95: beforeAnalyze.p95,
      reference: afterAnalyze.median,
      unit: 'ms',
      ratio: ratioOf(beforeAnalyze.median, afterAnalyze.median),
      target: atMost(1.5),
    };
  });
}
