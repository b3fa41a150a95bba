import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNull, notInArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Clock, systemClock } from '../clock';
import type { Database } from '../db/client';
import { rows } from '../db/migrator';
import { brands, flowRunEvents, flowRuns } from '../db/schema';
import { timestamptz } from '../db/sql-time';
import { InvariantViolationError, NotFoundError } from '../errors';
import { assertBrandLive, BrandScope, type Executor, inBrand, isUniqueViolation, liveBrand } from '../scope';
import {
  BuildRunsForKeyInput,
  FinishRunInput,
  FlowRunDTO,
  FlowRunEventDTO,
  FlowRunSummaryDTO,
  type HashedPayload,
  InterruptedRunDTO,
  LatestPackageRunInput,
  LinkPackageInput,
  ListRunsInput,
  MAX_INLINE_PAYLOAD_BYTES,
  RecallOutputInput,
  RecordRunEventInput,
  RecordRunEventsInput,
  StartRunInput,
  SweepInput,
} from './dto';
import { claimOverdueRuns, recordSweepCleanup } from './sweep';

/** Retries of one "Create package" attempt: a person clicks "Try again" a handful of times at most. */
const MAX_RUNS_PER_KEY = 20;

/**
 * The audit trail of orchestrator flows: a run, its input, and every step it records in order. Large
 * payloads (an LLM draft, a whole view) are kept as their sha256 and size so the trail stays small
 * while still proving what was produced.
 */
export class FlowRunsEngine {
  private readonly clock: Clock;

