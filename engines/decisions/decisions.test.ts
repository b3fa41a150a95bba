import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../lib/dates';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { VALID_DRAFTS } from '../../test/fixtures/lifecycle';
import { movableClock, OPPORTUNITY_NOW } from '../../test/fixtures/opportunities';
import { ContentEngine } from '../content/engine';
import { decisions } from '../db/schema';
import type { DecisionKind } from '../enums';
import { errorCode } from '../errors';
import { OpportunitiesEngine } from '../opportunities/engine';
import { PatternsEngine } from '../patterns/engine';
import { DecisionsEngine } from './engine';

let handle: TestDatabase;
const time = movableClock();
let log: DecisionsEngine;
let opportunitiesEngine: OpportunitiesEngine;
let content: ContentEngine;
let patterns: PatternsEngine;
let fx: TenantFixture;

beforeAll(async () => {
  handle = await createTestDatabase();
  log = new DecisionsEngine(handle.db, { clock: time.clock });
  opportunitiesEngine = new OpportunitiesEngine(handle.db, { clock: time.clock, decisions: log });
  patterns = new PatternsEngine(handle.db);
  content = new ContentEngine(handle.db, { opportunities: opportunitiesEngine, patterns, decisions: log, clock: time.clock });
});
afterAll(() => handle.close());
beforeEach(async () => {
  time.set(OPPORTUNITY_NOW);
  fx = await createTenantFixture(handle.db, 'Decisions Co');
});

async function newIdea(title: string) {
  const { opportunity } = await opportunitiesEngine.createOpportunity(fx, {
    title,
    angle: 'Why it matters now.',
    type: 'trend',
    pillarId: fx.pillarIds[1],
    personaId: fx.personaIds[0],
    primaryChannel: 'x',
    suggestedChannels: ['linkedin'],
    createdByUserId: fx.ownerUserId,
  });
  return opportunity;
}

const kinds = async () => (await log.list(fx, { limit: 100 })).map((d) => d.kind).sort();

