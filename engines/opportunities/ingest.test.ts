import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import {
  hoursFrom,
  ingestPayload,
  insertSiblingBrand,
  OPPORTUNITY_NOW,
  opportunitiesBed,
  readOpportunityRow,
  softDeleteOpportunity,
} from '../../test/fixtures/opportunities';
import { opportunities, personas } from '../db/schema';
import { InvariantViolationError, NotFoundError } from '../errors';

let sibling: TenantFixture;

const bed = opportunitiesBed({ tenant: 'Ingest Co', other: 'Other Co' });
beforeAll(async () => {
  sibling = await insertSiblingBrand(bed.handle.db, bed.fx);
});

const ingest = (values: Parameters<typeof ingestPayload>[0] = {}, scope: TenantFixture = bed.fx) =>
  bed.engine.ingestOpportunity(scope, { ...ingestPayload(values), createdByUserId: scope.ownerUserId });

async function liveWithTitleLike(fragment: string) {
  const found = await bed.handle.db
    .select({ id: opportunities.id, title: opportunities.title })
    .from(opportunities)
    .where(and(eq(opportunities.brandId, bed.fx.brandId), isNull(opportunities.deletedAt)));
  return found.filter((o) => o.title.toLowerCase().includes(fragment.toLowerCase()));
}

describe('OpportunitiesEngine.ingestOpportunity', () => {
  it('stores a new opportunity with its handles, base score and the primary channel among the suggested ones', async () => {
    const { opportunity, created } = await ingest({
      type: 'campaign',
      title: '  Q2 close checklist  ',
      primaryChannel: 'x',
      suggestedChannels: ['linkedin', 'linkedin', 'newsletter'],
      personaId: bed.fx.personaIds[1],
      pillarId: bed.fx.pillarIds[0],
      score: 72,
      sourceUrl: 'https://example.com/q2',
      metadata: { feed: 'rss' },
    });
    expect(created).toBe(true);
    expect(opportunity).toMatchObject({
      brandId: bed.fx.brandId,
      type: 'campaign',
      title: 'Q2 close checklist',
      score: 72,
      baseScore: 72,
      learnedAdjustment: 0,
      scoreBand: 'high',
      scoreExplanation: null,
      primaryChannel: 'x',
      suggestedChannels: ['x', 'linkedin', 'newsletter'],
      personaHandle: { id: bed.fx.personaIds[1], name: 'CFO Chris' },
      pillarHandle: { id: bed.fx.pillarIds[0], name: 'Faster close' },
      createdVia: 'ingestion',
      createdByUserId: bed.fx.ownerUserId,
      isPinned: false,
      isSnoozed: false,
      lastTouchedAt: OPPORTUNITY_NOW,
      sourceUrl: 'https://example.com/q2',
      metadata: { feed: 'rss' },
    });
    expect((await readOpportunityRow(bed.handle.db, opportunity.id)).dedupeKey).toBe('q2 close checklist|industry newsletter');
  });

  it('keeps the suggested order when the primary channel is already in it', async () => {
    const { opportunity } = await ingest({ primaryChannel: 'x', suggestedChannels: ['newsletter', 'x'] });
    expect(opportunity.suggestedChannels).toEqual(['newsletter', 'x']);
  });

  it('scores by type and freshness when the payload brings no score, and explains it', async () => {
    const trend = await ingest({ type: 'trend', sourcePublishedAt: hoursFrom(OPPORTUNITY_NOW, -2) });
    expect(trend.opportunity).toMatchObject({ score: 75, baseScore: 75, scoreBand: 'high' });
    expect(trend.opportunity.scoreExplanation).toMatch(/^Initial score 75: trend ideas start at 55; \+20/);

    const evergreen = await ingest({ type: 'evergreen', sourcePublishedAt: hoursFrom(OPPORTUNITY_NOW, -24 * 90) });
    expect(evergreen.opportunity).toMatchObject({ score: 40, scoreBand: 'medium' });

    const undated = await ingest({ type: 'competitive' });
    expect(undated.opportunity.score).toBe(45);
  });

  it('returns the existing opportunity for the same title and source however it is cased, spaced or punctuated', async () => {
    const first = await ingest({ title: 'Audit season starts early!', source: 'The Ledger' });
    const again = await ingest({ title: '  AUDIT   season, starts early ', source: 'the ledger.', angle: 'Different words.' });
    expect(again).toEqual({ opportunity: first.opportunity, created: false });

    const otherSource = await ingest({ title: 'Audit season starts early!', source: 'Another feed' });
    expect(otherSource.created).toBe(true);
    const otherBrand = await ingest({ title: 'Audit season starts early!', source: 'The Ledger' }, sibling);
    expect(otherBrand.created).toBe(true);
  });

  it('creates one opportunity for concurrent ingests of the same idea, and all callers get it', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => ingest({ title: `Close-week survival kit${'.'.repeat(i)}`, source: 'Race feed' })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.opportunity.id)).size).toBe(1);
    expect(await liveWithTitleLike('survival kit')).toHaveLength(1);
  });

  it('ingests the idea anew once its earlier opportunity was deleted', async () => {
    const first = await ingest({ title: 'Reconciliation myths', source: 'Blog' });
    await softDeleteOpportunity(bed.handle.db, first.opportunity.id);
    const again = await ingest({ title: 'Reconciliation myths', source: 'Blog' });
    expect(again.created).toBe(true);
    expect(again.opportunity.id).not.toBe(first.opportunity.id);
  });

  it('refuses an over-long title or angle, or a primary channel that is not a channel', async () => {
    await expect(ingest({ title: 'x'.repeat(201) })).rejects.toBeInstanceOf(ZodError);
    await expect(ingest({ angle: 'x'.repeat(2_001) })).rejects.toBeInstanceOf(ZodError);
    await expect(ingest({ primaryChannel: 'myspace' as never })).rejects.toBeInstanceOf(ZodError);
    await expect(ingest({ score: 101 })).rejects.toBeInstanceOf(ZodError);
    await expect(ingest({ title: 'x'.repeat(200) })).resolves.toMatchObject({ created: true });
  });

  it('refuses a title with no letters or digits, since it could not be told apart from another', async () => {
    const error = await ingest({ title: '?!…' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvariantViolationError);
    expect((error as InvariantViolationError).kind).toBe('input');
  });

  it('answers NotFound for a persona or pillar of another brand or tenant, or a deleted one', async () => {
    await expect(ingest({ personaId: sibling.personaIds[0] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(ingest({ pillarId: sibling.pillarIds[0] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(ingest({ personaId: bed.other.personaIds[0] })).rejects.toBeInstanceOf(NotFoundError);
    await expect(ingest({ pillarId: bed.other.pillarIds[1] })).rejects.toBeInstanceOf(NotFoundError);

    const extra = await createTenantFixture(bed.handle.db, 'Deleted persona Co');
    await bed.handle.db.update(personas).set({ deletedAt: new Date() }).where(eq(personas.id, extra.personaIds[0]));
    await expect(ingest({ personaId: extra.personaIds[0] }, extra)).rejects.toBeInstanceOf(NotFoundError);
    await expect(ingest({ personaId: extra.personaIds[1] }, extra)).resolves.toMatchObject({ created: true });
  });
});
