import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import {
  createContentEngine,
  FIXED_NOW,
  insertContentOpportunity,
  insertContentPackage,
  insertContentPattern,
} from '../../test/fixtures/content';
import { VALID_DRAFTS } from '../../test/fixtures/lifecycle';
import { contentPillars, opportunities, patternTemplates, personas } from '../db/schema';
import { PackageWorkspaceView } from './dto';
import type { ContentEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
let content: ContentEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Workspace Co');
  content = createContentEngine(handle.db);
});
afterAll(() => handle.close());

describe('getPackageWorkspaceView', () => {
  it('assembles the package, its opportunity, variants by channel, strategy, patterns and warnings', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx, { title: 'Audit season starts early' });
    const socialPattern = await insertContentPattern(handle.db, fx, { supportedChannels: ['linkedin', 'x'], avgEngagementScore: 80 });
    await insertContentPattern(handle.db, fx, { supportedChannels: ['linkedin', 'x'], status: 'retired' });
    const { package: pkg } = await content.createPackageFromOpportunity(fx, {
      opportunityId,
      channels: ['linkedin', 'x', 'newsletter'],
      createdByUserId: fx.ownerUserId,
    });
    const long = await content.createVariant(fx, { packageId: pkg.id, channel: 'linkedin', draftText: 'Long form.' });
    const short = await content.createVariant(fx, { packageId: pkg.id, channel: 'linkedin', draftText: 'Short form.' });
    const tweet = await content.createVariant(fx, { packageId: pkg.id, channel: 'x', draftText: 'a'.repeat(300) });
    const warnings = [{ channel: 'newsletter' as const, node: 'variants:newsletter', message: 'The model timed out.' }];

    const view = await content.getPackageWorkspaceView(fx, { packageId: pkg.id, warnings });

    expect(PackageWorkspaceView.parse(view)).toEqual(view);
    expect(view.package).toEqual(pkg);
    expect(view.opportunity).toMatchObject({ id: opportunityId, title: 'Audit season starts early', isSnoozed: false, scoreBand: 'high' });
    expect(Object.keys(view.variantsByChannel)).toEqual(['linkedin', 'x', 'newsletter']);
    expect(view.variantsByChannel.linkedin!.map((v) => v.id)).toEqual([long.id, short.id]);
    expect(view.variantsByChannel.x).toEqual([expect.objectContaining({ id: tweet.id, withinChannelLimit: false })]);
    expect(view.variantsByChannel.newsletter).toEqual([]);
    expect(view.strategy).toEqual({ toneTags: ['plainspoken', 'practical'], taboos: ['guaranteed returns', 'crypto'] });
    expect(Object.keys(view.recommendedPatterns)).toEqual(['linkedin', 'x', 'newsletter']);
    expect(view.recommendedPatterns.linkedin!.map((r) => r.pattern.id)).toEqual([socialPattern]);
    expect(view.recommendedPatterns.x!.map((r) => r.pattern.id)).toEqual([socialPattern]);
    expect(view.recommendedPatterns.newsletter).toEqual([]);
    expect(view.warnings).toEqual(warnings);
  });

  it('has no opportunity for a package made without one, and no warnings unless given', async () => {
    const packageId = await insertContentPackage(handle.db, fx, { channels: ['x'] });
    const view = await content.getPackageWorkspaceView(fx, { packageId });
    expect(view.opportunity).toBeNull();
    expect(view.warnings).toEqual([]);
    expect(view.variantsByChannel).toEqual({ x: [] });
  });

  it('still opens once the origin opportunity is deleted, showing it as null', async () => {
    const opportunityId = await insertContentOpportunity(handle.db, fx);
    const packageId = (await content.createPackageFromOpportunity(fx, { opportunityId, channels: ['x'], createdByUserId: fx.ownerUserId }))
      .package.id;
    const { id: variantId } = await content.createVariant(fx, { packageId, channel: 'x', draftText: VALID_DRAFTS.x });
    await content.updatePackageStatus(fx, { packageId, status: 'in_review' });
    await content.updatePackageStatus(fx, { packageId, status: 'approved' });
    await content.markVariantPublished(fx, { variantId, externalPostId: 'x-1' });
    await handle.db.update(opportunities).set({ deletedAt: FIXED_NOW }).where(eq(opportunities.id, opportunityId));
    const view = await content.getPackageWorkspaceView(fx, { packageId });
    expect(view.opportunity).toBeNull();
    expect(view.variantsByChannel.x).toEqual([expect.objectContaining({ status: 'published', externalPostId: 'x-1' })]);
  });

  it('still recommends patterns once the package pillar and persona are deleted', async () => {
    const brand = await createTenantFixture(handle.db, 'Reorganised Co');
    const patternId = await insertContentPattern(handle.db, brand, { supportedChannels: ['x'] });
    const packageId = await insertContentPackage(handle.db, brand, { channels: ['x'] });
    await handle.db.update(contentPillars).set({ deletedAt: FIXED_NOW }).where(eq(contentPillars.id, brand.pillarIds[0]));
    await handle.db.update(personas).set({ deletedAt: FIXED_NOW }).where(eq(personas.id, brand.personaIds[0]));
    const view = await content.getPackageWorkspaceView(brand, { packageId });
    expect(view.package).toMatchObject({ pillarId: brand.pillarIds[0], personaId: brand.personaIds[0] });
    expect(view.recommendedPatterns.x!.map((r) => r.pattern.id)).toEqual([patternId]);
  });

  it("names each variant's pattern, also once the pattern has left the channel's recommendations", async () => {
    const brand = await createTenantFixture(handle.db, 'Pattern Names Co');
    const patternId = await insertContentPattern(handle.db, brand, { supportedChannels: ['linkedin'], avgEngagementScore: 10 });
    await handle.db.update(patternTemplates).set({ name: 'Myth then fact' }).where(eq(patternTemplates.id, patternId));
    const packageId = await insertContentPackage(handle.db, brand, { channels: ['linkedin'] });
    const patterned = await content.createVariant(brand, {
      packageId,
      channel: 'linkedin',
      patternTemplateId: patternId,
      draftText: 'Myth: closing takes weeks.',
    });
    const plain = await content.createVariant(brand, { packageId, channel: 'linkedin', draftText: 'No pattern here.' });
    expect(patterned.patternName).toBe('Myth then fact');
    expect(plain.patternName).toBeNull();
    // Three better patterns push it out of the top three, and then it is retired.
    for (const score of [50, 60, 70])
      await insertContentPattern(handle.db, brand, { supportedChannels: ['linkedin'], avgEngagementScore: score });
    await handle.db.update(patternTemplates).set({ status: 'retired' }).where(eq(patternTemplates.id, patternId));

    const view = await content.getPackageWorkspaceView(brand, { packageId });
    expect(view.recommendedPatterns.linkedin!.map((r) => r.pattern.id)).not.toContain(patternId);
    expect(view.variantsByChannel.linkedin!.map((v) => [v.id, v.patternName])).toEqual([
      [patterned.id, 'Myth then fact'],
      [plain.id, null],
    ]);
    const edited = await content.updateVariantText(brand, { variantId: patterned.id, text: 'Myth: it takes weeks. Fact: days.' });
    expect(edited.patternName).toBe('Myth then fact');
    expect((await content.getVariant(brand, { variantId: plain.id })).patternName).toBeNull();
  });

  it('rejects a malformed warning', async () => {
    const packageId = await insertContentPackage(handle.db, fx);
    await expect(content.getPackageWorkspaceView(fx, { packageId, warnings: [{ node: '', message: 'x' }] })).rejects.toBeInstanceOf(
      ZodError,
    );
  });
});
