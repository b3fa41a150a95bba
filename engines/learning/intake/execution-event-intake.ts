import { and, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import { executionEvents, variants } from '../../db/schema';
import { columnName as name } from '../../db/sql-columns';
import { refreshStatisticsAfterBulkWrite } from '../../db/statistics';
import type { ExecutionSource } from '../../enums';
import { InvariantViolationError } from '../../errors';
import { assertBrandLive, BrandScope, type Executor, inBrand } from '../../scope';
import { ExecutionEventInput, MAX_EXECUTION_EVENTS_PER_BATCH, RecordExecutionEventsInput, type RecordExecutionEventsResult } from '../dto';
import { type BatchIssue, InvalidExecutionEventsError } from './errors';

interface ResolvedVariant {
  id: string;
  channel: string;
  externalPostId: string | null;
}

/** Execution events in: metrics from platform webhooks, CSV imports and manual entry. */
export class ExecutionEventIntake {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * Stores a batch of metrics for the brand's variants. Validates every entry before writing any, so
   * a batch lands whole or not at all, then inserts with ON CONFLICT DO NOTHING on (brand, channel,
   * externalEventId): a re-sent batch, or a retry racing the first attempt, stores nothing twice and
   * reports the rest as duplicates.
   */
  async recordExecutionEvents(brand: BrandScope, input: RecordExecutionEventsInput): Promise<RecordExecutionEventsResult> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const { events, source } = RecordExecutionEventsInput.parse(input);
    if (events.length > MAX_EXECUTION_EVENTS_PER_BATCH) {
      throw new InvariantViolationError(
        `A batch holds at most ${MAX_EXECUTION_EVENTS_PER_BATCH} execution events, got ${events.length}`,
        'input',
      );
    }
    const now = this.clock();
    const issues: BatchIssue[] = [];
    const parsed: (ExecutionEventInput | null)[] = events.map((entry, index) => {
      const result = ExecutionEventInput.safeParse(entry);
      if (!result.success) {
        issues.push({ index, message: describeZodIssues(result.error) });
        return null;
      }
      if (result.data.occurredAt > now) {
        issues.push({ index, message: `occurredAt ${result.data.occurredAt.toISOString()} is in the future` });
        return null;
      }
      return result.data;
    });

    const result = await this.db.transaction(async (tx): Promise<RecordExecutionEventsResult> => {
      const valid = parsed.filter((e): e is ExecutionEventInput => e !== null);
      const lookup = await loadVariants(tx, scope, valid);
      const rows: EventRow[] = [];
      parsed.forEach((event, index) => {
        if (!event) return;
        const resolved = resolveVariant(event, lookup);
        if (typeof resolved === 'string') issues.push({ index, message: resolved });
        else rows.push(toRow(scope, event, resolved.id, source, now));
      });
      if (issues.length > 0) throw new InvalidExecutionEventsError(issues.sort((a, b) => a.index - b.index));

      const inserted = await insertBatch(tx, rows);
      return { received: events.length, inserted, duplicates: events.length - inserted };
    });
    // A large batch into a young table would leave the window reads planning for an empty one (bench P6).
    await refreshStatisticsAfterBulkWrite(this.db, executionEvents, result.inserted);
    return result;
  }
}

type EventRow = typeof executionEvents.$inferInsert;

/**
 * The batch in one statement: each column travels as one array parameter and `unnest` turns them back
 * into rows, so 5,000 events bind a dozen parameters instead of 60,000 and no per-row SQL is built in
 * JavaScript (building a 1,000-row VALUES list per statement was most of the route's CPU: bench P7).
 * ON CONFLICT DO NOTHING on (brand, channel, externalEventId) keeps the batch idempotent.
 */
