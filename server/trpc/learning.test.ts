import { MockLanguageModelV4 } from 'ai/test';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentPackages } from '../../engines/db/schema';
import { isOfflineModelLabel } from '../../lib/labels';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { addMember, createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { buildLearningScenario, insertPackage, type LearningScenario } from '../../test/fixtures/learning';
import { codeOf } from '../../test/trpc';
import type { Viewer } from '../auth/viewer';
import { createSystemContext, type SystemContext } from '../orchestrator/context';
import { DEFAULT_LEARNING_WINDOW_DAYS, LearningUpdateOrchestrator } from '../orchestrator/flows/learning-update';
import { createInnerContext } from './init';
import { createCaller } from './root';

// Metrics arrive on 2026-03-20 and the procedures run "on" 2026-03-15, whose 7-day window is the
// scenario's week.
const RECEIVED = new Date('2026-03-20T12:00:00Z');
const NOW = new Date('2026-03-15T12:00:00Z');

let handle: TestDatabase;
let system: SystemContext;
let fx: TenantFixture;
let other: TenantFixture;
let scenario: LearningScenario;
let owner: Viewer;
let admin: Viewer;
let member: Viewer;

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle, { clock: () => NOW });
  const ingest = createSystemContext(handle, { clock: () => RECEIVED });
  fx = await createTenantFixture(handle.db, 'Procedures Co');
  other = await createTenantFixture(handle.db, 'Elsewhere Co');
  scenario = await buildLearningScenario(handle.db, fx, (events) =>
    ingest.engines.learning.intake.recordExecutionEvents(fx, { events, source: 'test_fixture' }),
  );
  owner = await viewerFor(system, fx.ownerUserId);
  admin = await viewerFor(system, await addMember(handle.db, fx.tenantId, 'admin'));
  member = await viewerFor(system, await addMember(handle.db, fx.tenantId, 'member'));
});
afterAll(() => handle.close());

const as = (viewer: Viewer, sys: SystemContext = system) => createCaller(createInnerContext({ system: sys, viewer }));

describe('ingestKeys', () => {
  it('creates a key shown once, lists it without the key, and revokes it', async () => {
    const created = await as(admin).ingestKeys.create({ brandId: fx.brandId, name: 'Buffer webhook' });
    expect(created.key).toMatch(/^kik_[A-Za-z0-9_-]{40,}$/);
    const listed = await as(owner).ingestKeys.list({ brandId: fx.brandId });
    expect(listed).toEqual([expect.objectContaining({ id: created.id, name: 'Buffer webhook', revokedAt: null })]);
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(await system.engines.ingestKeys.verifyKey(created.key)).toMatchObject({ brandId: fx.brandId });

    const revoked = await as(owner).ingestKeys.revoke({ brandId: fx.brandId, id: created.id });
    expect(revoked.revokedAt).toEqual(NOW);
    expect(await system.engines.ingestKeys.verifyKey(created.key)).toBeNull();
  });

  it('is for owners and admins: a member gets FORBIDDEN and creates nothing', async () => {
    const before = await as(owner).ingestKeys.list({ brandId: fx.brandId });
    expect(await codeOf(as(member).ingestKeys.create({ brandId: fx.brandId, name: 'Sneaky' }))).toBe('FORBIDDEN');
    expect(await codeOf(as(member).ingestKeys.list({ brandId: fx.brandId }))).toBe('FORBIDDEN');
    expect(await codeOf(as(member).ingestKeys.revoke({ brandId: fx.brandId, id: before[0]!.id }))).toBe('FORBIDDEN');
    expect(await as(owner).ingestKeys.list({ brandId: fx.brandId })).toEqual(before);
  });

  it("answers NOT_FOUND for another tenant's brand or key, and BAD_REQUEST for an empty name", async () => {
    expect(await codeOf(as(owner).ingestKeys.create({ brandId: other.brandId, name: 'Theirs' }))).toBe('NOT_FOUND');
    const theirs = await system.engines.ingestKeys.createKey(other, { name: 'Theirs' });
    expect(await codeOf(as(owner).ingestKeys.revoke({ brandId: fx.brandId, id: theirs.id }))).toBe('NOT_FOUND');
    expect(await system.engines.ingestKeys.verifyKey(theirs.key)).not.toBeNull();
    expect(await codeOf(as(owner).ingestKeys.create({ brandId: fx.brandId, name: '  ' }))).toBe('BAD_REQUEST');
  });
});

