import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { createContentEngine, FIXED_NOW } from '../../test/fixtures/content';
import { VALID_DRAFTS, walkPackageTo, wallTimeDaysAfter } from '../../test/fixtures/lifecycle';
import { BrandBrainEngine } from '../brand-brain/engine';
import type { PackageStatus } from '../enums';
import { errorViolations, InvariantViolationError, NotFoundError, OverrideRequiredError } from '../errors';
import type { ContentEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
let content: ContentEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Lifecycle Co');
  content = createContentEngine(handle.db);
});
afterAll(() => handle.close());

const by = () => ({ decidedByUserId: fx.ownerUserId });
const walk = (status: PackageStatus, options: Partial<Parameters<typeof walkPackageTo>[4]> = {}) =>
  walkPackageTo(handle.db, content, fx, status, { now: FIXED_NOW, ...options });

async function refusal(promise: Promise<unknown>): Promise<InvariantViolationError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvariantViolationError);
  return error as InvariantViolationError;
}

describe('walking a package from draft to published', () => {
  it('moves through review, approval, schedule, reschedule, unschedule and publication, each step in the history', async () => {
    const { packageId, variantIds } = await walk('draft');
    const [linkedin, x] = variantIds as [string, string];
    expect((await content.updatePackageStatus(fx, { packageId, status: 'in_review', ...by() })).status).toBe('in_review');
    expect((await content.updatePackageStatus(fx, { packageId, status: 'approved', ...by() })).status).toBe('approved');
    // The package's approval approves its drafts, with the text they had.
    expect(await content.getVariant(fx, { variantId: linkedin })).toMatchObject({
      status: 'approved',
      approvedText: VALID_DRAFTS.linkedin,
    });

    const first = await content.scheduleVariant(fx, { variantId: linkedin, scheduledFor: wallTimeDaysAfter(FIXED_NOW, 2), ...by() });
    expect(first).toMatchObject({ status: 'scheduled', scheduledPublishAt: new Date('2026-03-17T09:00:00Z') });
    expect((await content.getPackage(fx, { packageId })).status).toBe('scheduled');
    const moved = await content.scheduleVariant(fx, {
      variantId: linkedin,
      scheduledFor: wallTimeDaysAfter(FIXED_NOW, 3, '14:30'),
      ...by(),
    });
    expect(moved.scheduledPublishAt).toEqual(new Date('2026-03-18T14:30:00Z'));

    expect(await content.unscheduleVariant(fx, { variantId: linkedin, ...by() })).toMatchObject({
      status: 'approved',
      scheduledPublishAt: null,
    });
    expect((await content.getPackage(fx, { packageId })).status).toBe('approved');

    await content.scheduleVariant(fx, { variantId: x, scheduledFor: wallTimeDaysAfter(FIXED_NOW, 1), ...by() });
    const published = await content.markVariantPublished(fx, { variantId: x, postUrl: 'https://x.com/fixture/status/1', ...by() });
    expect(published).toMatchObject({
      status: 'published',
      postUrl: 'https://x.com/fixture/status/1',
      externalPostId: 'https://x.com/fixture/status/1',
      publishedAt: FIXED_NOW,
    });
    expect((await content.getPackage(fx, { packageId })).status).toBe('published');

    const history = await content.getPackageHistory(fx, { packageId });
    expect(history.map((entry) => entry.kind)).toEqual([
      'variant_published',
      'variant_scheduled',
      'variant_unscheduled',
      'variant_rescheduled',
      'variant_scheduled',
      'approved',
      'sent_to_review',
    ]);
    expect(history[0]).toMatchObject({
      userId: fx.ownerUserId,
      userName: 'Lifecycle Co owner',
      variantId: x,
      channel: 'x',
      overridden: [],
    });
    expect(history.find((entry) => entry.kind === 'variant_rescheduled')!.reason).toBe('for Wed, 18 Mar 2026, 14:30 (UTC)');
  });

  it('sends a package back to draft only with a note, which the history keeps, and takes its drafts’ approval back', async () => {
    const { packageId, variantIds } = await walk('approved');
    const noNote = await refusal(content.updatePackageStatus(fx, { packageId, status: 'draft', ...by() }));
    expect({ kind: noNote.kind, message: noNote.message }).toEqual({
      kind: 'input',
      message: 'note: say why the package goes back to draft',
    });
    await content.updatePackageStatus(fx, { packageId, status: 'draft', note: 'The hook is too soft.', ...by() });
    expect(await content.getVariant(fx, { variantId: variantIds[0]! })).toMatchObject({ status: 'draft', approvedText: null });
    expect((await content.getPackageHistory(fx, { packageId }))[0]).toMatchObject({
      kind: 'sent_back_to_draft',
      reason: 'The hook is too soft.',
    });
  });

  it('approves a draft edited after the package’s approval on its own, and takes the approval back on an edit', async () => {
    const { variantIds } = await walk('approved');
    const edited = await content.updateVariantText(fx, { variantId: variantIds[0]!, text: `${VALID_DRAFTS.linkedin} Tell us.`, ...by() });
    expect(edited).toMatchObject({ status: 'edited', approvedText: null });
    const approved = await content.approveVariant(fx, { variantId: variantIds[0]!, ...by() });
    expect(approved).toMatchObject({ status: 'approved', approvedText: `${VALID_DRAFTS.linkedin} Tell us.` });
  });

  it('refuses to edit a scheduled variant until it is unscheduled', async () => {
    const { variantIds } = await walk('scheduled');
    const error = await refusal(content.updateVariantText(fx, { variantId: variantIds[0]!, text: 'Another text entirely, long enough.' }));
    expect(error.message).toBe('A scheduled variant cannot be edited; unschedule it first');
  });
});

