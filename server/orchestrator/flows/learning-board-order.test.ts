import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { insertOpportunity, insertPackage, insertVariant, metricEvents } from '../../../test/fixtures/learning';
import { createSystemContext, type SystemContext } from '../context';
import { LearningUpdateOrchestrator } from './learning-update';

// Issue 5's "done means": metrics change the Today board's ordering after learning runs, and running
// learning again changes nothing.

const NOW = new Date('2026-03-15T12:00:00Z');
const POSTED = new Date('2026-03-12T09:00:00Z');
const DAYS = 7;

let handle: TestDatabase;
let ctx: SystemContext;
let fx: TenantFixture;
const ids = { leader: '', middle: '', underdog: '' };

beforeAll(async () => {
  handle = await createTestDatabase();
  ctx = createSystemContext(handle, { clock: () => NOW });
  fx = await createTenantFixture(handle.db, 'Board Order Co');
  ids.leader = await insertOpportunity(handle.db, fx, { title: 'Leader', baseScore: 70 });
  ids.middle = await insertOpportunity(handle.db, fx, { title: 'Middle', baseScore: 62 });
  ids.underdog = await insertOpportunity(handle.db, fx, { title: 'Underdog', baseScore: 55 });
  const leaderPost = await insertVariant(handle.db, fx, {
    packageId: await insertPackage(handle.db, fx, { originOpportunityId: ids.leader }),
    channel: 'linkedin',
    publishedAt: new Date('2026-03-11T08:00:00Z'),
  });
  const underdogPost = await insertVariant(handle.db, fx, {
    packageId: await insertPackage(handle.db, fx, { originOpportunityId: ids.underdog }),
    channel: 'linkedin',
    publishedAt: new Date('2026-03-11T08:00:00Z'),
  });
  // The underdog's post drew 95 likes per 1 000 impressions, the leader's 5: against twice the
  // channel's median rate they score 95 and 5, moving the opportunities by +18 and −18.
  await ctx.engines.learning.intake.recordExecutionEvents(fx, {
    events: [
      ...metricEvents(underdogPost, { impression: 1000, like: 95 }, POSTED),
      ...metricEvents(leaderPost, { impression: 1000, like: 5 }, POSTED),
    ],
    source: 'test_fixture',
  });
});
afterAll(() => handle.close());

async function boardOrder(): Promise<string[]> {
  const mine = new Set(Object.values(ids));
  const board = await ctx.engines.opportunities.getTodayBoard(fx, { limit: 50 });
  return board.opportunities.filter((o) => mine.has(o.id)).map((o) => o.id);
}

describe('learning and the Today board', () => {
  it('moves the opportunity whose post performed up the board, and the one whose post did not down', async () => {
    expect(await boardOrder()).toEqual([ids.leader, ids.middle, ids.underdog]);

    await LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DAYS });

    expect(await boardOrder()).toEqual([ids.underdog, ids.middle, ids.leader]);
    const board = await ctx.engines.opportunities.getTodayBoard(fx, { limit: 50 });
    const scores = Object.fromEntries(board.opportunities.map((o) => [o.id, o.score]));
    expect([scores[ids.underdog], scores[ids.middle], scores[ids.leader]]).toEqual([73, 62, 52]);
  });

  it('leaves the board as it is when learning runs again over the same metrics', async () => {
    const before = await ctx.engines.opportunities.getTodayBoard(fx, { limit: 50 });
    expect(await LearningUpdateOrchestrator.runForBrand(ctx, fx, { windowDays: DAYS })).toMatchObject({ skipped: 1 });
    expect(await ctx.engines.opportunities.getTodayBoard(fx, { limit: 50 })).toEqual(before);
  });
});
