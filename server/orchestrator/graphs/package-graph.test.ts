import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PackageWorkspaceView } from '../../../engines/content/dto';
import { contentPackages, variants } from '../../../engines/db/schema';
import { InvariantViolationError } from '../../../engines/errors';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { insertContentOpportunity, insertContentPattern } from '../../../test/fixtures/content';
import { answer, hangUntilAborted, type Script, scriptedRegistry } from '../../../test/fixtures/package-models';
import { createSystemContext, type SystemContext } from '../context';
import { PackageBuildOrchestrator } from '../flows/package-build';
import { isStillBuilding, type PackageBuildAnswer } from '../flows/package-replay';
import { getPackageWorkspace } from '../flows/package-workspace';
import { ModelUnavailableError } from '../llm/errors';

let handle: TestDatabase;
let fx: TenantFixture;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Graph Co');
  await insertContentPattern(handle.db, fx, { supportedChannels: ['linkedin', 'x', 'newsletter', 'instagram'], avgEngagementScore: 70 });
  await insertContentPattern(handle.db, fx, { supportedChannels: ['linkedin', 'x', 'newsletter', 'instagram'], avgEngagementScore: 30 });
});
afterAll(() => handle.close());

function contextWith(script: Script) {
  const { registry, model } = scriptedRegistry(script);
  return { ctx: createSystemContext(handle, { models: registry }), model };
}

const drafts = (...texts: string[]) =>
  answer(JSON.stringify({ variants: texts.map((rawText) => ({ rawText, rationale: 'Scripted draft.', safetyFlags: [] })) }));

async function build(ctx: SystemContext, channels: ('linkedin' | 'x' | 'newsletter' | 'instagram')[], options = {}) {
  const opportunityId = await insertContentOpportunity(handle.db, fx);
  const view = await PackageBuildOrchestrator.createPackageFromOpportunity(
    ctx,
    fx,
    { opportunityId, channels, createdByUserId: fx.ownerUserId },
    options,
  );
  return { view, opportunityId };
}

function workspaceOf(answer: PackageBuildAnswer): PackageWorkspaceView {
  if (isStillBuilding(answer)) throw new Error(`expected a workspace, got progress ${JSON.stringify(answer.building)}`);
  return answer;
}

async function lastRun(ctx: SystemContext) {
  const [run] = await ctx.engines.runs.listRuns(fx, { limit: 1 });
  return run!;
}

