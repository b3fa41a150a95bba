import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import {
  hoursFrom,
  insertManyOpportunities,
  insertOpportunity,
  OPPORTUNITY_NOW,
  opportunitiesBed,
  softDeleteOpportunity,
} from '../../test/fixtures/opportunities';
import { rows } from '../db/migrator';
import { BoardCard } from './dto';
import { selectBoardPage } from './queries';

const bed = opportunitiesBed({ tenant: 'Board Co', other: 'Other Board Co' }, { emptyBoardEachTest: true });

const ids = async (limit = 50) => (await bed.engine.getTodayBoard(bed.fx, { limit })).opportunities.map((o) => o.id);

describe('OpportunitiesEngine.getTodayBoard', () => {
  it('ranks pinned first, then by score, then by the most recent touch, then by id', async () => {
    const touched = (hours: number) => hoursFrom(OPPORTUNITY_NOW, -hours);
    const lowPinned = await insertOpportunity(bed.handle.db, bed.fx, { score: 10, isPinned: true });
    const highPinned = await insertOpportunity(bed.handle.db, bed.fx, { score: 60, isPinned: true });
    const top = await insertOpportunity(bed.handle.db, bed.fx, { score: 95, lastTouchedAt: touched(100) });
    const recent = await insertOpportunity(bed.handle.db, bed.fx, { score: 80, lastTouchedAt: touched(1) });
    const older = await insertOpportunity(bed.handle.db, bed.fx, { score: 80, lastTouchedAt: touched(5) });
    const tieA = await insertOpportunity(bed.handle.db, bed.fx, {
      id: '00000000-0000-4000-8000-00000000000a',
      score: 30,
      lastTouchedAt: touched(2),
    });
    const tieB = await insertOpportunity(bed.handle.db, bed.fx, {
      id: '00000000-0000-4000-8000-00000000000b',
      score: 30,
      lastTouchedAt: touched(2),
    });

    expect(await ids()).toEqual([highPinned, lowPinned, top, recent, older, tieA, tieB]);
  });

  it('narrows the page by pillar, persona and channel, keeping board order and whole-board counts', async () => {
    const [pillarA, pillarB] = bed.fx.pillarIds;
    const [personaA, personaB] = bed.fx.personaIds;
    const match = await insertOpportunity(bed.handle.db, bed.fx, {
      score: 60,
      pillarId: pillarA,
      personaId: personaB,
      primaryChannel: 'x',
    });
    const matchPinned = await insertOpportunity(bed.handle.db, bed.fx, {
      score: 20,
      pillarId: pillarA,
      personaId: personaB,
      primaryChannel: 'x',
      isPinned: true,
    });
    await insertOpportunity(bed.handle.db, bed.fx, { score: 90, pillarId: pillarB, personaId: personaB, primaryChannel: 'x' });
    await insertOpportunity(bed.handle.db, bed.fx, { score: 90, pillarId: pillarA, personaId: personaA, primaryChannel: 'x' });
    await insertOpportunity(bed.handle.db, bed.fx, { score: 90, pillarId: pillarA, personaId: personaB, primaryChannel: 'linkedin' });
    await insertOpportunity(bed.handle.db, bed.fx, {
      score: 95,
      pillarId: pillarA,
      personaId: personaB,
      primaryChannel: 'x',
      snoozedUntil: hoursFrom(OPPORTUNITY_NOW, 5),
    });

    const board = await bed.engine.getTodayBoard(bed.fx, {
      filter: { pillarId: pillarA, personaId: personaB, channel: 'x' },
    });
    expect(board.opportunities.map((o) => o.id)).toEqual([matchPinned, match]);
    expect(board.metrics.total).toBe(5);
    expect((await bed.engine.getTodayBoard(bed.fx, { filter: { pillarId: pillarB } })).opportunities).toHaveLength(1);
    expect((await bed.engine.getTodayBoard(bed.fx, { filter: { channel: 'linkedin' } })).opportunities).toHaveLength(1);
    await expect(bed.engine.getTodayBoard(bed.fx, { filter: { pillarId: 'pillar-a' } })).rejects.toBeInstanceOf(ZodError);
  });

  it('returns only the top `limit` while the counts cover every live opportunity', async () => {
    const [pillarA, pillarB] = bed.fx.pillarIds;
    const [personaA, personaB] = bed.fx.personaIds;
    const spec = [
      { score: 90, pillarId: pillarA, personaId: personaA, primaryChannel: 'linkedin' },
      { score: 75, pillarId: pillarA, personaId: personaB, primaryChannel: 'linkedin' },
      { score: 70, pillarId: pillarB, personaId: personaB, primaryChannel: 'x' },
      { score: 69, pillarId: pillarB, personaId: personaB, primaryChannel: 'x' },
      { score: 40, pillarId: null, personaId: null, primaryChannel: 'newsletter' },
      { score: 20, pillarId: pillarA, personaId: personaA, primaryChannel: 'x' },
    ] as const;
    const created = [];
    for (const values of spec) created.push(await insertOpportunity(bed.handle.db, bed.fx, values));
    // Not live, so in no count:
    await insertOpportunity(bed.handle.db, bed.fx, { score: 99, pillarId: pillarA, expiresAt: hoursFrom(OPPORTUNITY_NOW, -1) });
    await insertOpportunity(bed.handle.db, bed.fx, { score: 99, pillarId: pillarA, snoozedUntil: hoursFrom(OPPORTUNITY_NOW, 1) });

    const board = await bed.engine.getTodayBoard(bed.fx, { limit: 2 });

    expect(board.opportunities.map((o) => o.id)).toEqual(created.slice(0, 2));
    expect(board.highScoreOpportunityIds).toEqual(created.slice(0, 2));
    expect(board.metrics.total).toBe(6);
    expect(board.metrics.highScoreCount).toBe(3);
    expect(board.metrics.byPillar).toEqual([
      { id: pillarA, name: 'Faster close', count: 3, highScoreCount: 2 },
      { id: pillarB, name: 'Audit readiness', count: 2, highScoreCount: 1 },
    ]);
    expect(board.metrics.byPersona).toEqual([
      { id: personaB, name: 'CFO Chris', count: 3, highScoreCount: 2 },
      { id: personaA, name: 'Controller Cara', count: 2, highScoreCount: 1 },
    ]);
    expect(board.metrics.byChannel).toEqual([
      { channel: 'x', count: 3, highScoreCount: 1 },
      { channel: 'linkedin', count: 2, highScoreCount: 2 },
      { channel: 'newsletter', count: 1, highScoreCount: 0 },
    ]);
  });

  it('leaves out expired, snoozed and deleted opportunities, and keeps elapsed snoozes and future expiries', async () => {
    const live = await insertOpportunity(bed.handle.db, bed.fx, { score: 50 });
    const expiresLater = await insertOpportunity(bed.handle.db, bed.fx, { score: 49, expiresAt: hoursFrom(OPPORTUNITY_NOW, 1) });
    const snoozeElapsed = await insertOpportunity(bed.handle.db, bed.fx, { score: 48, snoozedUntil: OPPORTUNITY_NOW });
    await insertOpportunity(bed.handle.db, bed.fx, { score: 90, expiresAt: OPPORTUNITY_NOW });
    await insertOpportunity(bed.handle.db, bed.fx, { score: 90, isPinned: true, snoozedUntil: hoursFrom(OPPORTUNITY_NOW, 1) });
    const deleted = await insertOpportunity(bed.handle.db, bed.fx, { score: 90 });
    await softDeleteOpportunity(bed.handle.db, deleted);

    const board = await bed.engine.getTodayBoard(bed.fx);
    expect(board.opportunities.map((o) => o.id)).toEqual([live, expiresLater, snoozeElapsed]);
    expect(board.metrics).toMatchObject({ total: 3, highScoreCount: 0 });
  });

  it('brings a snoozed card back once its snooze ends', async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx);
    await bed.engine.snoozeOpportunity(bed.fx, { opportunityId: id, until: hoursFrom(OPPORTUNITY_NOW, 24) });
    expect(await ids()).toEqual([]);

    bed.time.advanceHours(23);
    expect(await ids()).toEqual([]);

    bed.time.advanceHours(1);
    const board = await bed.engine.getTodayBoard(bed.fx);
    expect(board.opportunities.map((o) => o.id)).toEqual([id]);
    expect(board.metrics.total).toBe(1);
  });

  it('returns an empty board with zero counts for a brand with no live opportunities', async () => {
    expect(await bed.engine.getTodayBoard(bed.fx)).toEqual({
      opportunities: [],
      packages: [],
      metrics: { byPillar: [], byPersona: [], byChannel: [], highScoreCount: 0, total: 0 },
      highScoreOpportunityIds: [],
    });
  });

  it('returns 50 by default and refuses a limit outside 1..200', async () => {
    for (let i = 0; i < 55; i++) await insertOpportunity(bed.handle.db, bed.fx, { score: i });
    expect(await ids()).toHaveLength(50);
    expect((await bed.engine.getTodayBoard(bed.fx)).opportunities).toHaveLength(50);
    expect(await ids(200)).toHaveLength(55);
    await expect(bed.engine.getTodayBoard(bed.fx, { limit: 201 })).rejects.toBeInstanceOf(ZodError);
    await expect(bed.engine.getTodayBoard(bed.fx, { limit: 0 })).rejects.toBeInstanceOf(ZodError);
  });

  it("carries persona and pillar handles and the score band, as the idea's own DTO has them, and only a card's fields", async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx, { score: 40, pillarId: bed.fx.pillarIds[1], personaId: null });
    const [card] = (await bed.engine.getTodayBoard(bed.fx)).opportunities;
    expect(card).toMatchObject({
      id,
      scoreBand: 'medium',
      pillarHandle: { id: bed.fx.pillarIds[1], name: 'Audit readiness' },
      personaHandle: null,
    });
    const whole = await bed.engine.getOpportunity(bed.fx, { opportunityId: id });
    expect(Object.keys(card!).sort()).toEqual(Object.keys(BoardCard.shape).sort());
    expect(card).toEqual(BoardCard.parse(whole));
  });

  it('reads a page of a large board through opportunities_board_idx in its order, without sorting every row', async () => {
    await insertManyOpportunities(bed.handle.db, bed.fx, 3_000);
    await bed.handle.db.execute(sql`analyze opportunities`);
    const page = selectBoardPage(bed.handle.db, bed.fx, OPPORTUNITY_NOW, 50);
    const plan = rows<{ 'QUERY PLAN': string }>(await bed.handle.db.execute(sql`explain ${page.getSQL()}`))
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toMatch(/Index Scan using opportunities_board_idx on opportunities/);
    // The index hands rows over in board order; at most the id tie-break is sorted incrementally. (The
    // subplan that lists each returned card's packages, a handful of rows, may sort those newest first.)
    const boardScan = plan.split(/^\s*SubPlan/m)[0];
    expect(boardScan).not.toMatch(/^\s*(->\s+)?Sort\s+\(/m);

    const board = await bed.engine.getTodayBoard(bed.fx);
    expect(board.opportunities).toHaveLength(50);
    expect(board.metrics.total).toBe(3_000);
  });
});
