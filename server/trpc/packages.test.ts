import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageWorkspaceView } from '../../engines/content/dto';
import { contentPackages, variants } from '../../engines/db/schema';
import { insertContentOpportunity, insertContentPattern } from '../../test/fixtures/content';
import { VALID_DRAFTS } from '../../test/fixtures/lifecycle';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';
import { isStillBuilding, type PackageBuildAnswer } from '../orchestrator/flows/package-replay';

const bed = twoTenantBed({ tenant: 'Procedures Co', other: 'Other Co' });
beforeAll(async () => {
  await insertContentPattern(bed.handle.db, bed.fx, { supportedChannels: ['linkedin', 'x', 'newsletter'] });
});

/** A build without a key never has a duplicate to wait for: its answer is the workspace. */
function workspaceOf(answer: PackageBuildAnswer): PackageWorkspaceView {
  if (isStillBuilding(answer)) throw new Error(`expected a workspace, got progress ${JSON.stringify(answer.building)}`);
  return answer;
}

async function createPackage(channels: ('linkedin' | 'x' | 'newsletter')[] = ['linkedin', 'x']) {
  const opportunityId = await insertContentOpportunity(bed.handle.db, bed.fx);
  return workspaceOf(await bed.as(bed.owner).packages.createFromOpportunity({ brandId: bed.fx.brandId, opportunityId, channels }));
}