describe('package graph with a mock model', () => {
  it('asks the variant writer again after a schema-invalid answer and stores the valid one', async () => {
    let linkedinCalls = 0;
    const { ctx } = contextWith((_, call) => {
      if (call.name !== 'VariantDrafts' || call.context.channel !== 'linkedin') return undefined;
      linkedinCalls++;
      return linkedinCalls === 1 ? answer('{"variants": []}') : drafts('Close the books in days. Here is how.');
    });
    const { view } = await build(ctx, ['linkedin', 'x']);
    expect(linkedinCalls).toBe(2);
    expect(view.variantsByChannel.linkedin?.map((v) => v.text)).toEqual(['Close the books in days. Here is how.']);
    expect(view.warnings).toEqual([]);
    const event = (await lastRun(ctx)).events.find((e) => e.node === 'variant_plan:linkedin');
    expect(event?.payload).toMatchObject({ attempts: 2, model: 'mock-provider/mock-model-id' });
  });

  it('repairs a draft that breaks a taboo, and drops and records one the repair cannot fix', async () => {
    const { ctx } = contextWith((_, call) => {
      if (call.name === 'VariantDrafts' && call.context.channel === 'linkedin') return drafts('Why crypto is no way to close the books.');
      if (call.name === 'VariantDrafts' && call.context.channel === 'x')
        return drafts('A clean take on the close.', 'Guaranteed returns from a faster close!');
      if (call.name === 'CopyRepair' && call.context.channel === 'linkedin') {
        return answer(JSON.stringify({ rawText: 'Why shortcuts are no way to close the books.', rationale: 'Removed the taboo.' }));
      }
      if (call.name === 'CopyRepair') return answer(JSON.stringify({ rawText: 'Still guaranteed returns, sorry.', rationale: 'Tried.' }));
      return undefined;
    });
    const { view } = await build(ctx, ['linkedin', 'x']);
    const [repaired] = view.variantsByChannel.linkedin!;
    expect(repaired).toMatchObject({ text: 'Why shortcuts are no way to close the books.' });
    expect(repaired!.safetyFlags).toEqual(expect.arrayContaining(['taboo:crypto', 'repaired_by_guard_rail']));
    expect(view.variantsByChannel.x?.map((v) => v.text)).toEqual(['A clean take on the close.']);
    expect(view.warnings).toEqual([
      expect.objectContaining({ channel: 'x', node: 'guard_rail:x', message: expect.stringContaining('guaranteed returns') }),
    ]);
    expect(await lastRun(ctx)).toMatchObject({ status: 'succeeded_with_warnings' });
  });

  it('reports a channel whose model times out as a soft error while the other channels land', async () => {
    const { ctx } = contextWith((options, call) =>
      call.name === 'VariantDrafts' && call.context.channel === 'x' ? hangUntilAborted(options) : undefined,
    );
    const { view } = await build(ctx, ['linkedin', 'x'], { llmTimeoutMs: 300 });
    expect(view.variantsByChannel.linkedin?.length).toBeGreaterThanOrEqual(1);
    expect(view.variantsByChannel.x).toEqual([]);
    expect(view.warnings).toEqual([{ channel: 'x', node: 'variant_plan:x', message: expect.stringMatching(/did not answer in time/) }]);
    const run = await lastRun(ctx);
    expect(run.status).toBe('succeeded_with_warnings');
    expect(run.events.filter((e) => e.kind === 'soft_error')).toHaveLength(1);
    // The failure stays visible when the workspace is opened later, also after many newer runs.
    const reopened = await getPackageWorkspace(ctx, fx, { packageId: view.package.id });
    expect(reopened.warnings).toEqual(view.warnings);
    for (let i = 0; i < 55; i++) await ctx.engines.runs.startRun(fx, { flow: 'f1_today', input: { i } });
    expect((await getPackageWorkspace(ctx, fx, { packageId: view.package.id })).warnings).toEqual(view.warnings);
  });

  it('is a hard error with nothing written when the thesis model fails', async () => {
    const { ctx } = contextWith((_, call) => (call.name === 'PackageThesis' ? answer('not json') : undefined));
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    await expect(
      PackageBuildOrchestrator.createPackageFromOpportunity(ctx, fx, {
        opportunityId,
        channels: ['linkedin'],
        createdByUserId: fx.ownerUserId,
      }),
    ).rejects.toBeInstanceOf(ModelUnavailableError);
    expect(await handle.db.select().from(contentPackages).where(eq(contentPackages.originOpportunityId, opportunityId))).toEqual([]);
    expect(await lastRun(ctx)).toMatchObject({ status: 'failed' });
  });

  it('takes the package back when storing drafts fails, so nothing is half-written', async () => {
    const { ctx: base } = contextWith(() => undefined);
    const failing = Object.create(base.engines.content, {
      createVariants: { value: () => Promise.reject(new InvariantViolationError('refused by the test', 'state')) },
    });
    const ctx: SystemContext = { ...base, engines: { ...base.engines, content: failing } };
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    await expect(
      PackageBuildOrchestrator.createPackageFromOpportunity(ctx, fx, {
        opportunityId,
        channels: ['linkedin', 'x'],
        createdByUserId: fx.ownerUserId,
      }),
    ).rejects.toBeInstanceOf(InvariantViolationError);
    expect(await handle.db.select().from(contentPackages).where(eq(contentPackages.originOpportunityId, opportunityId))).toEqual([]);
    const run = await lastRun(ctx);
    expect(run.status).toBe('failed');
    expect(run.events.at(-1)).toMatchObject({ kind: 'hard_error', payload: { undone: true } });
  });

  it('drafts the channels in parallel: four channels take well under four model latencies', async () => {
    const LATENCY_MS = 800;
    const spans: { start: number; end: number }[] = [];
    const { ctx } = contextWith(async (_, call) => {
      if (call.name !== 'VariantDrafts') return undefined;
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, LATENCY_MS));
      spans.push({ start, end: performance.now() });
      return drafts(`A draft for ${String(call.context.channel)}.`);
    });
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const started = performance.now();
    const view = await PackageBuildOrchestrator.createPackageFromOpportunity(ctx, fx, {
      opportunityId,
      channels: ['linkedin', 'x', 'newsletter', 'instagram'],
      createdByUserId: fx.ownerUserId,
    });
    const elapsed = performance.now() - started;
    expect(Object.values(view.variantsByChannel).map((list) => list?.length)).toEqual([1, 1, 1, 1]);
    // Every channel's call started before the first one finished, and the whole build beat 3 of 4 latencies.
    expect(Math.max(...spans.map((s) => s.start))).toBeLessThan(Math.min(...spans.map((s) => s.end)));
    expect(elapsed).toBeLessThan(3 * LATENCY_MS);
  });
});

