import { MockLanguageModelV4 } from 'ai/test';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rows } from '../../../engines/db/migrator';
import { NotFoundError } from '../../../engines/errors';
import type { BoardCard } from '../../../engines/opportunities/dto';
import { addDays } from '../../../lib/dates';
import { isOfflineModelLabel } from '../../../lib/labels';
import { DEMO_OWNER, DEMO_TENANTS } from '../../../supabase/seed/demo-users';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { logger } from '../../logging/logger';
import { createSystemContext, type SystemContext } from '../context';
import { pillarFocusWeight } from '../policies/today-focus';
import { FlowRunAudit } from './run-audit';
import { TodayBoardOrchestrator, TodaySummaryOrchestrator } from './today-board';

// F1 and F1.1 over the seeded demo data, on PGlite or (with DATABASE_URL) PostgreSQL.

let handle: TestDatabase;
let system: SystemContext;
const tenantId = DEMO_TENANTS.northwind.id;
let ledgerline: string;
let emberAndOak: string;
let climateDesk: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle);
  const brands = await system.engines.brandBrain.listBrandsForUser(DEMO_OWNER.userId);
  ledgerline = brands.find((b) => b.slug === 'ledgerline')!.id;
  emberAndOak = brands.find((b) => b.slug === 'ember-and-oak')!.id;
  const [globex] = rows<{ id: string }>(await handle.db.execute(sql`select id from brands where slug = 'climate-desk'`));
  climateDesk = globex!.id;
});
afterAll(() => handle.close());

/** Board order: pinned first, then score, then the most recently touched. */
function assertBoardOrder(list: BoardCard[]): void {
  for (let i = 1; i < list.length; i++) {
    const [a, b] = [list[i - 1]!, list[i]!];
    const key = (o: BoardCard) => [Number(o.isPinned), o.score, o.lastTouchedAt.getTime()];
    const [ka, kb] = [key(a), key(b)];
    const cmp = ka[0]! - kb[0]! || ka[1]! - kb[1]! || ka[2]! - kb[2]!;
    expect(cmp, `${a.title} before ${b.title}`).toBeGreaterThanOrEqual(0);
  }
}

/** Row counts and the latest update of every table F1 reads, to prove it writes nothing. */
async function databaseFingerprint(): Promise<unknown> {
  return handle.db
    .execute(
      sql`select
        (select count(*)::int from opportunities) as opportunities,
        (select max(updated_at) from opportunities) as opportunities_updated,
        (select count(*)::int from content_packages) as packages,
        (select count(*)::int from flow_runs) as runs,
        (select max(updated_at) from brands) as brands_updated`,
    )
    .then(rows);
}

