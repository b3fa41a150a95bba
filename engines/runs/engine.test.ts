import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { insertContentPackage } from '../../test/fixtures/content';
import { InvariantViolationError, NotFoundError } from '../errors';
import { MAX_INLINE_PAYLOAD_BYTES } from './dto';
import { FlowRunsEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
let other: TenantFixture;
let minute = 0;
// Each call is a minute later, so "newest first" is decided by startedAt, not by insertion luck.
const clock = () => new Date(Date.UTC(2026, 2, 15, 9, minute++));
let runs: FlowRunsEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Runs Co');
  other = await createTenantFixture(handle.db, 'Other Co');
  runs = new FlowRunsEngine(handle.db, { clock });
});
afterAll(() => handle.close());

describe('FlowRunsEngine', () => {
  it('records a run with its input, its events in order and its outcome', async () => {
    const runId = await runs.startRun(fx, { flow: 'f2_package_build', input: { channels: ['x'] }, createdByUserId: fx.ownerUserId });
    await runs.recordEvent({ runId, node: 'thesis', kind: 'llm_output', payload: { coreArgument: 'Close faster.' } });
    await runs.recordEvent({ runId, node: 'persist', kind: 'engine_mutation', payload: { variantIds: ['a'] } });
    const finished = await runs.finishRun({ runId, status: 'succeeded_with_warnings', error: null });
    expect(finished).toMatchObject({ id: runId, status: 'succeeded_with_warnings', error: null, createdByUserId: fx.ownerUserId });
    expect(finished.finishedAt).toBeInstanceOf(Date);

    const [listed] = await runs.listRuns(fx, { limit: 1 });
    expect(listed).toMatchObject({ id: runId, flow: 'f2_package_build', input: { channels: ['x'] } });
    expect(listed!.events.map((e) => [e.seq, e.node, e.kind, e.payload])).toEqual([
      [1, 'thesis', 'llm_output', { coreArgument: 'Close faster.' }],
      [2, 'persist', 'engine_mutation', { variantIds: ['a'] }],
    ]);
  });

  it('stores a payload over 8 KB as its sha256 and size, and a smaller one as is', async () => {
    const runId = await runs.startRun(fx, { flow: 'f1_summary', input: {} });
    const large = { text: 'x'.repeat(MAX_INLINE_PAYLOAD_BYTES) };
    const json = JSON.stringify(large);
    const stored = await runs.recordEvent({ runId, node: 'summarizer', kind: 'llm_output', payload: large });
    expect(stored.payload).toEqual({ sha256: createHash('sha256').update(json).digest('hex'), bytes: Buffer.byteLength(json) });

    const fits = { text: 'x'.repeat(MAX_INLINE_PAYLOAD_BYTES - 20) };
    expect(JSON.stringify(fits).length).toBeLessThanOrEqual(MAX_INLINE_PAYLOAD_BYTES);
    expect((await runs.recordEvent({ runId, node: 'summarizer', kind: 'output', payload: fits })).payload).toEqual(fits);
  });

  it('numbers concurrent events of one run without gaps or repeats', async () => {
    const runId = await runs.startRun(fx, { flow: 'f2_regenerate', input: {} });
    await Promise.all(
      ['linkedin', 'x', 'newsletter', 'instagram', 'tiktok'].map((channel) =>
        runs.recordEvent({ runId, node: `variants:${channel}`, kind: 'llm_output', payload: { channel } }),
      ),
    );
    const listed = (await runs.listRuns(fx)).find((r) => r.id === runId)!;
    expect(listed.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('records a batch of events after those already there, in the order given', async () => {
    const runId = await runs.startRun(fx, { flow: 'f2_package_build', input: {} });
    await runs.recordEvent({ runId, node: 'thesis', kind: 'llm_output', payload: {} });
    const batch = await runs.recordEvents({
      runId,
      events: [
        { node: 'createVariant:x', kind: 'engine_mutation', payload: { n: 1 } },
        { node: 'createVariant:linkedin', kind: 'engine_mutation', payload: { n: 2 } },
      ],
    });
    expect(batch.map((e) => [e.seq, e.node])).toEqual([
      [2, 'createVariant:x'],
      [3, 'createVariant:linkedin'],
    ]);
    const listed = (await runs.listRuns(fx)).find((r) => r.id === runId)!;
    expect(listed.events.map((e) => [e.seq, e.node, e.payload])).toEqual([
      [1, 'thesis', {}],
      [2, 'createVariant:x', { n: 1 }],
      [3, 'createVariant:linkedin', { n: 2 }],
    ]);
  });

  it('opens a run with its first events and ends it with its last ones, after any appended meanwhile', async () => {
    const runId = await runs.startRun(fx, {
      flow: 'f2_package_build',
      input: { n: 1 },
      events: [{ node: 'input', kind: 'input', payload: { n: 1 } }],
    });
    await runs.recordEvent({ runId, node: 'thesis', kind: 'llm_output', payload: {} });
    // An append holding the run while the end reads the last seq: on PostgreSQL the end's statement then
    // hits the (run_id, seq) key once the append commits, and appends its events again after it.
    let finishing!: ReturnType<FlowRunsEngine['finishRun']>;
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`select id from flow_runs where id = ${runId} for update`);
      await tx.execute(sql`
        insert into flow_run_events (tenant_id, brand_id, run_id, seq, node, kind, payload)
        values (${fx.tenantId}, ${fx.brandId}, ${runId}, 3, 'variant_plan:x', 'llm_output', '{}')`);
      finishing = runs.finishRun({
        runId,
        status: 'failed',
        error: 'boom',
        events: [{ node: 'flow', kind: 'hard_error', payload: { message: 'boom' } }],
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    const finished = await finishing;
    expect(finished).toMatchObject({ id: runId, status: 'failed', error: 'boom', finishedAt: expect.any(Date) });
    const listed = (await runs.listRuns(fx)).find((r) => r.id === runId)!;
    expect(listed.events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(listed.events.map((e) => [e.node, e.kind, e.payload])).toEqual([
      ['input', 'input', { n: 1 }],
      ['thesis', 'llm_output', {}],
      ['variant_plan:x', 'llm_output', {}],
      ['flow', 'hard_error', { message: 'boom' }],
    ]);
  });

  it('refuses to open a run, or write its first events, for another tenant’s brand', async () => {
    const before = (await runs.listRuns(fx, { limit: 100 })).length;
    await expect(
      runs.startRun(
        { tenantId: other.tenantId, brandId: fx.brandId },
        { flow: 'f1_today', input: {}, events: [{ node: 'input', kind: 'input', payload: {} }] },
      ),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(await runs.listRuns(fx, { limit: 100 })).toHaveLength(before);
  });

  it('refuses events and a second outcome once a run has finished', async () => {
    const runId = await runs.startRun(fx, { flow: 'f3_learning', input: { windowDays: 30 } });
    await runs.finishRun({ runId, status: 'failed', error: 'opportunities step timed out' });
    await expect(runs.recordEvent({ runId, node: 'late', kind: 'soft_error', payload: {} })).rejects.toBeInstanceOf(
      InvariantViolationError,
    );
    await expect(runs.finishRun({ runId, status: 'succeeded' })).rejects.toBeInstanceOf(InvariantViolationError);
    const listed = (await runs.listRuns(fx)).find((r) => r.id === runId)!;
    expect(listed).toMatchObject({ status: 'failed', error: 'opportunities step timed out', events: [] });
  });

  it('lists the newest runs first, only of the brand asked for, up to the limit', async () => {
    const otherRun = await runs.startRun(other, { flow: 'f1_today', input: {} });
    const globalRun = await runs.startRun(null, { flow: 'f3_learning', input: { windowDays: 30 } });
    const first = await runs.startRun(fx, { flow: 'f1_today', input: { n: 1 } });
    const second = await runs.startRun(fx, { flow: 'f1_today', input: { n: 2 } });
    const listed = await runs.listRuns(fx, { limit: 2 });
    expect(listed.map((r) => r.id)).toEqual([second, first]);
    const all = await runs.listRuns(fx, { limit: 100 });
    expect(all.map((r) => r.id)).not.toContain(otherRun);
    expect(all.map((r) => r.id)).not.toContain(globalRun);
    expect(all.every((r) => r.brandId === fx.brandId)).toBe(true);
    for (let i = 1; i < all.length; i++) expect(all[i - 1]!.startedAt >= all[i]!.startedAt).toBe(true);
  });

  it('answers NotFound for a brand of another tenant, as for one that does not exist', async () => {
    await expect(runs.listRuns({ tenantId: other.tenantId, brandId: fx.brandId })).rejects.toBeInstanceOf(NotFoundError);
    await expect(runs.listRuns({ tenantId: fx.tenantId, brandId: randomUUID() })).rejects.toBeInstanceOf(NotFoundError);
    await expect(runs.startRun({ tenantId: other.tenantId, brandId: fx.brandId }, { flow: 'f1_today', input: {} })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('answers NotFound for an event or outcome of an unknown run', async () => {
    await expect(runs.recordEvent({ runId: randomUUID(), node: 'node', kind: 'output', payload: {} })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(runs.finishRun({ runId: randomUUID(), status: 'succeeded' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('finds the run linked to a package, however many runs came after it', async () => {
    const packageId = await insertContentPackage(handle.db, fx);
    const build = await runs.startRun(fx, {
      flow: 'f2_package_build',
      input: { idempotencyKey: 'attempt-1' },
      createdByUserId: fx.ownerUserId,
    });
    await runs.linkPackage({ runId: build, packageId });
    await runs.recordEvent({
      runId: build,
      node: 'variant_plan:x',
      kind: 'soft_error',
      payload: { channel: 'x', node: 'variant_plan:x', message: 'timed out' },
    });
    await runs.finishRun({ runId: build, status: 'succeeded_with_warnings' });
    for (let i = 0; i < 55; i++) await runs.startRun(fx, { flow: 'f1_today', input: { i } });
    // The 50 latest runs, which the workspace used to search, no longer include it.
    expect(await runs.listRuns(fx, { limit: 50 })).not.toContainEqual(expect.objectContaining({ id: build }));

    const found = await runs.latestRunForPackage(fx, { packageId, succeededOnly: true });
    expect(found).toMatchObject({ id: build, packageId, events: [expect.objectContaining({ kind: 'soft_error' })] });
    expect((await runs.buildRunsForKey(fx, { idempotencyKey: 'attempt-1' })).map((r) => r.id)).toEqual([build]);
    expect(await runs.buildRunsForKey(fx, { idempotencyKey: 'attempt-2' })).toEqual([]);

    // A later regeneration that failed is passed over when asked; another brand sees nothing.
    const regenerate = await runs.startRun(fx, { flow: 'f2_regenerate', input: { packageId }, createdByUserId: fx.ownerUserId });
    await runs.linkPackage({ runId: regenerate, packageId });
    await runs.finishRun({ runId: regenerate, status: 'failed', error: 'boom' });
    expect((await runs.latestRunForPackage(fx, { packageId }))?.id).toBe(regenerate);
    expect((await runs.latestRunForPackage(fx, { packageId, succeededOnly: true }))?.id).toBe(build);
    expect(await runs.latestRunForPackage(other, { packageId })).toBeNull();
    expect(await runs.buildRunsForKey(other, { idempotencyKey: 'attempt-1' })).toEqual([]);
  });

  it('marks a run interrupted only past its budget plus the margin, once, within the scope asked for', async () => {
    const late = await createTenantFixture(handle.db, 'Late Co');
    const start = minute;
    // Each clock call is a minute later: the runs start at start+0…+3.
    const slow = await runs.startRun(late, {
      flow: 'f2_package_build',
      input: { idempotencyKey: 'sweep-1' },
      createdByUserId: late.ownerUserId,
      budgetMs: 600_000,
    });
    const quick = await runs.startRun(late, { flow: 'f2_regenerate', input: {}, createdByUserId: late.ownerUserId, budgetMs: 60_000 });
    const elsewhere = await runs.startRun(other, {
      flow: 'f2_regenerate',
      input: {},
      createdByUserId: other.ownerUserId,
      budgetMs: 60_000,
    });
    const done = await runs.startRun(late, { flow: 'f2_regenerate', input: {}, createdByUserId: late.ownerUserId, budgetMs: 60_000 });
    await runs.recordEvent({ runId: quick, node: 'thesis', kind: 'llm_output', payload: { ok: true } });
    await runs.finishRun({ runId: done, status: 'succeeded' });
    const sweep = { marginMs: 60_000, defaultBudgetMs: 300_000, scope: { tenantId: late.tenantId, brandId: late.brandId } };
    // At start+6: `quick` (started +1, 1 min budget, 1 min margin) is overdue; `slow` (10 min budget) is not.
    minute = start + 6;
    const claimed = await runs.claimInterruptedRuns(sweep);
    expect(claimed.map((r) => [r.id, r.status, r.budgetMs, r.lastEvent?.node])).toEqual([[quick, 'interrupted', 60_000, 'thesis']]);
    expect(await runs.claimInterruptedRuns(sweep)).toEqual([]);
    await expect(runs.recordEvent({ runId: quick, node: 'late', kind: 'output', payload: {} })).rejects.toBeInstanceOf(
      InvariantViolationError,
    );
    await expect(runs.finishRun({ runId: quick, status: 'succeeded' })).rejects.toBeInstanceOf(InvariantViolationError);
    expect(await runs.recordInterruptionCleanup(quick, { removedPackageId: null })).toBe(true);
    expect(await runs.recordInterruptionCleanup(slow, { removedPackageId: null })).toBe(false);

    // Later, a sweep of every tenant (the cron) takes the rest that are overdue, here and elsewhere.
    minute = start + 20;
    const everywhere = (await runs.claimInterruptedRuns({ marginMs: 60_000, defaultBudgetMs: 300_000 })).map((r) => r.id);
    expect(everywhere).toEqual(expect.arrayContaining([slow, elsewhere]));
    expect(everywhere).not.toContain(quick);
    expect(everywhere).not.toContain(done);
    const listed = new Map((await runs.listRuns(late, { limit: 100 })).map((r) => [r.id, r]));
    expect(listed.get(quick)!.events.map((e) => [e.node, e.kind])).toEqual([
      ['thesis', 'llm_output'],
      ['sweep', 'hard_error'],
      ['sweep', 'engine_mutation'],
    ]);
    expect(listed.get(done)!.status).toBe('succeeded');
    expect(listed.get(slow)!.status).toBe('interrupted');
  });
});