describe('the decision log', () => {
  it('records each kind of decision exactly once, with who, when and the dimensions at decision time', async () => {
    const by = fx.ownerUserId;
    const pinnedIdea = await newIdea('Pinned idea');
    await opportunitiesEngine.pinOpportunity(fx, { opportunityId: pinnedIdea.id, decidedByUserId: by });
    await opportunitiesEngine.pinOpportunity(fx, { opportunityId: pinnedIdea.id, decidedByUserId: by }); // already pinned: no decision
    await opportunitiesEngine.unpinOpportunity(fx, { opportunityId: pinnedIdea.id, decidedByUserId: by });
    await opportunitiesEngine.unpinOpportunity(fx, { opportunityId: pinnedIdea.id, decidedByUserId: by }); // not pinned: no decision
    await opportunitiesEngine.snoozeOpportunity(fx, {
      opportunityId: pinnedIdea.id,
      until: addDays(OPPORTUNITY_NOW, 2),
      decidedByUserId: by,
    });
    await opportunitiesEngine.unsnoozeOpportunity(fx, { opportunityId: pinnedIdea.id });

    const dismissedIdea = await newIdea('Dismissed idea');
    await opportunitiesEngine.dismissOpportunity(fx, { opportunityId: dismissedIdea.id, reason: 'Off brand', decidedByUserId: by });
    await opportunitiesEngine.dismissOpportunity(fx, { opportunityId: dismissedIdea.id, decidedByUserId: by }); // already: no decision

    const opened = await newIdea('Opened idea');
    const request = { opportunityId: opened.id, channels: ['linkedin' as const], createdByUserId: by, idempotencyKey: 'open-once' };
    const { package: pkg } = await content.createPackageFromOpportunity(fx, request);
    await content.createPackageFromOpportunity(fx, request); // a retry returns the same package: no decision
    const pattern = await patterns.createPattern(fx, { name: 'Hook first', channel: 'linkedin', structure: ['Hook', 'Proof'] });
    const variant = await content.createVariant(fx, {
      packageId: pkg.id,
      channel: 'linkedin',
      patternTemplateId: pattern.id,
      draftText: 'A first draft.',
    });
    await content.updateVariantText(fx, { variantId: variant.id, text: VALID_DRAFTS.linkedin, decidedByUserId: by });
    await content.updatePackageStatus(fx, { packageId: pkg.id, status: 'in_review', decidedByUserId: by });
    await content.updatePackageStatus(fx, { packageId: pkg.id, status: 'in_review', decidedByUserId: by }); // no move: no decision
    await content.updatePackageStatus(fx, { packageId: pkg.id, status: 'approved', decidedByUserId: by });
    time.advanceHours(1);
    await content.markVariantPublished(fx, { variantId: variant.id, externalPostId: 'post-1', decidedByUserId: by });
    await content.markVariantPublished(fx, { variantId: variant.id, externalPostId: 'post-1', decidedByUserId: by }); // a retry

    const all = await log.list(fx);
    expect(all.map((d) => d.kind).sort()).toEqual(
      (
        [
          'approved',
          'dismissed',
          'opened_as_package',
          'pinned',
          'sent_to_review',
          'snoozed',
          'unpinned',
          'variant_edited',
          'variant_published',
        ] satisfies DecisionKind[]
      ).sort(),
    );
    expect(all.every((d) => d.userId === by && d.brandId === fx.brandId)).toBe(true);
    const of = (kind: DecisionKind) => all.find((d) => d.kind === kind)!;
    const ideaDimensions = { pillarId: fx.pillarIds[1], personaId: fx.personaIds[0], channel: 'x' };
    expect(of('pinned')).toMatchObject({ opportunityId: pinnedIdea.id, ...ideaDimensions, decidedAt: OPPORTUNITY_NOW });
    expect(of('dismissed')).toMatchObject({ opportunityId: dismissedIdea.id, ...ideaDimensions, reason: 'Off brand' });
    expect(of('opened_as_package')).toMatchObject({ opportunityId: opened.id, packageId: pkg.id, ...ideaDimensions });
    expect(of('sent_to_review')).toMatchObject({
      packageId: pkg.id,
      opportunityId: opened.id,
      channel: 'linkedin',
      pillarId: fx.pillarIds[1],
    });
    const variantDimensions = {
      packageId: pkg.id,
      variantId: variant.id,
      channel: 'linkedin',
      patternId: pattern.id,
      personaId: fx.personaIds[0],
    };
    expect(of('variant_edited')).toMatchObject(variantDimensions);
    expect(of('variant_published')).toMatchObject({ ...variantDimensions, decidedAt: new Date(OPPORTUNITY_NOW.getTime() + 3_600_000) });

    // Newest first, and `since` keeps only the later ones.
    expect(all[0]!.kind).toBe('variant_published');
    expect((await log.list(fx, { since: new Date(OPPORTUNITY_NOW.getTime() + 1) })).map((d) => d.kind)).toEqual(['variant_published']);
  });

  it('records nothing for a refused mutation', async () => {
    const idea = await newIdea('Refused moves');
    await expect(
      opportunitiesEngine.snoozeOpportunity(fx, {
        opportunityId: idea.id,
        until: addDays(OPPORTUNITY_NOW, -1),
        decidedByUserId: fx.ownerUserId,
      }),
    ).rejects.toThrow('future');
    await opportunitiesEngine.dismissOpportunity(fx, { opportunityId: idea.id, decidedByUserId: fx.ownerUserId });
    const pin = await opportunitiesEngine.pinOpportunity(fx, { opportunityId: idea.id }).catch((e: unknown) => e);
    expect(errorCode(pin)).toBe('conflict');
    const opened = await content
      .createPackageFromOpportunity(fx, { opportunityId: idea.id, channels: ['x'], createdByUserId: fx.ownerUserId })
      .catch((e: unknown) => e);
    expect(errorCode(opened)).toBe('not_found');
    expect(await kinds()).toEqual(['dismissed']);
  });

  it("lands in the mutation's transaction: when recording fails, the mutation is rolled back with it", async () => {
    const failing: Pick<DecisionsEngine, 'record'> = {
      record: async (scope, input, tx) => {
        await log.record(scope, input, tx);
        throw new Error('the log is unavailable');
      },
    };
    const breakingOpportunities = new OpportunitiesEngine(handle.db, { clock: time.clock, decisions: failing });
    const breakingContent = new ContentEngine(handle.db, {
      opportunities: breakingOpportunities,
      patterns,
      decisions: failing,
      clock: time.clock,
    });
    const idea = await newIdea('Atomic idea');

    await expect(breakingOpportunities.pinOpportunity(fx, { opportunityId: idea.id })).rejects.toThrow('unavailable');
    await expect(breakingOpportunities.dismissOpportunity(fx, { opportunityId: idea.id })).rejects.toThrow('unavailable');
    await expect(
      breakingOpportunities.snoozeOpportunity(fx, { opportunityId: idea.id, until: addDays(OPPORTUNITY_NOW, 1) }),
    ).rejects.toThrow('unavailable');
    const untouched = await opportunitiesEngine.getOpportunity(fx, { opportunityId: idea.id });
    expect(untouched).toMatchObject({ isPinned: false, dismissedAt: null, snoozedUntil: null });

    await expect(
      breakingContent.createPackageFromOpportunity(fx, { opportunityId: idea.id, channels: ['x'], createdByUserId: fx.ownerUserId }),
    ).rejects.toThrow('unavailable');
    expect(await content.listPackagesForBrand(fx)).toEqual([]);

    const { package: pkg } = await content.createPackageFromOpportunity(fx, {
      opportunityId: idea.id,
      channels: ['x'],
      createdByUserId: fx.ownerUserId,
    });
    const variant = await content.createVariant(fx, { packageId: pkg.id, channel: 'x', draftText: VALID_DRAFTS.x });
    await expect(breakingContent.updateVariantText(fx, { variantId: variant.id, text: 'Edited.' })).rejects.toThrow('unavailable');
    await expect(breakingContent.updatePackageStatus(fx, { packageId: pkg.id, status: 'in_review' })).rejects.toThrow('unavailable');
    const override = { reason: 'Went out before review.' };
    await expect(breakingContent.markVariantPublished(fx, { variantId: variant.id, externalPostId: 'p', override })).rejects.toThrow(
      'unavailable',
    );
    expect(await content.getVariant(fx, { variantId: variant.id })).toMatchObject({
      status: 'draft',
      text: VALID_DRAFTS.x,
      externalPostId: null,
    });
    expect(await content.getPackage(fx, { packageId: pkg.id })).toMatchObject({ status: 'draft' });

    // Only the package opened through the working engines left a decision.
    expect(await kinds()).toEqual(['opened_as_package']);
  });

  it("keeps each brand's log to itself", async () => {
    const other = await createTenantFixture(handle.db, 'Other Decisions Co');
    const idea = await newIdea('Mine');
    await opportunitiesEngine.pinOpportunity(fx, { opportunityId: idea.id, decidedByUserId: fx.ownerUserId });
    expect(await log.list(other)).toEqual([]);
    expect(await log.list({ tenantId: other.tenantId, brandId: fx.brandId })).toEqual([]);
    const stored = await handle.db.select().from(decisions).where(eq(decisions.brandId, fx.brandId));
    expect(stored.map((row) => row.tenantId)).toEqual([fx.tenantId]);
  });
});