describe('TodayBoardOrchestrator.buildTodayView on the demo data', () => {
  it('returns the live opportunities in board order with the brand, its summary and counts', async () => {
    const view = await TodayBoardOrchestrator.buildTodayView(system, { tenantId, brandId: ledgerline });
    const now = new Date();

    expect(view.brand).toMatchObject({ id: ledgerline, name: 'Ledgerline' });
    expect(view.opportunities.length).toBeGreaterThan(10);
    expect(view.opportunities.length).toBeLessThanOrEqual(50);
    // The cards are the brand's live ideas (a card carries no brand or snooze: each is read back whole).
    for (const card of view.opportunities) {
      const o = await system.engines.opportunities.getOpportunity({ tenantId, brandId: ledgerline }, { opportunityId: card.id });
      expect(o.isSnoozed || o.dismissedAt !== null).toBe(false);
      expect(o.expiresAt === null || o.expiresAt > now).toBe(true);
    }
    assertBoardOrder(view.opportunities);

    const strategy = await system.engines.brandBrain.getBrandStrategyView({ tenantId, brandId: ledgerline });
    expect(view.strategy).toEqual(strategy);
    const pillarCounts = view.focus.metrics.byPillar.reduce((sum, p) => sum + p.count, 0);
    const channelCounts = view.focus.metrics.byChannel.reduce((sum, c) => sum + c.count, 0);
    expect(channelCounts).toBe(view.focus.metrics.total);
    expect(pillarCounts).toBeLessThanOrEqual(view.focus.metrics.total);
  });

  it('chooses the pillar with the greatest focus weight', async () => {
    const view = await TodayBoardOrchestrator.buildTodayView(system, { tenantId, brandId: ledgerline });
    const { focus } = view;

    const recent = (await system.engines.content.listPackagesForBrand({ tenantId, brandId: ledgerline }, { limit: 10, offset: 0 })).map(
      (p) => p.pillarId,
    );
    const totalHigh = focus.metrics.byPillar.reduce((sum, p) => sum + p.highScoreCount, 0);
    const weights = view.strategy.pillars.map((pillar) => {
      const counts = focus.metrics.byPillar.find((m) => m.id === pillar.id);
      const live = {
        id: pillar.id,
        name: pillar.name,
        priorityRank: pillar.priorityRank,
        liveCount: counts?.count ?? 0,
        highScoreCount: counts?.highScoreCount ?? 0,
      };
      return { id: pillar.id, live: live.liveCount, weight: pillarFocusWeight(live, totalHigh, recent) };
    });
    const best = Math.max(...weights.filter((w) => w.live > 0).map((w) => w.weight));
    const chosen = weights.find((w) => w.id === focus.primaryPillarId);
    expect(chosen?.weight).toBe(best);
    expect(view.focusLabels.pillarName).toBe(view.strategy.pillars.find((p) => p.id === focus.primaryPillarId)?.name);
    expect(view.strategy.personas.map((p) => p.id)).toContain(focus.primaryPersonaId);
    expect(view.brand.channels.map((c) => c.channel)).toContain(focus.primaryChannel);
  });

  it('writes nothing', async () => {
    const before = await databaseFingerprint();
    await TodayBoardOrchestrator.buildTodayView(system, { tenantId, brandId: emberAndOak });
    expect(await databaseFingerprint()).toEqual(before);
  });

  it('narrows the list by pillar, persona and channel without moving the focus', async () => {
    const whole = await TodayBoardOrchestrator.buildTodayView(system, { tenantId, brandId: ledgerline });
    const pillar = whole.strategy.pillars[1]!;
    const byPillar = await TodayBoardOrchestrator.buildTodayView(
      system,
      { tenantId, brandId: ledgerline },
      { filter: { pillarId: pillar.id } },
    );
    expect(byPillar.opportunities.length).toBeGreaterThan(0);
    expect(byPillar.opportunities.every((o) => o.pillarId === pillar.id)).toBe(true);
    expect(byPillar.opportunities.length).toBe(whole.focus.metrics.byPillar.find((m) => m.id === pillar.id)?.count);
    expect(byPillar.focus).toEqual(whole.focus);
    expect(byPillar.filter).toEqual({ pillarId: pillar.id });
    assertBoardOrder(byPillar.opportunities);

    const persona = whole.strategy.personas[0]!;
    const narrow = await TodayBoardOrchestrator.buildTodayView(
      system,
      { tenantId, brandId: ledgerline },
      {
        filter: { personaId: persona.id, channel: 'linkedin' },
      },
    );
    expect(narrow.opportunities.every((o) => o.personaId === persona.id && o.primaryChannel === 'linkedin')).toBe(true);
  });

  it('shows a pin at the top and drops a snoozed card until its time has passed', async () => {
    const before = await TodayBoardOrchestrator.buildTodayView(system, { tenantId, brandId: emberAndOak });
    const last = before.opportunities.at(-1)!;
    const second = before.opportunities[1]!;
    await system.engines.opportunities.pinOpportunity({ tenantId, brandId: emberAndOak }, { opportunityId: last.id });
    await system.engines.opportunities.snoozeOpportunity(
      { tenantId, brandId: emberAndOak },
      { opportunityId: second.id, until: addDays(new Date(), 1) },
    );

    expect(before.opportunities.filter((o) => o.isPinned).length).toBeLessThan(5);
    const after = await TodayBoardOrchestrator.buildTodayView(system, { tenantId, brandId: emberAndOak });
    const pinnedBlock = after.opportunities.slice(
      0,
      after.opportunities.findIndex((o) => !o.isPinned),
    );
    expect(pinnedBlock.map((o) => o.id)).toContain(last.id);
    expect(after.opportunities.map((o) => o.id)).not.toContain(second.id);
    expect(after.focus.metrics.total).toBe(before.focus.metrics.total - 1);
    assertBoardOrder(after.opportunities);
  });

  it("answers NotFound for a brand of another tenant, and for a filter naming another brand's pillar", async () => {
    await expect(TodayBoardOrchestrator.buildTodayView(system, { tenantId, brandId: climateDesk })).rejects.toBeInstanceOf(NotFoundError);
    const ember = await system.engines.brandBrain.getBrandStrategyView({ tenantId, brandId: emberAndOak });
    await expect(
      TodayBoardOrchestrator.buildTodayView(system, { tenantId, brandId: ledgerline }, { filter: { pillarId: ember.pillars[0]!.id } }),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('TodaySummaryOrchestrator.summarizeTodayFocus', () => {
  it('has the offline model write what to do first, without repeating the focus heading, labelled as offline', async () => {
    const view = await TodayBoardOrchestrator.buildTodayView(system, { tenantId, brandId: ledgerline });
    const summary = await TodaySummaryOrchestrator.summarizeTodayFocus(system, { tenantId, brandId: ledgerline });
    expect(summary.source).toBe('model');
    expect(isOfflineModelLabel(summary.model)).toBe(true);
    expect(summary.summary).toMatch(/^Draft from the top of the list down; /);
    // The heading above it already says "Focus on {pillar} / {channel} / {persona} today".
    expect(summary.summary).not.toContain(view.focusLabels.pillarName!);
  });

  it("uses the model's answer when a model is configured", async () => {
    const text = '{"summary":"Lead with cash-flow stories for finance leads on LinkedIn today."}';
    const model = new MockLanguageModelV4({
      doGenerate: {
        content: [{ type: 'text', text }],
        finishReason: { unified: 'stop', raw: 'stop' },
        usage: {
          inputTokens: { total: 40, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
          outputTokens: { total: 12, text: undefined, reasoning: undefined },
        },
        warnings: [],
      },
    });
    const withModel = createSystemContext(handle, { models: { modelFor: () => model, offline: false } });
    const summary = await TodaySummaryOrchestrator.summarizeTodayFocus(
      withModel,
      { tenantId, brandId: ledgerline },
      { requestedByUserId: DEMO_OWNER.userId },
    );
    expect(summary).toEqual({
      summary: 'Lead with cash-flow stories for finance leads on LinkedIn today.',
      source: 'model',
      model: 'mock-provider/mock-model-id',
    });
    const context = JSON.stringify(model.doGenerateCalls[0]!.prompt);
    expect(context).toContain('Ledgerline');
    expect(context).not.toContain('angle');
    const [run] = await system.engines.runs.listRuns({ tenantId, brandId: ledgerline }, { limit: 1 });
    expect(run).toMatchObject({ flow: 'f1_summary', status: 'succeeded', createdByUserId: DEMO_OWNER.userId });
    expect(run!.events.map((e) => [e.node, e.kind])).toEqual([
      ['input', 'input'],
      ['summarize', 'llm_output'],
      ['flow', 'output'],
    ]);
    expect(run!.events[1]!.payload).toMatchObject({
      model: 'mock-provider/mock-model-id',
      usage: { inputTokens: 40, outputTokens: 12 },
      output: { summary: summary.summary },
    });
  });

  it('falls back to the deterministic sentence when the model fails, instead of failing', async () => {
    const model = new MockLanguageModelV4({
      modelId: 'failing-model',
      doGenerate: async () => {
        throw new Error('upstream 503');
      },
    });
    const failing = createSystemContext(handle, { models: { modelFor: () => model, offline: false } });
    const summary = await TodaySummaryOrchestrator.summarizeTodayFocus(failing, { tenantId, brandId: ledgerline });
    expect(summary.source).toBe('fallback');
    expect(summary.model).toBeNull();
    expect(summary.summary).toMatch(/^Draft from the top of the list down; \d+ high-scoring ideas? (is|are) waiting on the board\.$/);
    const [run] = await system.engines.runs.listRuns({ tenantId, brandId: ledgerline }, { limit: 1 });
    expect(run).toMatchObject({ flow: 'f1_summary', status: 'succeeded_with_warnings' });
    expect(run!.events[1]!.payload).toMatchObject({ error: expect.stringContaining('upstream 503') });
  });

  it('reuses the summary this model wrote for the same focus: a repeat view calls no model and records no run', async () => {
    const scope = { tenantId, brandId: emberAndOak };
    let calls = 0;
    const model = new MockLanguageModelV4({
      modelId: 'counting-model',
      doGenerate: async () => {
        calls += 1;
        return {
          content: [{ type: 'text', text: `{"summary":"Focus call number ${calls} for Ember & Oak today."}` }],
          finishReason: { unified: 'stop', raw: 'stop' },
          usage: {
            inputTokens: { total: 40, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
            outputTokens: { total: 12, text: undefined, reasoning: undefined },
          },
          warnings: [],
        };
      },
    });
    const counting = createSystemContext(handle, { models: { modelFor: () => model, offline: false } });
    const summaryRuns = async () => (await system.engines.runs.listRuns(scope, { limit: 100 })).filter((r) => r.flow === 'f1_summary');
    const before = (await summaryRuns()).length;

    const first = await TodaySummaryOrchestrator.summarizeTodayFocus(counting, scope);
    const again = await TodaySummaryOrchestrator.summarizeTodayFocus(counting, scope);
    expect(again).toEqual(first);
    expect(calls).toBe(1);
    expect((await summaryRuns()).length).toBe(before + 1);

    // Another model writes its own; a changed board (one idea snoozed) is a new focus.
    const offline = await TodaySummaryOrchestrator.summarizeTodayFocus(system, scope);
    expect(isOfflineModelLabel(offline.model)).toBe(true);
    const [live] = (await TodayBoardOrchestrator.buildTodayView(system, scope)).opportunities;
    await system.engines.opportunities.snoozeOpportunity(scope, { opportunityId: live!.id, until: addDays(new Date(), 3) });
    const changed = await TodaySummaryOrchestrator.summarizeTodayFocus(counting, scope);
    expect(changed.summary).toBe('Focus call number 2 for Ember & Oak today.');
    expect((await summaryRuns()).length).toBe(before + 3);
  });
});

describe('FlowRunAudit.start', () => {
  it("logs the run's start with its flow, run, tenant and brand ids only, even when handed a graph's whole state", async () => {
    const info = vi.spyOn(logger, 'info');
    try {
      // What the summary node holds: its graph state, board included, which must not reach the log.
      const state = { tenantId, brandId: ledgerline, view: { opportunities: [{ title: 'a card' }] } };
      const audit = await FlowRunAudit.start(system.engines.runs, state, 'f1_summary', {}, null);
      const started = info.mock.calls.find(([, message]) => message === 'run started');
      expect(started?.[0]).toEqual({ flow: 'f1_summary', runId: audit.runId, tenantId, brandId: ledgerline });
      await audit.finish({}, false);
    } finally {
      info.mockRestore();
    }
  });
});