  constructor(
    private readonly db: Database,
    deps: { clock?: Clock } = {},
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  /**
   * Opens a run of the brand, or with a null scope one that spans tenants (the learning cron), with its
   * first events. One statement: the brand check, the run and its events (a run is opened on every
   * flow's path, so each round trip here is one every request pays).
   */
  async startRun(brand: BrandScope | null, input: StartRunInput): Promise<string> {
    const scope = brand === null ? null : BrandScope.parse(brand);
    const run = StartRunInput.parse(input);
    const at = this.clock();
    const events = run.events.map(storedEvent);
    const firstEvents =
      events.length === 0
        ? sql``
        : sql`, first_events as (
            insert into ${flowRunEvents} (tenant_id, brand_id, run_id, seq, node, kind, payload, at)
            select run.tenant_id, run.brand_id, run.id, event.ord, event.node, event.kind, event.payload, ${timestamptz(at)}
            from run cross join ${eventValues(events)}
          )`;
    const opened = await this.db.execute(sql`
      with run as (
        insert into ${flowRuns} (tenant_id, brand_id, flow, status, input, started_at, created_by_user_id, budget_ms)
        select ${scope?.tenantId ?? null}::uuid, ${scope?.brandId ?? null}::uuid, ${run.flow}::text, 'running',
          ${auditJson(run.input)}::jsonb, ${timestamptz(at)}, ${run.createdByUserId ?? null}::uuid, ${run.budgetMs ?? null}::integer
        where ${scope ? sql`exists (select 1 from ${brands} where ${liveBrand(scope)})` : sql`true`}
        returning id, tenant_id, brand_id
      )${firstEvents}
      select id from run`);
    const [created] = rows<{ id: string }>(opened);
    if (!created) throw new NotFoundError('Brand', scope!.brandId);
    return created.id;
  }

  /** Appends an event to a running run (`recordEvents` with one event). */
  async recordEvent(input: RecordRunEventInput): Promise<FlowRunEventDTO> {
    const { runId, ...event } = RecordRunEventInput.parse(input);
    const [recorded] = await this.recordEvents({ runId, events: [event] });
    return recorded!;
  }

  /**
   * Appends events to a running run, numbered in the order given. Usually one statement: it locks the
   * run row, checks the run is running and inserts every event after the run's last. Two appends to
   * one run at once (the per-channel fan-out of a flow) are ordered by that lock, but the second reads
   * the last seq as it was when it started and so hits the (run_id, seq) key: it is then made again in
   * a transaction that takes the lock before reading, as is every append the statement did not make
   * (it says why: no such run, or not running).
   */
  async recordEvents(input: RecordRunEventsInput): Promise<FlowRunEventDTO[]> {
    const { runId, events } = RecordRunEventsInput.parse(input);
    const stored = events.map(storedEvent);
    const at = this.clock();
    const appended = await this.appendToRunning(this.db, runId, stored, at)
      .returning()
      .catch((error: unknown) => {
        if (isUniqueViolation(error, 'flow_run_events_run_id_seq_key')) return [];
        throw error;
      });
    if (appended.length > 0) return appended.sort((a, b) => a.seq - b.seq).map(toEventDTO);
    return this.db.transaction(async (tx) => {
      const [run] = await tx
        .select({ status: flowRuns.status })
        .from(flowRuns)
        .where(and(eq(flowRuns.id, runId), isNull(flowRuns.deletedAt)))
        .for('update');
      if (!run) throw new NotFoundError('Flow run', runId);
      if (run.status !== 'running') throw new InvariantViolationError(`Flow run ${runId} is already ${run.status}`);
      return (await this.appendToRunning(tx, runId, stored, at).returning()).sort((a, b) => a.seq - b.seq).map(toEventDTO);
    });
  }

  /** The insert of `recordEvents` (without its returning): nothing when the run is missing or not running. */
  private appendToRunning(db: Executor, runId: string, events: StoredEvent[], at: Date) {
    return appendAfterLast(
      db,
      runId,
      sql`select ${flowRuns.tenantId} as tenant_id, ${flowRuns.brandId} as brand_id from ${flowRuns}
        where ${flowRuns.id} = ${runId} and ${flowRuns.deletedAt} is null and ${flowRuns.status} = 'running'
        for update`,
      events,
      at,
    );
  }

  /**
   * Ends a running run, after appending its last events (its output) in the same statement. That
   * statement reads the run's last seq before it locks the run, so an append to the run made meanwhile
   * makes it hit the (run_id, seq) key; the events are then appended on their own first, as is any
   * the statement did not make (it says why: no such run, or not running).
   */
  async finishRun(input: FinishRunInput): Promise<FlowRunSummaryDTO> {
    const { events, ...finish } = FinishRunInput.parse(input);
    const at = this.clock();
    const ending = (db: Executor) =>
      db
        .update(flowRuns)
        .set({ status: finish.status, error: finish.error ?? null, finishedAt: at, updatedAt: sql`now()` })
        .where(and(eq(flowRuns.id, finish.runId), eq(flowRuns.status, 'running'), isNull(flowRuns.deletedAt)))
        .returning();
    if (events.length > 0) {
      // The events are appended after the run's row as the update returns it: read from the table, a
      // row this statement updates is not there to lock.
      const finished = this.db.$with('finished').as(ending(this.db));
      const lastEvents = this.db.$with('last_events').as(
        appendAfterLast(this.db, finish.runId, sql`select tenant_id, brand_id from ${finished}`, events.map(storedEvent), at).returning({
          id: flowRunEvents.id,
        }),
      );
      const [ended] = await this.db
        .with(finished, lastEvents)
        .select()
        .from(finished)
        .catch((error: unknown) => {
          if (isUniqueViolation(error, 'flow_run_events_run_id_seq_key')) return [];
          throw error;
        });
      if (ended) return toRunSummaryDTO(ended);
      await this.recordEvents({ runId: finish.runId, events });
    }
    const [updated] = await ending(this.db);
    if (updated) return toRunSummaryDTO(updated);
    const [existing] = await this.db
      .select({ status: flowRuns.status })
      .from(flowRuns)
      .where(and(eq(flowRuns.id, finish.runId), isNull(flowRuns.deletedAt)));
    if (!existing) throw new NotFoundError('Flow run', finish.runId);
    throw new InvariantViolationError(`Flow run ${finish.runId} is already ${existing.status}`);
  }

  /**
   * Marks the runs still `running` past their budget plus `marginMs` as `interrupted` (their process
   * died) and records that on each; returns only the runs this call claimed, so their cleanup happens
   * once even when sweeps overlap. Idempotent: a second sweep finds nothing more to claim.
   */
  async claimInterruptedRuns(input: SweepInput): Promise<InterruptedRunDTO[]> {
    const sweep = SweepInput.parse(input);
    const claimed = await claimOverdueRuns(this.db, sweep, this.clock());
    return claimed.map((row) => InterruptedRunDTO.parse({ ...toRunSummaryDTO(row), tenantId: row.tenantId, lastEvent: row.lastEvent }));
  }

  /** Records what the cleanup of an interrupted run did; false if the run is not interrupted. */
  recordInterruptionCleanup(runId: string, payload: Record<string, unknown>): Promise<boolean> {
    return recordSweepCleanup(this.db, z.uuid().parse(runId), JSON.parse(auditJson(payload)), this.clock());
  }

  /** Names the package the run built or regenerated (F2), so the package finds its run directly. */
  async linkPackage(input: LinkPackageInput): Promise<void> {
    const link = LinkPackageInput.parse(input);
    const [updated] = await this.db
      .update(flowRuns)
      .set({ packageId: link.packageId, updatedAt: sql`now()` })
      .where(and(eq(flowRuns.id, link.runId), isNull(flowRuns.deletedAt)))
      .returning({ id: flowRuns.id });
    if (!updated) throw new NotFoundError('Flow run', link.runId);
  }

  /** The brand's most recent runs, newest first, each with its events in order. */
  async listRuns(brand: BrandScope, input: ListRunsInput = {}): Promise<FlowRunDTO[]> {
    const scope = BrandScope.parse(brand);
    const { limit, flow } = ListRunsInput.parse(input);
    await assertBrandLive(this.db, scope);
    const runs = await this.db
      .select()
      .from(flowRuns)
      .where(and(inBrand(flowRuns, scope), flow ? eq(flowRuns.flow, flow) : undefined))
      .orderBy(desc(flowRuns.startedAt), desc(flowRuns.createdAt), desc(flowRuns.id))
      .limit(limit);
    return this.withEvents(scope, runs);
  }

  /**
   * The newest run linked to the package (its build, or its latest regeneration), with its events. One
   * lookup through flow_runs_package_idx.
   */
  async latestRunForPackage(brand: BrandScope, input: LatestPackageRunInput): Promise<FlowRunDTO | null> {
    const scope = BrandScope.parse(brand);
    const { packageId: id, succeededOnly, flow } = LatestPackageRunInput.parse(input);
    const runs = await this.db
      .select()
      .from(flowRuns)
      .where(
        and(
          eq(flowRuns.packageId, id),
          inBrand(flowRuns, scope),
          succeededOnly ? notInArray(flowRuns.status, ['failed', 'interrupted']) : undefined,
          flow ? eq(flowRuns.flow, flow) : undefined,
        ),
      )
      .orderBy(desc(flowRuns.startedAt), desc(flowRuns.createdAt), desc(flowRuns.id))
      .limit(1);
    return (await this.withEvents(scope, runs))[0] ?? null;
  }

  /**
   * The recorded output of the brand's newest run of `flow` that succeeded without warnings on exactly
   * `input` within the last `maxAgeMs`; null when there is none. Through flow_runs_brand_idx (brand, started_at).
   */
  async recallOutput(brand: BrandScope, request: RecallOutputInput): Promise<unknown> {
    const scope = BrandScope.parse(brand);
    const { flow, input, maxAgeMs } = RecallOutputInput.parse(request);
    const since = new Date(this.clock().getTime() - maxAgeMs);
    const [row] = await this.db
      .select({ payload: flowRunEvents.payload })
      .from(flowRuns)
      .innerJoin(
        flowRunEvents,
        and(eq(flowRunEvents.runId, flowRuns.id), eq(flowRunEvents.kind, 'output'), isNull(flowRunEvents.deletedAt)),
      )
      .where(
        and(
          inBrand(flowRuns, scope),
          eq(flowRuns.flow, flow),
          eq(flowRuns.status, 'succeeded'),
          gte(flowRuns.startedAt, since),
          sql`${flowRuns.input} = ${JSON.stringify(input)}::jsonb`,
        ),
      )
      .orderBy(desc(flowRuns.startedAt))
      .limit(1);
    return row?.payload ?? null;
  }

  /** The brand's runs of a flow (package builds unless named) started with `idempotencyKey`, newest first, with their events. */
  async buildRunsForKey(brand: BrandScope, input: BuildRunsForKeyInput): Promise<FlowRunDTO[]> {
    const scope = BrandScope.parse(brand);
    const { idempotencyKey: key, flow } = BuildRunsForKeyInput.parse(input);
    const runs = await this.db
      .select()
      .from(flowRuns)
      .where(and(inBrand(flowRuns, scope), eq(flowRuns.flow, flow), sql`${flowRuns.input} ->> 'idempotencyKey' = ${key}`))
      .orderBy(desc(flowRuns.startedAt), desc(flowRuns.createdAt), desc(flowRuns.id))
      .limit(MAX_RUNS_PER_KEY);
    return this.withEvents(scope, runs);
  }

  private async withEvents(scope: BrandScope, runs: (typeof flowRuns.$inferSelect)[]): Promise<FlowRunDTO[]> {
    if (runs.length === 0) return [];
    const events = await this.db
      .select()
      .from(flowRunEvents)
      .where(
        and(
          inBrand(flowRunEvents, scope),
          inArray(
            flowRunEvents.runId,
            runs.map((r) => r.id),
          ),
        ),
      )
      .orderBy(asc(flowRunEvents.runId), asc(flowRunEvents.seq));
    const byRun = new Map<string, (typeof events)[number][]>();
    for (const event of events) {
      const list = byRun.get(event.runId);
      if (list) list.push(event);
      else byRun.set(event.runId, [event]);
    }
    return runs.map((run) => FlowRunDTO.parse({ ...toRunSummaryDTO(run), events: (byRun.get(run.id) ?? []).map(toEventDTO) }));
  }
}

/**
 * The payload as stored, as JSON text: itself while that fits in 8 KB, else its sha256 and size. No
 * payload is stored as `{}`, since the column cannot hold SQL null.
 */
function auditJson(payload: unknown): string {
  const json = JSON.stringify(payload ?? {});
  // Every character takes one byte at least: only a long text needs its UTF-8 length measured.
  if (json.length * 3 <= MAX_INLINE_PAYLOAD_BYTES || Buffer.byteLength(json, 'utf8') <= MAX_INLINE_PAYLOAD_BYTES) return json;
  return JSON.stringify({
    sha256: createHash('sha256').update(json).digest('hex'),
    bytes: Buffer.byteLength(json, 'utf8'),
  } satisfies HashedPayload);
}

type StoredEvent = { node: string; kind: string; payload: string };

const storedEvent = (event: { node: string; kind: string; payload: unknown }): StoredEvent => ({
  ...event,
  payload: auditJson(event.payload),
});

/**
 * Inserts the events after the run's last seq, numbered in order, for the run `run` selects (its
 * tenant_id and brand_id; no row, nothing inserted). Every column of flow_run_events in order, as an
 * insert from a query needs them.
 */
function appendAfterLast(db: Executor, runId: string, run: SQL, events: StoredEvent[], at: Date) {
  return db.insert(flowRunEvents).select(sql`
    with run as (${run})
    select gen_random_uuid(), run.tenant_id, run.brand_id, ${runId}::uuid, last.seq + event.ord, event.node, event.kind,
      event.payload, ${timestamptz(at)}, now(), now(), null::timestamptz
    from run
    cross join (select coalesce(max(${flowRunEvents.seq}), 0) as seq from ${flowRunEvents} where ${flowRunEvents.runId} = ${runId}) as last
    cross join ${eventValues(events)}`);
}

/** Events as a derived table `event (ord, node, kind, payload)`, numbered from 1 in order. */
function eventValues(events: StoredEvent[]): SQL {
  const listed = sql.join(
    events.map((event, index) => sql`(${index + 1}::integer, ${event.node}::text, ${event.kind}::text, ${event.payload}::jsonb)`),
    sql`, `,
  );
  return sql`(values ${listed}) as event (ord, node, kind, payload)`;
}

function toRunSummaryDTO(row: typeof flowRuns.$inferSelect): FlowRunSummaryDTO {
  return FlowRunSummaryDTO.parse({
    id: row.id,
    brandId: row.brandId,
    flow: row.flow,
    status: row.status,
    input: row.input,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
    error: row.error,
    createdByUserId: row.createdByUserId,
    packageId: row.packageId,
    budgetMs: row.budgetMs,
  });
}

function toEventDTO(row: typeof flowRunEvents.$inferSelect): FlowRunEventDTO {
  return FlowRunEventDTO.parse({
    id: row.id,
    runId: row.runId,
    seq: row.seq,
    node: row.node,
    kind: row.kind,
    payload: row.payload,
    at: row.at,
  });
}
