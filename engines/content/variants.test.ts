import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { addDays } from '../../lib/dates';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import {
  createContentEngine,
  FIXED_NOW,
  insertContentPackage,
  insertContentPattern,
  insertContentVariant,
} from '../../test/fixtures/content';
import { walkPackageTo } from '../../test/fixtures/lifecycle';
import type { PackageStatus } from '../enums';
import { ConflictError, InvariantViolationError, NotFoundError } from '../errors';
import { activeText, EARLIEST_PUBLICATION } from './dto';
import type { ContentEngine } from './engine';
import { scoreDraft } from './rubric';
import { deterministicNotes, RubricEngine } from './rubric/engine';

let handle: TestDatabase;
let fx: TenantFixture;
let content: ContentEngine;
let packageId: string;

const walk = (status: PackageStatus, options: Partial<Parameters<typeof walkPackageTo>[4]> = {}) =>
  walkPackageTo(handle.db, content, fx, status, { now: FIXED_NOW, ...options });

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Variants Co');
  content = createContentEngine(handle.db);
  packageId = await insertContentPackage(handle.db, fx, { channels: ['linkedin', 'x'] });
});
afterAll(() => handle.close());

async function violation(promise: Promise<unknown>): Promise<InvariantViolationError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvariantViolationError);
  return error as InvariantViolationError;
}

