import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../../engines/db/migrator';
import { decisionWeights, learningEvents } from '../../../engines/db/schema';
import { sqlState } from '../../../engines/db/sql-state';
import type { Channel } from '../../../engines/enums';
import { addDays } from '../../../lib/dates';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { VALID_DRAFTS } from '../../../test/fixtures/lifecycle';
import { createSystemContext, type SystemContext } from '../context';
import { DEFAULT_LEARNING_WINDOW_DAYS, LearningUpdateOrchestrator } from './learning-update';
import { TodayBoardOrchestrator } from './today-board';

// Decisions → decision weights through the engines' own mutations (pin, unpin, snooze, dismiss), each
// logged by the opportunities engine on the context's clock; learning then runs over the cron's window.
const START = new Date('2026-06-10T12:00:00Z');
let now = START;

let handle: TestDatabase;
let ctx: SystemContext;

beforeAll(async () => {
  handle = await createTestDatabase();
  ctx = createSystemContext(handle, { clock: () => now });
});
afterAll(() => handle.close());

/** Runs `work` as a Supabase client signed in as `userId` would reach the database, then rolls it back. */
async function asMember<T>(
  userId: string,
  work: (tx: Parameters<Parameters<TestDatabase['db']['transaction']>[0]>[0]) => Promise<T>,
): Promise<T> {
  let result: T | undefined;
  let finished = false;
  try {
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql.raw('set local role authenticated'));
      await tx.execute(sql`select set_config('request.jwt.claims', ${JSON.stringify({ sub: userId, role: 'authenticated' })}, true)`);
      result = await work(tx);
      finished = true;
      throw new Error('rolled back on purpose');
    });
  } catch (error) {
    if (!finished) throw error;
  }
  return result as T;
}

let ideaCount = 0;
async function idea(fx: TenantFixture, pillar: 0 | 1, channel: Channel, score = 72): Promise<string> {
  ideaCount += 1;
  const { opportunity } = await ctx.engines.opportunities.ingestOpportunity(fx, {
    type: 'evergreen',
    title: `Idea number ${ideaCount} for the close`,
    angle: 'An angle worth a post.',
    source: 'test',
    pillarId: fx.pillarIds[pillar],
    personaId: fx.personaIds[pillar],
    primaryChannel: channel,
    score,
  });
  return opportunity.id;
}

const learn = (fx: TenantFixture) =>
  LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DEFAULT_LEARNING_WINDOW_DAYS, trigger: 'cron' });

const weightEvents = (fx: TenantFixture) =>
  handle.db
    .select({ payload: learningEvents.payload, windowEnd: learningEvents.windowEnd })
    .from(learningEvents)
    .where(and(eq(learningEvents.brandId, fx.brandId), eq(learningEvents.signalType, 'decision_weight_update')));