async function insertBatch(tx: Executor, rows: EventRow[]): Promise<number> {
  const [first] = rows;
  if (!first) return 0;
  const table = executionEvents;
  const array = (values: unknown[]) => sql.param(values);
  const result = await tx.execute(sql`
    with written as (
      insert into ${table} (${name(table.tenantId)}, ${name(table.brandId)}, ${name(table.variantId)}, ${name(table.channel)}, ${name(table.eventType)},
        ${name(table.count)}, ${name(table.eventValue)}, ${name(table.source)}, ${name(table.occurredAt)}, ${name(table.receivedAt)},
        ${name(table.externalEventId)}, ${name(table.metadata)})
      select ${first.tenantId}::uuid, ${first.brandId}::uuid, variant_id, channel, event_type, count, event_value,
        ${first.source}, occurred_at, ${first.receivedAt!.toISOString()}::timestamptz, external_event_id, metadata
      from unnest(
        ${array(rows.map((row) => row.variantId))}::uuid[],
        ${array(rows.map((row) => row.channel))}::text[],
        ${array(rows.map((row) => row.eventType))}::text[],
        ${array(rows.map((row) => row.count))}::int[],
        ${array(rows.map((row) => row.eventValue ?? null))}::float8[],
        ${array(rows.map((row) => row.occurredAt.toISOString()))}::timestamptz[],
        ${array(rows.map((row) => row.externalEventId ?? null))}::text[],
        ${array(rows.map((row) => JSON.stringify(row.metadata)))}::jsonb[]
      ) as batch(variant_id, channel, event_type, count, event_value, occurred_at, external_event_id, metadata)
      on conflict (${name(table.brandId)}, ${name(table.channel)}, ${name(table.externalEventId)}) do nothing
      returning 1
    )
    select count(*)::int as inserted from written`);
  return Number((result as unknown as { rows: { inserted: number }[] }).rows[0]?.inserted ?? 0);
}

interface VariantLookup {
  byId: Map<string, ResolvedVariant>;
  byPost: Map<string, ResolvedVariant>;
}

/** The brand's live variants the batch names, found in two set queries rather than one per entry. */
async function loadVariants(db: Executor, scope: BrandScope, events: readonly ExecutionEventInput[]): Promise<VariantLookup> {
  const ids = [...new Set(events.flatMap((e) => (e.variantId ? [e.variantId] : [])))];
  const postIds = [...new Set(events.flatMap((e) => (!e.variantId && e.externalPostId ? [e.externalPostId] : [])))];
  const columns = { id: variants.id, channel: variants.channel, externalPostId: variants.externalPostId };
  const brandVariants = inBrand(variants, scope);
  const [found, posted] = await Promise.all([
    ids.length
      ? db
          .select(columns)
          .from(variants)
          .where(and(brandVariants, inArray(variants.id, ids)))
      : [],
    postIds.length
      ? db
          .select(columns)
          .from(variants)
          .where(and(brandVariants, inArray(variants.externalPostId, postIds)))
      : [],
  ]);
  return {
    byId: new Map(found.map((v) => [v.id, v])),
    byPost: new Map(posted.map((v) => [postKey(v.channel, v.externalPostId!), v])),
  };
}

/** The variant an event belongs to, or why it cannot be attributed. */
function resolveVariant(event: ExecutionEventInput, lookup: VariantLookup): ResolvedVariant | string {
  if (event.variantId) {
    const variant = lookup.byId.get(event.variantId);
    if (!variant) return `variant ${event.variantId} not found in this brand`;
    if (variant.channel !== event.channel) return `variant ${event.variantId} is a ${variant.channel} variant, not ${event.channel}`;
    if (event.externalPostId !== undefined && event.externalPostId !== variant.externalPostId) {
      return `externalPostId ${event.externalPostId} does not belong to variant ${event.variantId}`;
    }
    return variant;
  }
  const variant = lookup.byPost.get(postKey(event.channel, event.externalPostId!));
  return variant ?? `no ${event.channel} variant with externalPostId ${event.externalPostId} in this brand`;
}

function toRow(scope: BrandScope, event: ExecutionEventInput, variantId: string, source: ExecutionSource, now: Date): EventRow {
  return {
    tenantId: scope.tenantId,
    brandId: scope.brandId,
    variantId,
    channel: event.channel,
    eventType: event.eventType,
    count: event.count,
    eventValue: event.eventValue ?? null,
    source,
    occurredAt: event.occurredAt,
    receivedAt: now,
    externalEventId: event.externalEventId,
    metadata: event.externalPostId ? { externalPostId: event.externalPostId } : {},
  };
}

function postKey(channel: string, externalPostId: string): string {
  return `${channel}\u0000${externalPostId}`;
}

function describeZodIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'entry'}: ${issue.message}`).join('; ');
}