describe('packages and variants procedures', () => {
  it('create → workspace → edit → review → publish, through the procedures', async () => {
    const created = await createPackage();
    const api = bed.as(bed.owner);
    const view = await api.packages.workspace({ brandId: bed.fx.brandId, packageId: created.package.id });
    expect(view.package.id).toBe(created.package.id);
    const variant = view.variantsByChannel.linkedin![0]!;
    const edited = await api.variants.update({ brandId: bed.fx.brandId, variantId: variant.id, text: VALID_DRAFTS.linkedin });
    expect(edited).toMatchObject({ status: 'edited', text: VALID_DRAFTS.linkedin });
    expect(
      (await api.packages.setStatus({ brandId: bed.fx.brandId, packageId: view.package.id, status: 'in_review' })).package.status,
    ).toBe('in_review');
    // Never approved: it goes out only with an override, whose reason the package's history keeps.
    expect(
      await codeOf(api.variants.markPublished({ brandId: bed.fx.brandId, variantId: variant.id, externalPostId: 'urn:li:share:1' })),
    ).toBe('CONFLICT');
    const override = { reason: 'Posted from the event stage.' };
    const published = await api.variants.markPublished({
      brandId: bed.fx.brandId,
      variantId: variant.id,
      externalPostId: 'urn:li:share:1',
      override,
    });
    expect(published).toMatchObject({ status: 'published', externalPostId: 'urn:li:share:1' });
    expect((await api.packages.history({ brandId: bed.fx.brandId, packageId: view.package.id }))[0]).toMatchObject({
      kind: 'variant_published',
      reason: 'Posted from the event stage.',
      overridden: ['LinkedIn draft 1: was never approved'],
    });
  });

  it('ten concurrent identical requests make one package, and report its progress', async () => {
    const opportunityId = await insertContentOpportunity(bed.handle.db, bed.fx);
    const idempotencyKey = randomUUID();
    const request = { brandId: bed.fx.brandId, opportunityId, channels: ['linkedin', 'x'] as ('linkedin' | 'x')[], idempotencyKey };
    const answers = await Promise.all(Array.from({ length: 10 }, () => bed.as(bed.owner).packages.createFromOpportunity(request)));
    // A duplicate that waited its few seconds while the build went on answers with its progress instead.
    const views = answers.filter((a) => !isStillBuilding(a)) as PackageWorkspaceView[];
    for (const answer of answers.filter(isStillBuilding)) expect(answer.building.status).toBe('running');
    expect(views.length).toBeGreaterThanOrEqual(1);
    expect(new Set(views.map((v) => v.package.id)).size).toBe(1);
    const rows = await bed.handle.db
      .select()
      .from(contentPackages)
      .where(and(eq(contentPackages.brandId, bed.fx.brandId), eq(contentPackages.idempotencyKey, idempotencyKey)));
    expect(rows).toHaveLength(1);
    const stored = await bed.handle.db.select().from(variants).where(eq(variants.packageId, rows[0]!.id));
    const final = await bed.as(bed.owner).packages.workspace({ brandId: bed.fx.brandId, packageId: rows[0]!.id });
    expect(stored).toHaveLength(final.variantsByChannel.linkedin!.length + final.variantsByChannel.x!.length);
    expect(stored.length).toBeLessThanOrEqual(6);
    // Every caller, also those that lost the race to the first, lands on the complete workspace.
    for (const view of views) expect(view.variantsByChannel).toEqual(final.variantsByChannel);

    const progress = await bed
      .as(bed.owner)
      .packages.buildProgress({ brandId: bed.fx.brandId, idempotencyKey, channels: ['linkedin', 'x'] });
    expect(progress).toMatchObject({ status: 'succeeded', packageId: rows[0]!.id });
    expect(progress.channels.map((c) => c.state)).toEqual(['saved', 'saved']);

    const reused = { ...request, channels: ['linkedin'] as 'linkedin'[] };
    expect(await codeOf(bed.as(bed.owner).packages.createFromOpportunity(reused))).toBe('CONFLICT');
  });

  it("answers NOT_FOUND for another tenant's brand, opportunity, package or variant", async () => {
    const created = await createPackage(['linkedin']);
    const variantId = created.variantsByChannel.linkedin![0]!.id;
    const stranger = bed.as(bed.otherOwner);
    const foreignOpportunity = await insertContentOpportunity(bed.handle.db, bed.other);
    expect(await codeOf(stranger.packages.workspace({ brandId: bed.fx.brandId, packageId: created.package.id }))).toBe('NOT_FOUND');
    expect(await codeOf(stranger.packages.workspace({ brandId: bed.other.brandId, packageId: created.package.id }))).toBe('NOT_FOUND');
    expect(
      await codeOf(
        stranger.packages.regenerateVariants({ brandId: bed.other.brandId, packageId: created.package.id, channel: 'linkedin' }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(stranger.packages.setStatus({ brandId: bed.other.brandId, packageId: created.package.id, status: 'in_review' })),
    ).toBe('NOT_FOUND');
    expect(await codeOf(stranger.variants.update({ brandId: bed.other.brandId, variantId, text: 'mine now' }))).toBe('NOT_FOUND');
    expect(await codeOf(stranger.variants.markPublished({ brandId: bed.other.brandId, variantId, externalPostId: 'x-1' }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(
        bed
          .as(bed.owner)
          .packages.createFromOpportunity({ brandId: bed.fx.brandId, opportunityId: foreignOpportunity, channels: ['linkedin'] }),
      ),
    ).toBe('NOT_FOUND');
    const untouched = await bed.as(bed.owner).packages.workspace({ brandId: bed.fx.brandId, packageId: created.package.id });
    expect(untouched.variantsByChannel.linkedin![0]!.text).toBe(created.variantsByChannel.linkedin![0]!.text);
    const strayPackages = await bed.handle.db
      .select()
      .from(contentPackages)
      .where(eq(contentPackages.originOpportunityId, foreignOpportunity));
    expect(strayPackages).toEqual([]);
  });

  it('answers BAD_REQUEST for bad input and changes nothing', async () => {
    const created = await createPackage(['linkedin']);
    const api = bed.as(bed.owner);
    const opportunityId = await insertContentOpportunity(bed.handle.db, bed.fx);
    const base = { brandId: bed.fx.brandId, opportunityId };
    expect(await codeOf(api.packages.createFromOpportunity({ ...base, channels: [] }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.packages.createFromOpportunity({ ...base, channels: ['fax' as 'x'] }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.packages.createFromOpportunity({ ...base, channels: ['x', 'x'] }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.packages.createFromOpportunity({ ...base, opportunityId: 'nope', channels: ['x'] }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.packages.workspace({ brandId: bed.fx.brandId, packageId: 'nope' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.packages.regenerateVariants({ brandId: bed.fx.brandId, packageId: created.package.id, channel: 'x' }))).toBe(
      'BAD_REQUEST',
    );
    expect(
      await codeOf(api.packages.setStatus({ brandId: bed.fx.brandId, packageId: created.package.id, status: 'done' as 'draft' })),
    ).toBe('BAD_REQUEST');
    const variantId = created.variantsByChannel.linkedin![0]!.id;
    expect(await codeOf(api.variants.update({ brandId: bed.fx.brandId, variantId, text: '' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.variants.markPublished({ brandId: bed.fx.brandId, variantId, externalPostId: '  ' }))).toBe('BAD_REQUEST');
    expect(await bed.handle.db.select().from(contentPackages).where(eq(contentPackages.originOpportunityId, opportunityId))).toEqual([]);
    const after = await api.packages.workspace({ brandId: bed.fx.brandId, packageId: created.package.id });
    expect(after.variantsByChannel.linkedin).toEqual(created.variantsByChannel.linkedin);
  });

  it('answers BAD_REQUEST for a publication time before 2000, even one PostgreSQL cannot store', async () => {
    const created = await createPackage(['linkedin']);
    const variantId = created.variantsByChannel.linkedin![0]!.id;
    for (const publishedAt of [new Date('1999-12-31T23:59:59Z'), new Date(-8e15)]) {
      const error = await rejection(
        bed.as(bed.owner).variants.markPublished({ brandId: bed.fx.brandId, variantId, externalPostId: 'urn:li:share:old', publishedAt }),
      );
      expect({ code: error.code, message: error.message }).toEqual({
        code: 'BAD_REQUEST',
        message: 'publishedAt cannot lie before 2000-01-01',
      });
    }
    const after = await bed.as(bed.owner).packages.workspace({ brandId: bed.fx.brandId, packageId: created.package.id });
    expect(after.variantsByChannel.linkedin![0]).toMatchObject({ status: 'draft', publishedAt: null });
  });

  it('refuses a status move the package cannot make with CONFLICT', async () => {
    const created = await createPackage(['linkedin']);
    expect(
      await codeOf(bed.as(bed.owner).packages.setStatus({ brandId: bed.fx.brandId, packageId: created.package.id, status: 'published' })),
    ).toBe('CONFLICT');
  });
});