describe('decision weights from the window’s decisions', () => {
  let fx: TenantFixture;
  let other: TenantFixture;
  let kept: string;

  beforeAll(async () => {
    now = START;
    fx = await createTenantFixture(handle.db, 'Weights Co');
    other = await createTenantFixture(handle.db, 'Other Weights Co');
    // Pillar 0 / persona 0 / LinkedIn: three pins, one taken back → 0.3 − 0.05 = +0.25 from 4 decisions.
    const pinned = [await idea(fx, 0, 'linkedin'), await idea(fx, 0, 'linkedin'), await idea(fx, 0, 'linkedin')];
    for (const opportunityId of pinned) await ctx.engines.opportunities.pinOpportunity(fx, { opportunityId });
    await ctx.engines.opportunities.unpinOpportunity(fx, { opportunityId: pinned[2]! });
    kept = pinned[0]!;
    // Pillar 1 / persona 1 / X: five dismissals → −0.75, bounded to −0.5.
    for (let i = 0; i < 5; i += 1) {
      await ctx.engines.opportunities.dismissOpportunity(fx, { opportunityId: await idea(fx, 1, 'x'), reason: 'Not for us' });
    }
    // Another tenant decides too, and is never learned from here.
    await ctx.engines.opportunities.pinOpportunity(other, { opportunityId: await idea(other, 0, 'newsletter') });
  });

  it('turns them into weights per pillar, persona and channel, each bounded to ±0.5, stored and recorded as learning events', async () => {
    const result = await learn(fx);
    expect(result).toMatchObject({ preview: false, skipped: 0 });
    expect(await ctx.engines.learning.insights.getDecisionWeights(fx)).toMatchObject({
      pillars: { [fx.pillarIds[0]]: 0.25, [fx.pillarIds[1]]: -0.5 },
      personas: { [fx.personaIds[0]]: 0.25, [fx.personaIds[1]]: -0.5 },
      channels: { linkedin: 0.25, x: -0.5 },
      patterns: {},
    });
    const events = await weightEvents(fx);
    expect(events).toHaveLength(6);
    const names = events.map((e) => e.payload.name);
    expect(names.every((name) => typeof name === 'string')).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['Controller Cara', 'LinkedIn', 'X']));
    const insights = await ctx.engines.learning.insights.getInsights(fx, ctx.engines.learning.windowFor(30));
    expect(insights.decisionWeights).toHaveLength(6);
    expect(insights.decisionWeights.find((w) => w.dimension === 'pillar' && w.weight === -0.5)).toMatchObject({ decisions: 5 });
    expect(insights.decisionWeights.find((w) => w.dimension === 'channel' && w.key === 'linkedin')).toMatchObject({
      name: 'LinkedIn',
      decisions: 4,
    });
    // Never an id where a name belongs.
    for (const weight of insights.decisionWeights) expect(weight.name).not.toMatch(/^[0-9a-f-]{36}$/);
  });

  it('leaves another tenant untouched', async () => {
    expect(await ctx.engines.learning.insights.getDecisionWeights(other)).toMatchObject({
      pillars: {},
      personas: {},
      channels: {},
      patterns: {},
      windowEnd: null,
    });
    expect(await handle.db.select().from(decisionWeights).where(eq(decisionWeights.tenantId, other.tenantId))).toEqual([]);
    await learn(other);
    expect((await ctx.engines.learning.insights.getDecisionWeights(other)).channels).toEqual({ newsletter: 0.1 });
    expect((await ctx.engines.learning.insights.getDecisionWeights(fx)).channels).toEqual({ linkedin: 0.25, x: -0.5 });
  });

  it('lets a signed-in member read only their own tenant’s weights, and write none', async () => {
    const { visible, tenants, refused } = await asMember(fx.ownerUserId, async (tx) => {
      const found = rows<{ tenant_id: string }>(await tx.execute(sql`select tenant_id from decision_weights`));
      let state: string | undefined;
      try {
        await tx.execute(sql`savepoint write_attempt`);
        await tx.execute(sql`update decision_weights set weight = 0.5`);
      } catch (error) {
        state = sqlState(error);
        await tx.execute(sql`rollback to savepoint write_attempt`);
      }
      return { visible: found.length, tenants: new Set(found.map((row) => row.tenant_id)), refused: state };
    });
    expect(visible).toBe(6);
    expect(tenants).toEqual(new Set([fx.tenantId]));
    expect(refused).toBe('42501');
  });

  it('changes nothing when run again over the same decisions, and redoes the window after a new one', async () => {
    const before = await handle.db.select().from(decisionWeights).where(eq(decisionWeights.brandId, fx.brandId));
    expect(await learn(fx)).toMatchObject({ skipped: 1, learningEventsWritten: 0 });
    expect(await handle.db.select().from(decisionWeights).where(eq(decisionWeights.brandId, fx.brandId))).toEqual(before);

    await ctx.engines.opportunities.snoozeOpportunity(fx, { opportunityId: kept, until: addDays(now, 3) });
    expect(await learn(fx)).toMatchObject({ skipped: 0 });
    const weights = await ctx.engines.learning.insights.getDecisionWeights(fx);
    expect(weights.pillars[fx.pillarIds[0]]).toBe(0.2);
    // The window's event for the weight took the new figure; no second event for the same weight and window.
    const events = await weightEvents(fx);
    expect(events).toHaveLength(6);
    expect(events.find((e) => e.payload.key === fx.pillarIds[0])!.payload).toMatchObject({ weight: 0.2, decisions: 5 });
  });

  it('does the work once when two runs start together', async () => {
    await ctx.engines.opportunities.pinOpportunity(fx, { opportunityId: await idea(fx, 0, 'linkedin') });
    const results = await Promise.all([learn(fx), learn(fx)]);
    expect(results.map((r) => r.skipped).sort()).toEqual([0, 1]);
    expect((await ctx.engines.learning.insights.getDecisionWeights(fx)).pillars[fx.pillarIds[0]]).toBe(0.3);
    const rows = await handle.db.select().from(decisionWeights).where(eq(decisionWeights.brandId, fx.brandId));
    expect(rows).toHaveLength(6);
    expect(await weightEvents(fx)).toHaveLength(6);
  });

  it("does not overwrite the cron's weights with an admin's run over another window: that is a preview", async () => {
    const stored = await ctx.engines.learning.insights.getDecisionWeights(fx);
    // Ten days on, a 7-day window holds none of the decisions: stored, it would fade every weight.
    now = addDays(START, 10);
    try {
      const preview = await LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: 7, trigger: 'admin' });
      expect(preview).toMatchObject({ preview: true, skipped: 0, learningEventsWritten: 0, decisionWeights: [] });
      expect(await ctx.engines.learning.insights.getDecisionWeights(fx)).toEqual(stored);
      const [run] = await ctx.engines.runs.listRuns(fx, { limit: 1 });
      expect(run).toMatchObject({ id: preview.runId, status: 'succeeded', input: { windowDays: 7, preview: true } });
      // Over the cron's window the admin's run is a stored one, the same as the cron's.
      expect(
        await LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DEFAULT_LEARNING_WINDOW_DAYS, trigger: 'admin' }),
      ).toMatchObject({
        preview: false,
      });
      expect((await ctx.engines.learning.insights.getDecisionWeights(fx)).pillars).toEqual(stored.pillars);
    } finally {
      now = START;
    }
  });

  it('fades every weight back to 0 once its decisions leave the window, recording that once', async () => {
    now = addDays(START, DEFAULT_LEARNING_WINDOW_DAYS + 5);
    try {
      const result = await learn(fx);
      expect(result).toMatchObject({ skipped: 0, decisionWeights: [] });
      expect(await ctx.engines.learning.insights.getDecisionWeights(fx)).toMatchObject({
        pillars: {},
        personas: {},
        channels: {},
        patterns: {},
      });
      const window = ctx.engines.learning.windowFor(DEFAULT_LEARNING_WINDOW_DAYS);
      const faded = (await weightEvents(fx)).filter((e) => e.windowEnd.getTime() === window.windowEnd.getTime());
      expect(faded).toHaveLength(6);
      expect(faded.every((e) => e.payload.weight === 0 && e.payload.decisions === 0)).toBe(true);
      expect(await learn(fx)).toMatchObject({ skipped: 1, learningEventsWritten: 0 });
      expect((await ctx.engines.learning.insights.getInsights(fx, window)).decisionWeights).toEqual([]);
    } finally {
      now = START;
    }
  });
});