describe('createVariant', () => {
  it('creates a draft proposed now, with its pattern, and hides the prompt context', async () => {
    const patternTemplateId = await insertContentPattern(handle.db, fx, { supportedChannels: ['x'] });
    const variant = await content.createVariant(fx, {
      packageId,
      channel: 'x',
      patternTemplateId,
      draftText: 'Close in days.',
      rationale: 'Short hook for x.',
      safetyFlags: ['claims'],
      generatedByModel: 'offline',
      rawPromptContext: { angle: 'why now' },
    });
    expect(variant).toMatchObject({
      packageId,
      brandId: fx.brandId,
      channel: 'x',
      status: 'draft',
      patternTemplateId,
      draftText: 'Close in days.',
      editedText: null,
      rationale: 'Short hook for x.',
      safetyFlags: ['claims'],
      generatedByModel: 'offline',
      proposedAt: FIXED_NOW,
      text: 'Close in days.',
      withinChannelLimit: true,
    });
    expect(variant).not.toHaveProperty('rawPromptContext');
    expect(variant).not.toHaveProperty('tenantId');
    expect(await content.getVariant(fx, { variantId: variant.id })).toEqual(variant);
  });

  it('refuses a channel the package does not have, as bad input', async () => {
    const error = await violation(content.createVariant(fx, { packageId, channel: 'newsletter', draftText: 'Hi' }));
    expect(error.kind).toBe('input');
  });

  it('accepts a pattern shared by the tenant', async () => {
    const patternTemplateId = await insertContentPattern(handle.db, fx, { shared: true, supportedChannels: ['linkedin'] });
    const variant = await content.createVariant(fx, { packageId, channel: 'linkedin', patternTemplateId, draftText: 'Hi' });
    expect(variant.patternTemplateId).toBe(patternTemplateId);
  });

  it('refuses a pattern that does not support the channel', async () => {
    const patternTemplateId = await insertContentPattern(handle.db, fx, { supportedChannels: ['newsletter'] });
    await violation(content.createVariant(fx, { packageId, channel: 'x', patternTemplateId, draftText: 'Hi' }));
    expect(await content.listVariantsForPackage(fx, { packageId })).not.toContainEqual(expect.objectContaining({ patternTemplateId }));
  });

  it('refuses a pattern of another brand as not found', async () => {
    const other = await createTenantFixture(handle.db, 'Pattern Owner Co');
    const patternTemplateId = await insertContentPattern(handle.db, other, { supportedChannels: ['x'] });
    await expect(content.createVariant(fx, { packageId, channel: 'x', patternTemplateId, draftText: 'Hi' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });

  it('rejects a draft over 20,000 characters', async () => {
    await expect(content.createVariant(fx, { packageId, channel: 'linkedin', draftText: 'a'.repeat(20_001) })).rejects.toBeInstanceOf(
      ZodError,
    );
  });

  it('stores several drafts in one call, listed in the order given', async () => {
    const pkg = await insertContentPackage(handle.db, fx, { channels: ['linkedin', 'x'] });
    const texts = ['First on x.', 'Then LinkedIn.', 'Second on x.'];
    const created = await content.createVariants(fx, {
      packageId: pkg,
      variants: [
        { channel: 'x', draftText: texts[0]! },
        { channel: 'linkedin', draftText: texts[1]! },
        { channel: 'x', draftText: texts[2]! },
      ],
    });
    expect(created.map((v) => [v.channel, v.text])).toEqual([
      ['x', texts[0]],
      ['linkedin', texts[1]],
      ['x', texts[2]],
    ]);
    expect((await content.listVariantsForPackage(fx, { packageId: pkg })).map((v) => v.text)).toEqual(texts);
  });

  it('stores none of the drafts when one is for a channel the package does not have', async () => {
    const pkg = await insertContentPackage(handle.db, fx, { channels: ['linkedin'] });
    const batch = [
      { channel: 'linkedin' as const, draftText: 'Fits.' },
      { channel: 'newsletter' as const, draftText: 'Does not.' },
    ];
    await violation(content.createVariants(fx, { packageId: pkg, variants: batch }));
    expect(await content.listVariantsForPackage(fx, { packageId: pkg })).toEqual([]);
  });

  it('flags a text over the channel limit', async () => {
    const variant = await content.createVariant(fx, { packageId, channel: 'x', draftText: 'a'.repeat(281) });
    expect(variant.withinChannelLimit).toBe(false);
    const fits = await content.createVariant(fx, { packageId, channel: 'x', draftText: 'a'.repeat(280) });
    expect(fits.withinChannelLimit).toBe(true);
  });
});

describe('updateVariantText', () => {
  it('moves a draft to edited and makes the edit the active text', async () => {
    const variantId = await insertContentVariant(handle.db, fx, packageId, { status: 'draft', draftText: 'First go.' });
    const edited = await content.updateVariantText(fx, { variantId, text: 'Second go.' });
    expect(edited).toMatchObject({ status: 'edited', draftText: 'First go.', editedText: 'Second go.', text: 'Second go.' });
    const again = await content.updateVariantText(fx, { variantId, text: 'Third go.' });
    expect(again).toMatchObject({ status: 'edited', editedText: 'Third go.' });
  });

  it('takes an approved variant’s approval back on an edit', async () => {
    const { variantIds } = await walk('approved');
    const edited = await content.updateVariantText(fx, { variantId: variantIds[0]!, text: 'Tweaked after approval, needs a new look.' });
    expect(edited).toMatchObject({ status: 'edited', editedText: 'Tweaked after approval, needs a new look.', approvedText: null });
  });

  it.each(['published', 'rejected'] as const)('refuses to edit a %s variant', async (status) => {
    const { variantIds } = await walk('published');
    // The walk publishes the first variant; the second is rejected through the engine.
    const variantId = status === 'published' ? variantIds[0]! : (await content.rejectVariant(fx, { variantId: variantIds[1]! })).id;
    expect((await violation(content.updateVariantText(fx, { variantId, text: 'Too late.' }))).kind).toBe('state');
    expect((await content.getVariant(fx, { variantId })).editedText).toBeNull();
  });

  it('refuses an edit made on a version someone else has changed since, and keeps their text', async () => {
    const variantId = await insertContentVariant(handle.db, fx, packageId, { status: 'draft', draftText: 'Opened by two people.' });
    const opened = await content.getVariant(fx, { variantId });
    const theirs = await content.updateVariantText(fx, { variantId, text: 'Their edit.', expectedUpdatedAt: opened.updatedAt });
    const error = await content
      .updateVariantText(fx, { variantId, text: 'My edit.', expectedUpdatedAt: opened.updatedAt })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((await content.getVariant(fx, { variantId })).editedText).toBe('Their edit.');
    // Made on their version, the edit goes through.
    const mine = await content.updateVariantText(fx, { variantId, text: 'My edit.', expectedUpdatedAt: theirs.updatedAt });
    expect(mine.editedText).toBe('My edit.');
  });

  it('takes the same text again as a save that changes nothing, even on an older version', async () => {
    const variantId = await insertContentVariant(handle.db, fx, packageId, { status: 'draft', draftText: 'Saved on leaving.' });
    const opened = await content.getVariant(fx, { variantId });
    const saved = await content.updateVariantText(fx, { variantId, text: 'Left the page.', expectedUpdatedAt: opened.updatedAt });
    const again = await content.updateVariantText(fx, { variantId, text: 'Left the page.', expectedUpdatedAt: opened.updatedAt });
    expect(again).toEqual(saved);
  });

  it('rejects an edit over 20,000 characters or empty', async () => {
    const variantId = await insertContentVariant(handle.db, fx, packageId);
    await expect(content.updateVariantText(fx, { variantId, text: 'a'.repeat(20_001) })).rejects.toBeInstanceOf(ZodError);
    await expect(content.updateVariantText(fx, { variantId, text: '' })).rejects.toBeInstanceOf(ZodError);
  });
});

describe('scheduleVariant', () => {
  it('schedules an approved variant for a future time', async () => {
    const { variantIds } = await walk('approved');
    expect(await content.scheduleVariant(fx, { variantId: variantIds[0]!, scheduledFor: '2026-03-17T09:00' })).toMatchObject({
      status: 'scheduled',
      scheduledPublishAt: new Date('2026-03-17T09:00:00Z'),
    });
  });

  it('refuses a time that is not in the future, as bad input', async () => {
    const { variantIds } = await walk('approved');
    const variantId = variantIds[0]!;
    expect((await violation(content.scheduleVariant(fx, { variantId, scheduledFor: '2026-03-15T12:00' }))).kind).toBe('input');
    expect((await content.getVariant(fx, { variantId })).status).toBe('approved');
  });

  it.each(['published', 'rejected'] as const)('refuses to schedule a %s variant', async (status) => {
    const { variantIds } = await walk('published');
    const variantId = status === 'published' ? variantIds[0]! : (await content.rejectVariant(fx, { variantId: variantIds[1]! })).id;
    expect((await violation(content.scheduleVariant(fx, { variantId, scheduledFor: '2026-03-16T09:00' }))).kind).toBe('state');
  });
});

describe('markVariantPublished', () => {
  it('publishes a scheduled variant at the given time with the platform post id', async () => {
    const { variantIds } = await walk('scheduled');
    const at = addDays(FIXED_NOW, -1);
    const published = await content.markVariantPublished(fx, { variantId: variantIds[0]!, externalPostId: 'li-post-1', publishedAt: at });
    expect(published).toMatchObject({ status: 'published', publishedAt: at, externalPostId: 'li-post-1', postUrl: null });
  });

  it('publishes now when no time is given, and repeats harmlessly for the same post', async () => {
    const { variantIds } = await walk('approved');
    const variantId = variantIds[0]!;
    const published = await content.markVariantPublished(fx, { variantId, externalPostId: 'li-post-2' });
    expect(published).toMatchObject({ status: 'published', publishedAt: FIXED_NOW });
    expect(await content.markVariantPublished(fx, { variantId, externalPostId: 'li-post-2' })).toEqual(published);
  });

  it('refuses a publication time in the future', async () => {
    const { variantIds } = await walk('approved');
    const error = await violation(
      content.markVariantPublished(fx, {
        variantId: variantIds[0]!,
        externalPostId: 'li-post-3',
        publishedAt: new Date(FIXED_NOW.getTime() + 1),
      }),
    );
    expect(error.kind).toBe('input');
  });

  it.each([
    ['just before 2000', new Date(EARLIEST_PUBLICATION.getTime() - 1)],
    ['so early that PostgreSQL cannot store it', new Date(-8e15)],
  ])('refuses a publication time %s, leaving the variant as it was', async (_, at) => {
    const { variantIds } = await walk('approved');
    const variantId = variantIds[0]!;
    const error = await violation(content.markVariantPublished(fx, { variantId, externalPostId: `li-old-${variantId}`, publishedAt: at }));
    expect({ kind: error.kind, message: error.message }).toEqual({ kind: 'input', message: 'publishedAt cannot lie before 2000-01-01' });
    expect(await content.getVariant(fx, { variantId })).toMatchObject({ status: 'approved', publishedAt: null });
  });

  it('accepts a publication time of exactly 2000-01-01', async () => {
    const { variantIds } = await walk('approved');
    const published = await content.markVariantPublished(fx, {
      variantId: variantIds[0]!,
      externalPostId: `li-y2k-${variantIds[0]}`,
      publishedAt: EARLIEST_PUBLICATION,
    });
    expect(published.publishedAt).toEqual(EARLIEST_PUBLICATION);
  });

  it('refuses a post id already recorded for another variant of the same channel', async () => {
    const { variantIds } = await walk('approved', { channels: ['x', 'linkedin'], draftsPerChannel: 2 });
    const [firstX, secondX, onLinkedin] = variantIds as [string, string, string];
    await content.markVariantPublished(fx, { variantId: firstX, externalPostId: 'x-post-9' });
    await expect(content.markVariantPublished(fx, { variantId: secondX, externalPostId: 'x-post-9' })).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect((await content.getVariant(fx, { variantId: secondX })).status).toBe('approved');
    expect((await content.markVariantPublished(fx, { variantId: onLinkedin, externalPostId: 'x-post-9' })).externalPostId).toBe('x-post-9');
  });

  it('lets only one of two concurrent claims of a post id through', async () => {
    const { variantIds } = await walk('approved', { channels: ['x'], draftsPerChannel: 2 });
    const results = await Promise.allSettled(
      variantIds.map((id) => content.markVariantPublished(fx, { variantId: id, externalPostId: 'x-post-race' })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const [refused] = results.filter((r) => r.status === 'rejected');
    expect(refused!.reason).toBeInstanceOf(ConflictError);
  });

  it.each(['rejected', 'published'] as const)('refuses to publish a %s variant again', async (status) => {
    const { variantIds } = await walk('published');
    const variantId = status === 'published' ? variantIds[0]! : (await content.rejectVariant(fx, { variantId: variantIds[1]! })).id;
    expect((await violation(content.markVariantPublished(fx, { variantId, externalPostId: 'new-post' }))).kind).toBe('state');
  });
});

describe('variant text', () => {
  it('prefers the approved text, then the edited text, then the draft', () => {
    expect(activeText({ approvedText: 'a', editedText: 'e', draftText: 'd' })).toBe('a');
    expect(activeText({ approvedText: null, editedText: 'e', draftText: 'd' })).toBe('e');
    expect(activeText({ approvedText: null, editedText: null, draftText: 'd' })).toBe('d');
    expect(activeText({ approvedText: null, editedText: null, draftText: null })).toBe('');
  });

  it('lists the package variants oldest first', async () => {
    const pkg = await insertContentPackage(handle.db, fx, { channels: ['newsletter'] });
    const first = await content.createVariant(fx, { packageId: pkg, channel: 'newsletter', draftText: 'One' });
    const second = await content.createVariant(fx, { packageId: pkg, channel: 'newsletter', draftText: 'Two' });
    expect((await content.listVariantsForPackage(fx, { packageId: pkg })).map((v) => v.id)).toEqual([first.id, second.id]);
  });
});

describe('evaluateDeterministically', () => {
  it("stores each draft's rubric score and notes, answered in the order asked", async () => {
    const rubric = new RubricEngine(handle.db, { clock: () => new Date(FIXED_NOW) });
    const pkg = await insertContentPackage(handle.db, fx, { channels: ['x'] });
    const [fits, tooLong] = await content.createVariants(fx, {
      packageId: pkg,
      variants: [
        { channel: 'x', draftText: 'Close the books in days, not weeks. What slows yours down?' },
        { channel: 'x', draftText: 'a'.repeat(400) },
      ],
    });
    const evaluated = await rubric.evaluateDeterministically(fx, { variantIds: [tooLong!.id, fits!.id] });
    expect(evaluated.map((v) => v.id)).toEqual([tooLong!.id, fits!.id]);
    for (const variant of evaluated) {
      const expected = scoreDraft(variant.text, await rubric.ruleContext(fx, 'x'));
      expect(variant).toMatchObject({ evalScore: expected.score, evalNotes: deterministicNotes(expected), lastEvaluatedAt: FIXED_NOW });
      expect(await content.getVariant(fx, { variantId: variant.id })).toEqual(variant);
    }
    expect(evaluated[0]!.evalNotes).toMatch(/^✗ Invalid/);
  });

  it("refuses another brand's variant as not found, scoring none", async () => {
    const rubric = new RubricEngine(handle.db);
    const other = await createTenantFixture(handle.db, 'Evaluated Elsewhere Co');
    const ownId = await insertContentVariant(handle.db, fx, packageId);
    const foreignId = await insertContentVariant(handle.db, other, await insertContentPackage(handle.db, other));
    await expect(rubric.evaluateDeterministically(fx, { variantIds: [ownId, foreignId] })).rejects.toBeInstanceOf(NotFoundError);
    expect((await content.getVariant(fx, { variantId: ownId })).evalScore).toBeNull();
  });
});