describe('a repeated idempotency key', () => {
  const thesisCalls = (model: { doGenerateCalls: { responseFormat?: unknown }[] }) =>
    model.doGenerateCalls.filter((c) => (c.responseFormat as { name?: string } | undefined)?.name === 'PackageThesis').length;

  /** A gate the variant writer waits at, so a test can act while the first build is still drafting. */
  function gatedDrafting() {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const script: Script = async (_, call) => {
      if (call.name === 'VariantDrafts') await gate;
      return undefined;
    };
    return { open, script };
  }

  async function packageForKey(idempotencyKey: string) {
    for (;;) {
      const [row] = await handle.db.select().from(contentPackages).where(eq(contentPackages.idempotencyKey, idempotencyKey));
      if (row) return row;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('answers a retry of a finished build with the same workspace and no model call', async () => {
    const { ctx, model } = contextWith(() => undefined);
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const key = randomUUID();
    const create = () =>
      PackageBuildOrchestrator.createPackageFromOpportunity(ctx, fx, {
        opportunityId,
        channels: ['linkedin', 'x'],
        createdByUserId: fx.ownerUserId,
        idempotencyKey: key,
      });
    const first = workspaceOf(await create());
    const calls = model.doGenerateCalls.length;
    const again = await create();
    expect(model.doGenerateCalls).toHaveLength(calls);
    expect(again).toEqual(first);
    expect(first.variantsByChannel.linkedin!.length).toBeGreaterThanOrEqual(1);
  });

  it('makes a duplicate that arrives while the first build is drafting wait for the complete workspace', async () => {
    const { open, script } = gatedDrafting();
    const { ctx, model } = contextWith(script);
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const key = randomUUID();
    const create = () =>
      PackageBuildOrchestrator.createPackageFromOpportunity(
        ctx,
        fx,
        { opportunityId, channels: ['linkedin', 'x'], createdByUserId: fx.ownerUserId, idempotencyKey: key },
        { replay: { pollMs: 20, waitMs: 60_000 } },
      );
    const first = create();
    await packageForKey(key);
    let duplicateDone = false;
    const duplicate = create().finally(() => (duplicateDone = true));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(duplicateDone).toBe(false);
    open();
    const [a, b] = await Promise.all([first, duplicate]);
    expect(b).toEqual(a);
    expect(workspaceOf(b).variantsByChannel.x!.length).toBeGreaterThanOrEqual(1);
    expect(thesisCalls(model)).toBe(1);
  });

  it("answers a duplicate with the build's progress once its short wait is over, without a model call", async () => {
    const { open, script } = gatedDrafting();
    const { ctx, model } = contextWith(script);
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const key = randomUUID();
    const create = () =>
      PackageBuildOrchestrator.createPackageFromOpportunity(
        ctx,
        fx,
        { opportunityId, channels: ['linkedin', 'x'], createdByUserId: fx.ownerUserId, idempotencyKey: key },
        { replay: { pollMs: 20, waitMs: 100 } },
      );
    const first = create();
    const pkg = await packageForKey(key);
    // The package shows before its channels are asked (at once on PostgreSQL's parallel connections):
    // count only once the first build waits at the gate with its thesis and both channels asked.
    await vi.waitFor(() => expect(model.doGenerateCalls).toHaveLength(3));
    const calls = model.doGenerateCalls.length;
    const duplicate = await create();
    expect(duplicate).toEqual({
      building: {
        status: 'running',
        packageId: pkg.id,
        channels: [
          { channel: 'linkedin', state: 'drafting' },
          { channel: 'x', state: 'drafting' },
        ],
      },
    });
    expect(model.doGenerateCalls).toHaveLength(calls);
    open();
    expect(workspaceOf(await first).package.id).toBe(pkg.id);
  });

  it('starts a new build at once for a duplicate whose first build failed, and that build lands', async () => {
    const { open, script } = gatedDrafting();
    const { ctx: base } = contextWith(script);
    let refusals = 1;
    const failingOnce = Object.create(base.engines.content, {
      createVariants: {
        value: (...args: Parameters<typeof base.engines.content.createVariants>) =>
          refusals-- > 0
            ? Promise.reject(new InvariantViolationError('refused by the test', 'state'))
            : base.engines.content.createVariants(...args),
      },
    });
    const ctx: SystemContext = { ...base, engines: { ...base.engines, content: failingOnce } };
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const key = randomUUID();
    const create = () =>
      PackageBuildOrchestrator.createPackageFromOpportunity(
        ctx,
        fx,
        { opportunityId, channels: ['linkedin'], createdByUserId: fx.ownerUserId, idempotencyKey: key },
        { replay: { pollMs: 20, waitMs: 60_000 } },
      );
    // Each outcome is caught as it happens: either call may fail while the test awaits the other.
    const first = create().catch((error: unknown) => error);
    const failedPackage = await packageForKey(key);
    const duplicate = create().catch((error: unknown) => error);
    open();
    expect(await first).toBeInstanceOf(InvariantViolationError);
    const rebuilt = workspaceOf((await duplicate) as Awaited<ReturnType<typeof create>>);
    expect(rebuilt.package.id).not.toBe(failedPackage.id);
    expect(rebuilt.variantsByChannel.linkedin!.length).toBeGreaterThanOrEqual(1);
    const rows = await handle.db.select().from(contentPackages).where(eq(contentPackages.idempotencyKey, key));
    expect(rows.map((r) => r.id)).toEqual([rebuilt.package.id]);
  });
});

describe('regenerating one channel', () => {
  it('writes new drafts in the style of the edited one, keeps the edit and retires untouched drafts', async () => {
    const seen: unknown[] = [];
    const { ctx } = contextWith((_, call) => {
      if (call.name === 'VariantDrafts') seen.push(call.context.styleReference);
      return undefined;
    });
    const { view } = await build(ctx, ['linkedin', 'x']);
    const [first, second] = view.variantsByChannel.linkedin!;
    const edited = await ctx.engines.content.updateVariantText(fx, { variantId: first!.id, text: 'My own words.\n\nWhat would you add?' });
    const xBefore = view.variantsByChannel.x!.map((v) => v.id);

    const after = await PackageBuildOrchestrator.regenerateVariants(ctx, fx, {
      packageId: view.package.id,
      channel: 'linkedin',
      requestedByUserId: fx.ownerUserId,
    });
    expect(seen.at(-1)).toBe('My own words.\n\nWhat would you add?');
    const linkedin = after.variantsByChannel.linkedin!;
    expect(linkedin.find((v) => v.id === edited.id)?.text).toBe('My own words.\n\nWhat would you add?');
    expect(linkedin.some((v) => v.id === second!.id)).toBe(false);
    const fresh = linkedin.filter((v) => v.id !== edited.id);
    expect(fresh.length).toBeGreaterThanOrEqual(1);
    expect(fresh.every((v) => v.status === 'draft' && v.text.endsWith('What would you add?'))).toBe(true);
    expect(fresh.map((v) => v.text)).not.toContain(second!.text);
    expect(after.variantsByChannel.x!.map((v) => v.id)).toEqual(xBefore);
    expect(await lastRun(ctx)).toMatchObject({ flow: 'f2_regenerate', status: 'succeeded' });
  });

  it('keeps the current drafts when the model fails, and says so', async () => {
    const { ctx: offline } = contextWith(() => undefined);
    const { view } = await build(offline, ['linkedin']);
    const { ctx } = contextWith((_, call) => (call.name === 'VariantDrafts' ? answer('{}') : undefined));
    const after = await PackageBuildOrchestrator.regenerateVariants(ctx, fx, {
      packageId: view.package.id,
      channel: 'linkedin',
      requestedByUserId: fx.ownerUserId,
    });
    expect(after.variantsByChannel.linkedin!.map((v) => v.id)).toEqual(view.variantsByChannel.linkedin!.map((v) => v.id));
    expect(after.warnings).toEqual([expect.objectContaining({ channel: 'linkedin', node: 'variant_plan:linkedin' })]);
    const live = await handle.db
      .select()
      .from(variants)
      .where(and(eq(variants.packageId, view.package.id), isNull(variants.deletedAt)));
    expect(live).toHaveLength(view.variantsByChannel.linkedin!.length);
  });

  it('leaves the channel with drafts when two regenerations of it run at once', async () => {
    const { ctx: base } = contextWith(() => undefined);
    const { view } = await build(base, ['linkedin']);
    // Both runs store their drafts before either retires the older ones: the interleaving that lost them all.
    const arrived: (() => void)[] = [];
    const bothStored = () =>
      new Promise<void>((resolve) => {
        arrived.push(resolve);
        if (arrived.length === 2) for (const release of arrived) release();
      });
    const content = Object.create(base.engines.content, {
      retireUntouchedDrafts: {
        value: async (...args: Parameters<SystemContext['engines']['content']['retireUntouchedDrafts']>) => {
          await bothStored();
          return base.engines.content.retireUntouchedDrafts(...args);
        },
      },
    });
    const ctx: SystemContext = { ...base, engines: { ...base.engines, content } };
    await Promise.all(
      [1, 2].map(() =>
        PackageBuildOrchestrator.regenerateVariants(ctx, fx, {
          packageId: view.package.id,
          channel: 'linkedin',
          requestedByUserId: fx.ownerUserId,
        }),
      ),
    );
    const final = await getPackageWorkspace(base, fx, { packageId: view.package.id });
    expect(final.variantsByChannel.linkedin!.length).toBeGreaterThanOrEqual(1);
    const originals = view.variantsByChannel.linkedin!.map((v) => v.id);
    expect(final.variantsByChannel.linkedin!.some((v) => originals.includes(v.id))).toBe(false);
  });

  it('refuses a channel the package does not have', async () => {
    const { ctx } = contextWith(() => undefined);
    const { view } = await build(ctx, ['linkedin']);
    await expect(
      PackageBuildOrchestrator.regenerateVariants(ctx, fx, { packageId: view.package.id, channel: 'x', requestedByUserId: fx.ownerUserId }),
    ).rejects.toMatchObject({ kind: 'input' });
  });
});