describe('refusals', () => {
  it.each<[PackageStatus, PackageStatus]>([
    ['draft', 'approved'],
    ['approved', 'in_review'],
    ['draft', 'scheduled'],
    ['approved', 'scheduled'],
    ['in_review', 'published'],
    ['scheduled', 'draft'],
    ['published', 'approved'],
    ['archived', 'draft'],
  ])('refuses %s → %s as a state violation, leaving the package as it was', async (from, to) => {
    const { packageId } = await walk(from);
    const error = await refusal(content.updatePackageStatus(fx, { packageId, status: to, note: 'why', ...by() }));
    expect(error.kind).toBe('state');
    expect((await content.getPackage(fx, { packageId })).status).toBe(from);
  });

  it('returns the package unchanged when the status is the same', async () => {
    const { packageId } = await walk('in_review');
    const before = await content.getPackage(fx, { packageId });
    expect(await content.updatePackageStatus(fx, { packageId, status: 'in_review', ...by() })).toEqual(before);
  });

  it('refuses to approve a package with no open draft', async () => {
    const { packageId } = await walk('in_review', { draftsPerChannel: 0 });
    expect((await refusal(content.updatePackageStatus(fx, { packageId, status: 'approved', ...by() }))).message).toMatch(
      /at least one draft/,
    );
  });

  it.each<PackageStatus>(['draft', 'in_review'])('refuses to schedule a draft of a package in %s', async (status) => {
    const { variantIds } = await walk(status);
    const error = await refusal(content.scheduleVariant(fx, { variantId: variantIds[0]!, scheduledFor: wallTimeDaysAfter(FIXED_NOW, 2) }));
    expect(error.message).toBe('Approve the package before scheduling its drafts');
  });

  it('refuses a schedule in the past or at a time the brand’s clock skips, as bad input', async () => {
    const { variantIds } = await walk('approved');
    const past = await refusal(content.scheduleVariant(fx, { variantId: variantIds[0]!, scheduledFor: '2026-03-15T11:59' }));
    expect(past.kind).toBe('input');
    expect(past.message).toMatch(/^scheduledFor: must lie in the future/);
    await expect(content.scheduleVariant(fx, { variantId: variantIds[0]!, scheduledFor: 'tomorrow 9am' })).rejects.toBeInstanceOf(ZodError);
    expect((await content.getVariant(fx, { variantId: variantIds[0]! })).status).toBe('approved');
  });

  it('refuses to publish a draft that was never approved without an override, and records the override', async () => {
    const { packageId, variantIds } = await walk('in_review');
    const error = await refusal(content.markVariantPublished(fx, { variantId: variantIds[1]!, postUrl: 'https://x.com/a/status/2' }));
    expect(error).toBeInstanceOf(OverrideRequiredError);
    expect(errorViolations(error)).toEqual(['X draft: was never approved']);
    expect((await content.getVariant(fx, { variantId: variantIds[1]! })).status).toBe('draft');
    await content.markVariantPublished(fx, {
      variantId: variantIds[1]!,
      postUrl: 'https://x.com/a/status/2',
      override: { reason: 'Posted live during the event.' },
      ...by(),
    });
    expect((await content.getPackage(fx, { packageId })).status).toBe('published');
    expect((await content.getPackageHistory(fx, { packageId }))[0]).toMatchObject({
      kind: 'variant_published',
      reason: 'Posted live during the event.',
      overridden: ['X draft: was never approved'],
    });
  });

  it('refuses a mark published without a link or post id, and a link that is not http(s)', async () => {
    const { variantIds } = await walk('approved');
    const error = await refusal(content.markVariantPublished(fx, { variantId: variantIds[0]! }));
    expect({ kind: error.kind, message: error.message }).toEqual({
      kind: 'input',
      message: 'postUrl: give the link to the post (or the platform post id)',
    });
    await expect(content.markVariantPublished(fx, { variantId: variantIds[0]!, postUrl: 'javascript:alert(1)' })).rejects.toBeInstanceOf(
      ZodError,
    );
  });

  it('refuses to unschedule a variant that is not scheduled', async () => {
    const { variantIds } = await walk('approved');
    expect((await refusal(content.unscheduleVariant(fx, { variantId: variantIds[0]! }))).message).toBe(
      'A approved variant is not scheduled',
    );
  });
});