describe('learning.run', () => {
  it('refuses a member with FORBIDDEN and runs nothing', async () => {
    expect(await codeOf(as(member).learning.run({ brandId: fx.brandId, windowDays: 7 }))).toBe('FORBIDDEN');
    expect(await as(owner).runs.list({ brandId: fx.brandId })).toEqual([]);
  });

  it("answers NOT_FOUND for another tenant's brand", async () => {
    expect(await codeOf(as(owner).learning.run({ brandId: other.brandId, windowDays: 7 }))).toBe('NOT_FOUND');
  });

  it('answers BAD_REQUEST for a window outside 1–365 whole days', async () => {
    for (const windowDays of [0, 366, 2.5]) {
      expect(await codeOf(as(owner).learning.run({ brandId: fx.brandId, windowDays }))).toBe('BAD_REQUEST');
    }
    expect(await codeOf(as(owner).learning.insights({ brandId: fx.brandId, windowDays: -1 }))).toBe('BAD_REQUEST');
  });

  it("previews an admin's run over another window than the cron's: computes it, records a run, stores no learning", async () => {
    const preview = await as(admin).learning.run({ brandId: fx.brandId, windowDays: 7 });
    expect(preview).toMatchObject({
      preview: true,
      brandsProcessed: 1,
      skipped: 0,
      variantsScored: 5,
      patternsUpdated: 2,
      opportunitiesRescored: 2,
      learningEventsWritten: 0,
    });
    expect(await system.engines.learning.insights.listLearningEvents(fx)).toEqual([]);
    const opportunities = await system.engines.opportunities.listOpportunitiesForBrand(fx);
    expect(opportunities.every((o) => o.score === o.baseScore)).toBe(true);
    // A second preview computes again: nothing was marked done.
    expect(await as(owner).learning.run({ brandId: fx.brandId, windowDays: 7 })).toMatchObject({ preview: true, skipped: 0 });
    const runs = await as(member).runs.list({ brandId: fx.brandId });
    expect(runs.map((r) => [r.flow, r.status])).toEqual([
      ['f3_learning', 'succeeded'],
      ['f3_learning', 'succeeded'],
    ]);
    expect(runs.find((r) => r.id === preview.runId)).toMatchObject({
      createdByUserId: admin.userId,
      input: { windowDays: 7, trigger: 'admin', preview: true },
    });
    // The stored learning the insights below read: the scenario's week, as a script stores it.
    expect(await LearningUpdateOrchestrator.runForBrand(system, fx, { windowDays: 7, trigger: 'script' })).toMatchObject({
      preview: false,
      skipped: 0,
      learningEventsWritten: 10,
    });
  });

  it("stores an admin's run over the cron's window; again, it is skipped", async () => {
    const stored = await createTenantFixture(handle.db, 'Cron Window Co');
    const storedOwner = await viewerFor(system, stored.ownerUserId);
    const result = await as(storedOwner).learning.run({ brandId: stored.brandId, windowDays: DEFAULT_LEARNING_WINDOW_DAYS });
    expect(result).toMatchObject({ preview: false, brandsProcessed: 1, skipped: 0 });
    expect(await as(storedOwner).learning.run({ brandId: stored.brandId, windowDays: DEFAULT_LEARNING_WINDOW_DAYS })).toMatchObject({
      preview: false,
      skipped: 1,
      learningEventsWritten: 0,
    });
  });
});

describe('learning.insights', () => {
  it('shows engagement by day and channel, the patterns, and each score change before → after with its learning event', async () => {
    const insights = await as(member).learning.insights({ brandId: fx.brandId, windowDays: 7 });
    expect(insights.variantsScored).toBe(5);
    expect(new Set(insights.engagement.map((p) => p.channel))).toEqual(new Set(['linkedin', 'x']));
    const mid = insights.engagement.find((p) => p.channel === 'x' && p.day.getTime() === Date.parse('2026-03-12T00:00:00Z'));
    // X1 and X2: 10 000 impressions, 20 likes and 5 shares (weight 4) → 40 per 10 000 = 0.4 per 100.
    expect(mid).toMatchObject({ impressions: 10_000, interactions: 40, ratePer100: 0.4 });
    const own = insights.patterns.find((p) => p.patternId === scenario.patternId);
    expect(own).toMatchObject({ usageCount: 2, variantsInWindow: 2, shared: false });
    const changes = new Map(insights.scoreChanges.map((c) => [c.opportunityId, c]));
    expect(changes.get(scenario.opportunityIds[0])).toMatchObject({ before: 60, after: 62, adjustment: 2 });
    expect(changes.get(scenario.opportunityIds[1])).toMatchObject({ before: 40, after: 35, adjustment: -5 });
    const [event] = await system.engines.learning.insights.listLearningEvents(fx, { signalType: 'opportunity_score_update', limit: 1 });
    expect(insights.scoreChanges.map((c) => c.learningEventId)).toContain(event!.id);
    expect(insights.pillars.map((p) => p.name)).toEqual(['Faster close', 'Audit readiness']);
  });

  it('lists the learning events recorded in the window, score updates first', async () => {
    const insights = await as(member).learning.insights({ brandId: fx.brandId, windowDays: 7 });
    const stored = await system.engines.learning.insights.listLearningEvents(fx);
    expect(insights.learningEvents).toHaveLength(10);
    expect(new Set(insights.learningEvents.map((e) => e.id))).toEqual(new Set(stored.map((e) => e.id)));
    expect(insights.learningEvents.map((e) => e.signalType)).toEqual([
      ...Array<string>(2).fill('opportunity_score_update'),
      ...Array<string>(2).fill('pattern_performance_update'),
      ...Array<string>(6).fill('variant_performance_summary'),
    ]);
    const change = insights.scoreChanges[0]!;
    expect(insights.learningEvents.find((e) => e.id === change.learningEventId)).toMatchObject({
      opportunityId: change.opportunityId,
      payload: { adjustment: change.adjustment, score: change.after },
    });
  });

  it('names the packages behind each score change and each pattern with posts in the window', async () => {
    const packageOf = async (opportunityId: string) =>
      (
        await handle.db
          .select({ id: contentPackages.id })
          .from(contentPackages)
          .where(eq(contentPackages.originOpportunityId, opportunityId))
      )[0]!.id;
    const [first, second] = [await packageOf(scenario.opportunityIds[0]), await packageOf(scenario.opportunityIds[1])];
    const insights = await as(member).learning.insights({ brandId: fx.brandId, windowDays: 7 });
    const changes = new Map(insights.scoreChanges.map((c) => [c.opportunityId, c.packageIds]));
    expect(changes.get(scenario.opportunityIds[0])).toEqual([first]);
    expect(changes.get(scenario.opportunityIds[1])).toEqual([second]);
    const patterns = new Map(insights.patterns.map((p) => [p.patternId, p.packageIds]));
    // The brand's own pattern was used by L1 and L2 (first package), the shared one by X1 and X2 (both).
    expect(patterns.get(scenario.patternId)).toEqual([first]);
    expect(patterns.get(scenario.sharedPatternId)).toEqual([first, second].sort());
    expect(insights.patterns.filter((p) => p.variantsInWindow === 0).every((p) => p.packageIds.length === 0)).toBe(true);

    // A package discarded since is no longer linked.
    await handle.db.update(contentPackages).set({ deletedAt: NOW }).where(eq(contentPackages.id, second));
    try {
      const after = await as(member).learning.insights({ brandId: fx.brandId, windowDays: 7 });
      expect(after.scoreChanges.find((c) => c.opportunityId === scenario.opportunityIds[1])?.packageIds).toEqual([]);
    } finally {
      await handle.db.update(contentPackages).set({ deletedAt: null }).where(eq(contentPackages.id, second));
    }
  });

  it("answers NOT_FOUND for another tenant's brand", async () => {
    expect(await codeOf(as(owner).learning.insights({ brandId: other.brandId, windowDays: 30 }))).toBe('NOT_FOUND');
  });
});

