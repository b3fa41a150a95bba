import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageWorkspaceView } from '../../engines/content/dto';
import { errorViolations } from '../../engines/errors';
import { insertContentOpportunity, insertContentPattern } from '../../test/fixtures/content';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';
import { isStillBuilding } from '../orchestrator/flows/package-replay';
import { createInnerContext } from './init';
import { appRouter } from './root';

const bed = twoTenantBed({ tenant: 'Lifecycle Procedures Co', other: 'Other Lifecycle Co' });
beforeAll(async () => {
  await insertContentPattern(bed.handle.db, bed.fx, { supportedChannels: ['linkedin', 'x'] });
});

/** A package F2 opens for a fresh idea of the brand, through the procedure a person uses. */
async function openPackage(channels: ('linkedin' | 'x')[] = ['linkedin']): Promise<PackageWorkspaceView> {
  const opportunityId = await insertContentOpportunity(bed.handle.db, bed.fx);
  const answer = await bed.as(bed.owner).packages.createFromOpportunity({ brandId: bed.fx.brandId, opportunityId, channels });
  if (isStillBuilding(answer)) throw new Error('expected the workspace');
  return answer;
}

describe('the package lifecycle through the procedures', () => {
  it('walks review, approval, a schedule on the brand’s clock, reschedule, unschedule, publication, archive and restore', async () => {
    const api = bed.as(bed.owner);
    const brandId = bed.fx.brandId;
    const created = await openPackage();
    const packageId = created.package.id;
    const variantId = created.variantsByChannel.linkedin![0]!.id;
    expect((await api.packages.setStatus({ brandId, packageId, status: 'in_review' })).package.status).toBe('in_review');
    const approved = await api.packages.setStatus({ brandId, packageId, status: 'approved' });
    expect(approved.package.status).toBe('approved');
    expect(approved.variantsByChannel.linkedin!.every((variant) => variant.status === 'approved')).toBe(true);

    await api.brands.update({ brandId, timeZone: 'Europe/Berlin' });
    const winter = await api.variants.schedule({ brandId, variantId, scheduledFor: '2099-01-15T09:00' });
    expect(winter).toMatchObject({ status: 'scheduled', scheduledPublishAt: new Date('2099-01-15T08:00:00Z') });
    expect((await api.packages.workspace({ brandId, packageId })).package.status).toBe('scheduled');
    const summer = await api.variants.schedule({ brandId, variantId, scheduledFor: '2099-07-15T09:00' });
    expect(summer.scheduledPublishAt).toEqual(new Date('2099-07-15T07:00:00Z'));
    expect(await api.variants.unschedule({ brandId, variantId })).toMatchObject({ status: 'approved', scheduledPublishAt: null });
    expect((await api.packages.workspace({ brandId, packageId })).package.status).toBe('approved');

    const postUrl = 'https://www.linkedin.com/feed/update/urn:li:share:7001';
    expect(await api.variants.markPublished({ brandId, variantId, postUrl })).toMatchObject({ status: 'published', postUrl });
    expect((await api.packages.workspace({ brandId, packageId })).package.status).toBe('published');

    expect((await api.packages.archive({ brandId, packageId })).package).toMatchObject({ status: 'archived', archivedFrom: 'published' });
    expect((await api.packages.restore({ brandId, packageId })).package).toMatchObject({ status: 'published', archivedFrom: null });

    const history = await api.packages.history({ brandId, packageId });
    expect(history.map((entry) => entry.kind)).toEqual([
      'restored',
      'archived',
      'variant_published',
      'variant_unscheduled',
      'variant_rescheduled',
      'variant_scheduled',
      'approved',
      'sent_to_review',
      'opened_as_package',
    ]);
    expect(history.every((entry) => entry.userName === 'Lifecycle Procedures Co owner')).toBe(true);
    expect(history.find((entry) => entry.kind === 'variant_rescheduled')!.reason).toBe('for Wed, 15 Jul 2099, 09:00 (Europe/Berlin)');
  });

  it('refuses review with a taboo in a person’s edit, listing it, until an override gives a reason; the history keeps both', async () => {
    const api = bed.as(bed.owner);
    const brandId = bed.fx.brandId;
    const created = await openPackage();
    const packageId = created.package.id;
    const variantId = created.variantsByChannel.linkedin![0]!.id;
    const tabooEdit = `${created.variantsByChannel.linkedin![0]!.text}\n\nThis is not about crypto, we promise.`;
    await api.variants.update({ brandId, variantId, text: tabooEdit });

    const refused = await rejection(api.packages.setStatus({ brandId, packageId, status: 'in_review' }));
    expect(refused.code).toBe('CONFLICT');
    const violations = errorViolations(refused.cause);
    expect(violations).toContainEqual(expect.stringMatching(/^LinkedIn draft( 1)?: mentions the taboo "crypto"$/));
    expect(refused.message).toContain('give an override with a reason');
    expect((await api.packages.workspace({ brandId, packageId })).package.status).toBe('draft');

    const reason = 'We say what we do not do; legal agreed.';
    expect((await api.packages.setStatus({ brandId, packageId, status: 'in_review', override: { reason } })).package.status).toBe(
      'in_review',
    );
    expect((await api.packages.history({ brandId, packageId }))[0]).toMatchObject({
      kind: 'sent_to_review',
      reason,
      overridden: violations,
    });
  });

  it('sends the violations to the client over HTTP, beside the message, for the override dialog', async () => {
    const created = await openPackage();
    const variant = created.variantsByChannel.linkedin![0]!;
    await bed.as(bed.owner).variants.update({ brandId: bed.fx.brandId, variantId: variant.id, text: `${variant.text}\n\nNo crypto here.` });
    const input = { brandId: bed.fx.brandId, packageId: created.package.id, status: 'in_review' };
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request('http://localhost/api/trpc/packages.setStatus', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(superjson.serialize(input)),
      }),
      router: appRouter,
      createContext: () => createInnerContext({ system: bed.system, viewer: bed.owner }),
    });
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: { json: { data: { code: string; violations: string[] | null } } } };
    expect(body.error.json.data.code).toBe('CONFLICT');
    expect(body.error.json.data.violations).toContainEqual(expect.stringMatching(/mentions the taboo "crypto"$/));
  });

  it('answers BAD_REQUEST or CONFLICT for a step the rules refuse, and changes nothing', async () => {
    const api = bed.as(bed.owner);
    const brandId = bed.fx.brandId;
    const created = await openPackage();
    const packageId = created.package.id;
    const variantId = created.variantsByChannel.linkedin![0]!.id;
    expect(await codeOf(api.variants.schedule({ brandId, variantId, scheduledFor: '2099-01-15T09:00' }))).toBe('CONFLICT');
    expect(await codeOf(api.packages.setStatus({ brandId, packageId, status: 'approved' }))).toBe('CONFLICT');
    await api.packages.setStatus({ brandId, packageId, status: 'in_review' });
    const noNote = await rejection(api.packages.setStatus({ brandId, packageId, status: 'draft' }));
    expect({ code: noNote.code, message: noNote.message }).toEqual({
      code: 'BAD_REQUEST',
      message: 'note: say why the package goes back to draft',
    });
    await api.packages.setStatus({ brandId, packageId, status: 'approved' });
    expect(await codeOf(api.variants.schedule({ brandId, variantId, scheduledFor: 'next tuesday' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.variants.schedule({ brandId, variantId, scheduledFor: '2020-01-15T09:00' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.variants.markPublished({ brandId, variantId, postUrl: 'javascript:alert(1)' }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.variants.markPublished({ brandId, variantId }))).toBe('BAD_REQUEST');
    expect(await codeOf(api.variants.unschedule({ brandId, variantId }))).toBe('CONFLICT');
    expect(await codeOf(api.packages.restore({ brandId, packageId }))).toBe('CONFLICT');
    await api.packages.archive({ brandId, packageId });
    expect(await codeOf(api.packages.archive({ brandId, packageId }))).toBe('CONFLICT');
    expect(await codeOf(api.brands.update({ brandId, timeZone: 'Mars/Olympus' }))).toBe('BAD_REQUEST');
    const after = await api.packages.workspace({ brandId, packageId });
    expect(after.package.status).toBe('archived');
    expect(after.variantsByChannel.linkedin![0]).toMatchObject({ status: 'approved', scheduledPublishAt: null, postUrl: null });
  });

  it("answers NOT_FOUND for another tenant's package or variant, and leaves them as they were", async () => {
    const api = bed.as(bed.owner);
    const created = await openPackage();
    const packageId = created.package.id;
    const variantId = created.variantsByChannel.linkedin![0]!.id;
    await api.packages.setStatus({ brandId: bed.fx.brandId, packageId, status: 'in_review' });
    const stranger = bed.as(bed.otherOwner);
    const brandId = bed.other.brandId;
    const calls: (() => Promise<unknown>)[] = [
      () => stranger.packages.setStatus({ brandId, packageId, status: 'approved' }),
      () => stranger.packages.archive({ brandId, packageId }),
      () => stranger.packages.restore({ brandId, packageId }),
      () => stranger.packages.history({ brandId, packageId }),
      () => stranger.packages.history({ brandId: bed.fx.brandId, packageId }),
      () => stranger.variants.approve({ brandId, variantId }),
      () => stranger.variants.reject({ brandId, variantId }),
      () => stranger.variants.schedule({ brandId, variantId, scheduledFor: '2099-01-15T09:00' }),
      () => stranger.variants.unschedule({ brandId, variantId }),
      () => stranger.variants.markPublished({ brandId, variantId, postUrl: 'https://x.com/stolen/status/1' }),
    ];
    for (const call of calls) expect(await codeOf(call())).toBe('NOT_FOUND');
    const after = await api.packages.workspace({ brandId: bed.fx.brandId, packageId });
    expect(after.package.status).toBe('in_review');
    expect(after.variantsByChannel.linkedin![0]!.status).toBe(created.variantsByChannel.linkedin![0]!.status);
    expect((await api.packages.history({ brandId: bed.fx.brandId, packageId })).map((entry) => entry.kind)).toEqual([
      'sent_to_review',
      'opened_as_package',
    ]);
  });
});