describe('decisions on packages and drafts', () => {
  it('weigh the pattern a published draft used, beside its pillar, persona and channel', async () => {
    now = START;
    const fx = await createTenantFixture(handle.db, 'Pattern Weights Co');
    const pattern = await ctx.engines.patterns.createPattern(fx, {
      name: 'Before and after',
      channel: 'linkedin',
      structure: ['Hook', 'Turn'],
    });
    const opportunityId = await idea(fx, 0, 'linkedin');
    const decidedByUserId = fx.ownerUserId;
    // Opened as a package (+0.15), sent to review (+0.15), a draft with the pattern published (+0.20).
    const { package: pkg } = await ctx.engines.content.createPackageFromOpportunity(fx, {
      opportunityId,
      channels: ['linkedin'],
      createdByUserId: decidedByUserId,
    });
    const variant = await ctx.engines.content.createVariant(fx, {
      packageId: pkg.id,
      channel: 'linkedin',
      patternTemplateId: pattern.id,
      draftText: VALID_DRAFTS.linkedin,
    });
    await ctx.engines.content.updatePackageStatus(fx, { packageId: pkg.id, status: 'in_review', decidedByUserId });
    // Approving the package (+0.10) is about the package, so it names no pattern.
    await ctx.engines.content.updatePackageStatus(fx, { packageId: pkg.id, status: 'approved', decidedByUserId });
    await ctx.engines.content.markVariantPublished(fx, { variantId: variant.id, externalPostId: 'li-1', decidedByUserId });
    await learn(fx);
    const weights = await ctx.engines.learning.insights.getDecisionWeights(fx);
    expect(weights.patterns).toEqual({ [pattern.id]: 0.2 });
    expect(weights.pillars[fx.pillarIds[0]]).toBe(0.5);
    expect(weights.channels.linkedin).toBe(0.5);
    const insights = await ctx.engines.learning.insights.getInsights(fx, ctx.engines.learning.windowFor(DEFAULT_LEARNING_WINDOW_DAYS));
    expect(insights.decisionWeights.find((w) => w.dimension === 'pattern')).toMatchObject({
      name: 'Before and after',
      weight: 0.2,
      decisions: 1,
    });
  });
});