describe('learning.summary (F3.1)', () => {
  it('summarises the window with the summarizer node', async () => {
    const summary = await as(member).learning.summary({ brandId: fx.brandId, windowDays: 7 });
    expect(summary).toMatchObject({ source: 'model', windowDays: 7 });
    expect(isOfflineModelLabel(summary.model)).toBe(true);
    expect(summary.summary).toMatch(/last 7 days/);
    const [run] = await as(member).runs.list({ brandId: fx.brandId, limit: 1 });
    expect(run).toMatchObject({ flow: 'f3_summary', status: 'succeeded', input: { windowDays: 7 }, createdByUserId: member.userId });
    expect(run!.events.map((e) => [e.node, e.kind])).toEqual([
      ['input', 'input'],
      ['summarize', 'llm_output'],
      ['flow', 'output'],
    ]);
    expect(run!.events[1]!.payload).toMatchObject({
      model: summary.model,
      usage: expect.any(Object),
      output: { summary: summary.summary },
    });
  });

  it('falls back to the deterministic summary when the model fails, and records the failure on its run', async () => {
    const broken = new MockLanguageModelV4({
      doGenerate: async () => {
        throw new Error('model unavailable');
      },
    });
    const failing = { ...system, models: { modelFor: () => broken, offline: false } };
    const summary = await as(member, failing).learning.summary({ brandId: fx.brandId, windowDays: 7 });
    expect(summary).toMatchObject({ source: 'fallback', model: null });
    expect(summary.summary).toMatch(/worked best/);
    const [run] = await as(member).runs.list({ brandId: fx.brandId, limit: 1 });
    expect(run).toMatchObject({ flow: 'f3_summary', status: 'succeeded_with_warnings' });
    expect(run!.events[1]!.payload).toMatchObject({ error: expect.stringContaining('model unavailable') });
  });
});

describe('runs.list', () => {
  it("carries an F2 run's package id, for the link to its package", async () => {
    const packageId = await insertPackage(handle.db, fx);
    const runId = await system.engines.runs.startRun(fx, {
      flow: 'f2_package_build',
      input: { channels: ['linkedin'] },
      createdByUserId: fx.ownerUserId,
    });
    await system.engines.runs.linkPackage({ runId, packageId });
    const runs = await as(member).runs.list({ brandId: fx.brandId });
    expect(runs.find((r) => r.id === runId)).toMatchObject({ flow: 'f2_package_build', packageId });
    expect(runs.filter((r) => r.flow === 'f3_learning').every((r) => r.packageId === null)).toBe(true);
  });

  it("answers NOT_FOUND for another tenant's brand and BAD_REQUEST for a bad limit", async () => {
    expect(await codeOf(as(owner).runs.list({ brandId: other.brandId }))).toBe('NOT_FOUND');
    expect(await codeOf(as(owner).runs.list({ brandId: fx.brandId, limit: 0 }))).toBe('BAD_REQUEST');
  });
});
