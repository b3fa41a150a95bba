import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageWorkspaceView } from '../../engines/content/dto';
import { insertContentOpportunity } from '../../test/fixtures/content';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';
import { LearningUpdateOrchestrator } from '../orchestrator/flows/learning-update';
import { isStillBuilding, type PackageBuildAnswer } from '../orchestrator/flows/package-replay';

// The procedures run "on" 2026-03-15 (UTC): its 30-day window starts 2026-02-14, its midpoint is
// 2026-03-01 00:00 and its 7-day window starts 2026-03-09.
const NOW = new Date('2026-03-15T12:00:00Z');
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

const bed = twoTenantBed({ tenant: 'Tools Co', other: 'Other Tools Co' }, () => ({ clock: () => new Date(NOW) }));
beforeAll(async () => {
  await bed.as(bed.owner).patterns.create({
    brandId: bed.fx.brandId,
    name: 'Myth then proof',
    channel: ['linkedin', 'x', 'newsletter'],
    structure: ['Hook', 'Proof', 'CTA'],
  });
});

function workspaceOf(answer: PackageBuildAnswer): PackageWorkspaceView {
  if (isStillBuilding(answer)) throw new Error(`expected a workspace, got progress ${JSON.stringify(answer.building)}`);
  return answer;
}

async function createPackage(title: string, channels: ('linkedin' | 'x' | 'newsletter')[]) {
  const opportunityId = await insertContentOpportunity(bed.handle.db, bed.fx, { title });
  return workspaceOf(await bed.as(bed.owner).packages.createFromOpportunity({ brandId: bed.fx.brandId, opportunityId, channels }));
}

describe('packages.addChannel', () => {
  it("writes drafts for the new channel in the package's thesis and records the run", async () => {
    const built = await createPackage('Month-end close in three days', ['linkedin']);
    const view = await bed.as(bed.owner).packages.addChannel({ brandId: bed.fx.brandId, packageId: built.package.id, channel: 'x' });
    expect(view.package.channels).toEqual(['linkedin', 'x']);
    const drafts = view.variantsByChannel.x ?? [];
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) expect(draft).toMatchObject({ channel: 'x', status: 'draft', withinChannelLimit: true });
    // The linkedin drafts stay as they were.
    expect(view.variantsByChannel.linkedin!.map((v) => v.id)).toEqual(built.variantsByChannel.linkedin!.map((v) => v.id));

    const runs = await bed.as(bed.owner).runs.list({ brandId: bed.fx.brandId });
    const run = runs.find((r) => r.flow === 'f2_regenerate' && (r.input as { packageId?: string }).packageId === built.package.id);
    expect(run).toMatchObject({
      status: 'succeeded',
      createdByUserId: bed.owner.userId,
      input: { packageId: built.package.id, channel: 'x', addedChannel: true },
    });
  });

  it('refuses a channel the package has and an archived package (CONFLICT), records no run for them', async () => {
    const built = await createPackage('Audit evidence without the scramble', ['linkedin']);
    const runsBefore = (await bed.as(bed.owner).runs.list({ brandId: bed.fx.brandId })).length;
    const again = await rejection(
      bed.as(bed.owner).packages.addChannel({ brandId: bed.fx.brandId, packageId: built.package.id, channel: 'linkedin' }),
    );
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain('already has LinkedIn');
    await bed.as(bed.owner).packages.archive({ brandId: bed.fx.brandId, packageId: built.package.id });
    const archived = await rejection(
      bed.as(bed.owner).packages.addChannel({ brandId: bed.fx.brandId, packageId: built.package.id, channel: 'x' }),
    );
    expect(archived.code).toBe('CONFLICT');
    expect(archived.message).toContain('restore it first');
    expect((await bed.as(bed.owner).runs.list({ brandId: bed.fx.brandId })).length).toBe(runsBefore);
    expect((await bed.as(bed.owner).packages.workspace({ brandId: bed.fx.brandId, packageId: built.package.id })).package.channels).toEqual(
      ['linkedin'],
    );
  });

  it("answers NOT_FOUND for another tenant's package and BAD_REQUEST for an unknown channel", async () => {
    const built = await createPackage('Close checklists that stay current', ['linkedin']);
    expect(
      await codeOf(bed.as(bed.otherOwner).packages.addChannel({ brandId: bed.fx.brandId, packageId: built.package.id, channel: 'x' })),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(bed.as(bed.otherOwner).packages.addChannel({ brandId: bed.other.brandId, packageId: built.package.id, channel: 'x' })),
    ).toBe('NOT_FOUND');
    const unknown = await rejection(
      bed.as(bed.owner).packages.addChannel({ brandId: bed.fx.brandId, packageId: built.package.id, channel: 'fax' as never }),
    );
    expect(unknown.code).toBe('BAD_REQUEST');
    expect(unknown.message).toContain('channel');
  });
});