describe('the Today focus leans on the decision weights', () => {
  /** Two pillars with the same board (two 72s each): the better-ranked pillar 0 has the focus. */
  async function evenBoard(name: string) {
    now = START;
    const fx = await createTenantFixture(handle.db, name);
    const ideas = {
      first: [await idea(fx, 0, 'linkedin'), await idea(fx, 0, 'linkedin')],
      second: [await idea(fx, 1, 'x'), await idea(fx, 1, 'x')],
    };
    expect((await TodayBoardOrchestrator.buildTodayView(ctx, fx)).focus.primaryPillarId).toBe(fx.pillarIds[0]);
    return { fx, ideas };
  }

  it('moves to a pillar the team pins, once learning has run', async () => {
    const { fx, ideas } = await evenBoard('Focus Pins Co');
    await ctx.engines.opportunities.pinOpportunity(fx, { opportunityId: ideas.second[0]! });
    // A pin alone does not change the board's figures: the focus stays until learning has weighed it.
    expect((await TodayBoardOrchestrator.buildTodayView(ctx, fx)).focus.primaryPillarId).toBe(fx.pillarIds[0]);
    await learn(fx);
    const view = await TodayBoardOrchestrator.buildTodayView(ctx, fx);
    expect(view.focus).toMatchObject({ primaryPillarId: fx.pillarIds[1], primaryPersonaId: fx.personaIds[1], primaryChannel: 'x' });
  });

  it('moves away from a pillar the team keeps dismissing', async () => {
    const { fx } = await evenBoard('Focus Dismissals Co');
    // Three more ideas of pillar 0 come in and are dismissed: the board's live figures stay even.
    for (let i = 0; i < 3; i += 1) {
      await ctx.engines.opportunities.dismissOpportunity(fx, { opportunityId: await idea(fx, 0, 'linkedin') });
    }
    expect((await TodayBoardOrchestrator.buildTodayView(ctx, fx)).focus.primaryPillarId).toBe(fx.pillarIds[0]);
    await learn(fx);
    expect((await TodayBoardOrchestrator.buildTodayView(ctx, fx)).focus.primaryPillarId).toBe(fx.pillarIds[1]);
  });
});