describe('rejecting a draft', () => {
  it('sets a draft aside with its note, refuses a scheduled or published one, and repeats harmlessly', async () => {
    const { packageId, variantIds } = await walk('scheduled', { channels: ['linkedin'], draftsPerChannel: 3 });
    const [scheduled, spare, other] = variantIds as [string, string, string];
    expect(await content.rejectVariant(fx, { variantId: spare, note: 'Too close to the first.', ...by() })).toMatchObject({
      status: 'rejected',
    });
    expect((await content.rejectVariant(fx, { variantId: spare })).status).toBe('rejected');
    expect((await content.getPackageHistory(fx, { packageId }))[0]).toMatchObject({
      kind: 'variant_rejected',
      variantId: spare,
      reason: 'Too close to the first.',
    });
    expect((await refusal(content.rejectVariant(fx, { variantId: scheduled }))).message).toBe('Unschedule the variant before rejecting it');
    await content.markVariantPublished(fx, { variantId: other, postUrl: 'https://www.linkedin.com/feed/update/urn:li:share:9' });
    expect((await refusal(content.rejectVariant(fx, { variantId: other }))).message).toBe('A published variant cannot be rejected');
    expect((await refusal(content.approveVariant(fx, { variantId: spare }))).message).toBe('A rejected variant cannot be approved');
  });
});

describe('archive and restore', () => {
  it.each<PackageStatus>(['draft', 'in_review', 'approved', 'scheduled', 'published'])(
    'archives a %s package and restores it to that state',
    async (status) => {
      const { packageId } = await walk(status);
      expect((await content.archivePackage(fx, { packageId, ...by() })).status).toBe('archived');
      expect((await content.restorePackage(fx, { packageId, ...by() })).status).toBe(status);
      expect((await content.getPackageHistory(fx, { packageId })).slice(0, 2).map((entry) => entry.kind)).toEqual(['restored', 'archived']);
    },
  );

  it('refuses to archive twice, to restore what is not archived, and every move of an archived package', async () => {
    const { packageId, variantIds } = await walk('archived');
    expect((await refusal(content.archivePackage(fx, { packageId }))).message).toBe('The package is already archived');
    expect((await refusal(content.updatePackageStatus(fx, { packageId, status: 'archived' }))).message).toBe(
      'The package is already archived',
    );
    const restoreFirst = 'The package is archived; restore it first';
    expect((await refusal(content.updatePackageStatus(fx, { packageId, status: 'draft', note: 'x' }))).message).toBe(restoreFirst);
    expect(
      (await refusal(content.scheduleVariant(fx, { variantId: variantIds[0]!, scheduledFor: wallTimeDaysAfter(FIXED_NOW, 2) }))).message,
    ).toBe(restoreFirst);
    expect((await refusal(content.markVariantPublished(fx, { variantId: variantIds[0]!, externalPostId: 'p-1' }))).message).toBe(
      restoreFirst,
    );
    await content.restorePackage(fx, { packageId });
    expect((await refusal(content.restorePackage(fx, { packageId }))).message).toBe('Only an archived package can be restored');
  });
});