describe('packages.exportMarkdown', () => {
  it('holds the title, status, origin, thesis and each channel’s variants with their post links', async () => {
    const built = await createPackage('Reconciliation: a habit, not a project', ['linkedin', 'x']);
    const packageId = built.package.id;
    const linkedin = built.variantsByChannel.linkedin![0]!;
    await bed
      .as(bed.owner)
      .variants.update({ brandId: bed.fx.brandId, variantId: linkedin.id, text: 'Edited by a person.\n\nSecond paragraph.' });
    await bed.as(bed.owner).variants.markPublished({
      brandId: bed.fx.brandId,
      variantId: linkedin.id,
      postUrl: 'https://www.linkedin.com/feed/update/urn:li:share:42',
      publishedAt: new Date('2026-03-10T09:00:00Z'),
      override: { reason: 'Published before review, from the test' },
    });
    const { filename, markdown } = await bed.as(bed.owner).packages.exportMarkdown({ brandId: bed.fx.brandId, packageId });
    expect(filename).toBe('reconciliation-a-habit-not-a-project.md');
    const view = await bed.as(bed.owner).packages.workspace({ brandId: bed.fx.brandId, packageId });
    expect(markdown.startsWith('# Reconciliation: a habit, not a project\n')).toBe(true);
    expect(markdown).toContain('- Status: Published');
    expect(markdown).toContain('- Channels: LinkedIn, X');
    expect(markdown).toContain('- From the idea: Reconciliation: a habit, not a project');
    expect(markdown).toContain(`## Thesis\n\n${view.package.coreArgument}`);
    for (const point of view.package.keyPoints) expect(markdown).toContain(`- ${point.replace(/\s*\n\s*/g, ' ')}`);
    expect(markdown).toContain('## LinkedIn');
    expect(markdown).toContain('## X');
    expect(markdown).toContain('Published 2026-03-10T09:00:00.000Z');
    expect(markdown).toContain('Post: <https://www.linkedin.com/feed/update/urn:li:share:42>');
    expect(markdown).toContain('Edited by a person.\n\nSecond paragraph.');
    for (const variant of view.variantsByChannel.x!) expect(markdown).toContain(variant.text.trim());
    expect(markdown.indexOf('## LinkedIn')).toBeLessThan(markdown.indexOf('## X'));
  });

  it("answers NOT_FOUND for another tenant's package", async () => {
    const built = await createPackage('Controllers and their calendars', ['linkedin']);
    expect(await codeOf(bed.as(bed.otherOwner).packages.exportMarkdown({ brandId: bed.fx.brandId, packageId: built.package.id }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(bed.as(bed.otherOwner).packages.exportMarkdown({ brandId: bed.other.brandId, packageId: built.package.id }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('packages.performance', () => {
  it('gives each published variant its impressions, clicks, rate and trend from ingested events, and what learning concluded', async () => {
    const built = await createPackage('Close faster with fewer spreadsheets', ['linkedin', 'x']);
    const packageId = built.package.id;
    const published = built.variantsByChannel.linkedin![0]!;
    await bed.as(bed.owner).variants.markPublished({
      brandId: bed.fx.brandId,
      variantId: published.id,
      externalPostId: 'urn:li:share:performance',
      publishedAt: new Date('2026-02-20T08:00:00Z'),
      override: { reason: 'Went out before review' },
    });
    const event = (externalEventId: string, eventType: string, count: number, occurredAt: string) => ({
      channel: 'linkedin',
      externalEventId,
      variantId: published.id,
      eventType,
      count,
      occurredAt,
    });
    const ingested = await bed.system.engines.learning.intake.recordExecutionEvents(bed.fx, {
      source: 'test_fixture',
      events: [
        // Earlier half: 2 weighted interactions per 100 impressions.
        event('e1', 'impression', 500, '2026-02-21T10:00:00Z'),
        event('e2', 'click', 5, '2026-02-21T10:00:00Z'),
        // Later half: (2·40 + 2·5 + 10) / 1000 = 10 per 100.
        event('l1', 'impression', 1000, '2026-03-10T10:00:00Z'),
        event('l2', 'click', 40, '2026-03-10T10:00:00Z'),
        event('l3', 'link_click', 5, '2026-03-10T11:00:00Z'),
        event('l4', 'like', 10, '2026-03-10T12:00:00Z'),
      ],
    });
    expect(ingested).toMatchObject({ inserted: 6 });

    const month = await bed.as(bed.owner).packages.performance({ brandId: bed.fx.brandId, packageId, windowDays: 30 });
    expect(month).toMatchObject({
      windowDays: 30,
      windowStart: new Date('2026-02-14T00:00:00Z'),
      windowEnd: new Date('2026-03-16T00:00:00Z'),
    });
    expect(month.variants).toHaveLength(1);
    const figures = month.variants[0]!;
    expect(figures).toMatchObject({
      variantId: published.id,
      channel: 'linkedin',
      impressions: 1500,
      clicks: 50,
      engagementRatePer100: 7.33,
      trend: { earlierRatePer100: 2, laterRatePer100: 10, direction: 'up' },
    });
    expect(figures.daily).toHaveLength(30);
    expect(figures.daily.find((day) => day.day.getTime() === Date.parse('2026-03-10T00:00:00Z'))?.impressions).toBe(1000);
    expect(figures.conclusions).toEqual([]);

    // Seven days hold only the later events; one half of that window has none, so no trend.
    const week = await bed.as(bed.owner).packages.performance({ brandId: bed.fx.brandId, packageId, windowDays: 7 });
    expect(week.variants[0]).toMatchObject({ impressions: 1000, clicks: 45, engagementRatePer100: 10, trend: { direction: null } });

    await LearningUpdateOrchestrator.runForBrand(bed.system, bed.fx, { windowDays: 30, trigger: 'script' });
    const learned = await bed.as(bed.owner).packages.performance({ brandId: bed.fx.brandId, packageId });
    expect(learned.windowDays).toBe(30);
    const texts = learned.variants[0]!.conclusions.map((c) => c.text);
    expect(texts).toContain("Learning scored this post 50/100 against the brand's other LinkedIn posts (14 Feb – 15 Mar 2026).");
    // The brand's one pattern wrote the draft; learning speaks of it by name.
    expect(published.patternName).toBe('Myth then proof');
    expect(texts).toContain('The pattern “Myth then proof” averaged 50/100 over 1 scored post (14 Feb – 15 Mar 2026).');
    expect(learned.conclusions.map((c) => c.text)).toEqual([
      expect.stringMatching(/^The idea “Close faster with fewer spreadsheets”: Learned 0: 1 published variant averaged 50\/100/),
    ]);
    for (const text of [...texts, ...learned.conclusions.map((c) => c.text)]) expect(text).not.toMatch(UUID);
  });

  it('lists no unpublished variant; another tenant gets NOT_FOUND; a window other than 7, 30 or 90 is BAD_REQUEST', async () => {
    const built = await createPackage('Drafts that never went out', ['linkedin']);
    const packageId = built.package.id;
    expect((await bed.as(bed.owner).packages.performance({ brandId: bed.fx.brandId, packageId, windowDays: 90 })).variants).toEqual([]);
    expect(await codeOf(bed.as(bed.otherOwner).packages.performance({ brandId: bed.fx.brandId, packageId, windowDays: 30 }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(bed.as(bed.otherOwner).packages.performance({ brandId: bed.other.brandId, packageId, windowDays: 30 }))).toBe(
      'NOT_FOUND',
    );
    const window = await rejection(bed.as(bed.owner).packages.performance({ brandId: bed.fx.brandId, packageId, windowDays: 14 as never }));
    expect(window.code).toBe('BAD_REQUEST');
    expect(window.message).toContain('windowDays');
  });
});