describe('overrides of the hard rules', () => {
  const tabooDraft = 'Our crypto desk closes the books in three days, and yours could too. What would you do with the week back?';

  it('refuses to send a draft with a taboo to review, listing it; an override with a reason goes ahead and is recorded', async () => {
    const { packageId } = await walk('draft', { channels: ['x'], texts: { x: tabooDraft } });
    const error = await refusal(content.updatePackageStatus(fx, { packageId, status: 'in_review', ...by() }));
    expect(error).toBeInstanceOf(OverrideRequiredError);
    expect(error.kind).toBe('state');
    expect(errorViolations(error)).toEqual(['X draft: mentions the taboo "crypto"']);
    expect((await content.getPackage(fx, { packageId })).status).toBe('draft');

    await content.updatePackageStatus(fx, { packageId, status: 'in_review', override: { reason: 'Quoting a customer.' }, ...by() });
    const error2 = await refusal(content.updatePackageStatus(fx, { packageId, status: 'approved', ...by() }));
    expect(errorViolations(error2)).toEqual(['X draft: mentions the taboo "crypto"']);
    await content.updatePackageStatus(fx, { packageId, status: 'approved', override: { reason: 'Legal signed it off.' }, ...by() });
    const history = await content.getPackageHistory(fx, { packageId });
    expect(history.map(({ kind, reason, overridden }) => ({ kind, reason, overridden }))).toEqual([
      { kind: 'approved', reason: 'Legal signed it off.', overridden: ['X draft: mentions the taboo "crypto"'] },
      { kind: 'sent_to_review', reason: 'Quoting a customer.', overridden: ['X draft: mentions the taboo "crypto"'] },
    ]);
  });

  it('asks again when a draft over the channel limit is scheduled, naming which of the channel’s drafts', async () => {
    const long = `${VALID_DRAFTS.x} ${'More detail follows here. '.repeat(12)}`.slice(0, 400);
    const { packageId, variantIds } = await walk('draft', { channels: ['x'], draftsPerChannel: 2 });
    await content.updatePackageStatus(fx, { packageId, status: 'in_review' });
    await content.updatePackageStatus(fx, { packageId, status: 'approved' });
    await content.updateVariantText(fx, { variantId: variantIds[1]!, text: long });
    const error = await refusal(content.approveVariant(fx, { variantId: variantIds[1]! }));
    expect(errorViolations(error)).toEqual([
      `X draft 2: is ${long.length} characters, over the x limit of 280`,
      expect.stringMatching(/^X draft 2: repeats the sentence/),
    ]);
    const scheduled = content.scheduleVariant(fx, { variantId: variantIds[1]!, scheduledFor: wallTimeDaysAfter(FIXED_NOW, 2) });
    expect(errorViolations(await refusal(scheduled))![0]).toBe('X draft 2: was never approved');
    const withOverride = await content.scheduleVariant(fx, {
      variantId: variantIds[1]!,
      scheduledFor: wallTimeDaysAfter(FIXED_NOW, 2),
      override: { reason: 'A thread; we split it when posting.' },
    });
    expect(withOverride.status).toBe('scheduled');
  });
});

describe('the brand’s time zone', () => {
  it('stores a schedule at 09:00 Europe/Berlin as 08:00 UTC in winter and 07:00 UTC in summer time', async () => {
    const berlin = await createTenantFixture(handle.db, 'Berlin Co');
    await new BrandBrainEngine(handle.db).updateBrand(berlin, { timeZone: 'Europe/Berlin' });
    const { variantIds } = await walkPackageTo(handle.db, content, berlin, 'approved', { now: FIXED_NOW });
    const winter = await content.scheduleVariant(berlin, { variantId: variantIds[0]!, scheduledFor: '2026-03-20T09:00' });
    expect(winter.scheduledPublishAt).toEqual(new Date('2026-03-20T08:00:00Z'));
    const summer = await content.scheduleVariant(berlin, { variantId: variantIds[1]!, scheduledFor: '2026-04-02T09:00' });
    expect(summer.scheduledPublishAt).toEqual(new Date('2026-04-02T07:00:00Z'));
    const skipped = await refusal(content.scheduleVariant(berlin, { variantId: variantIds[0]!, scheduledFor: '2026-03-29T02:30' }));
    expect({ kind: skipped.kind, message: skipped.message }).toEqual({
      kind: 'input',
      message: 'scheduledFor: 2026-03-29T02:30 is no time that exists in Europe/Berlin',
    });
  });

  it('refuses a time zone that is not an IANA name', async () => {
    await expect(new BrandBrainEngine(handle.db).updateBrand(fx, { timeZone: 'Mars/Olympus' })).rejects.toBeInstanceOf(ZodError);
    expect((await new BrandBrainEngine(handle.db).getBrandStrategyView(fx)).timeZone).toBe('UTC');
  });
});

describe('another tenant', () => {
  it('finds none of the package’s lifecycle, and changes nothing', async () => {
    const { packageId, variantIds } = await walk('approved');
    const stranger = await createTenantFixture(handle.db, 'Stranger Co');
    const variantId = variantIds[0]!;
    const attempts: (() => Promise<unknown>)[] = [
      () => content.updatePackageStatus(stranger, { packageId, status: 'draft', note: 'mine now' }),
      () => content.archivePackage(stranger, { packageId }),
      () => content.restorePackage(stranger, { packageId }),
      () => content.getPackageHistory(stranger, { packageId }),
      () => content.approveVariant(stranger, { variantId }),
      () => content.scheduleVariant(stranger, { variantId, scheduledFor: wallTimeDaysAfter(FIXED_NOW, 2) }),
      () => content.unscheduleVariant(stranger, { variantId }),
      () => content.markVariantPublished(stranger, { variantId, postUrl: 'https://x.com/stolen/status/1' }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(NotFoundError);
    expect((await content.getPackage(fx, { packageId })).status).toBe('approved');
    expect(await content.getVariant(fx, { variantId })).toMatchObject({ status: 'approved', postUrl: null });
    expect((await content.getPackageHistory(fx, { packageId })).map((entry) => entry.kind)).toEqual(['approved', 'sent_to_review']);
  });
});
