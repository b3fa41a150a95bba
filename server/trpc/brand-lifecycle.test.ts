import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTenantFixture } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';

let adminId: string;
let memberId: string;

const bed = twoTenantBed({ tenant: 'Brand Writes Co', other: 'Other Writes Co' });
beforeAll(async () => {
  adminId = await addMember(bed.handle.db, bed.fx.tenantId, 'admin');
  memberId = await addMember(bed.handle.db, bed.fx.tenantId, 'member');
});

const callerFor = async (userId: string) => bed.as(await viewerFor(bed.system, userId));
const unique = () => randomUUID().slice(0, 8);

describe('brands.create', () => {
  it("creates a brand in an owner's or admin's workspace, listed for the whole team", async () => {
    const owner = await callerFor(bed.fx.ownerUserId);
    const name = `Ledger Notes ${unique()}`;
    const created = await owner.brands.create({
      workspaceId: bed.fx.tenantId,
      name,
      primaryChannel: 'newsletter',
      channels: [{ channel: 'linkedin', handle: 'ledger-notes' }],
    });
    expect(created).toMatchObject({ tenantId: bed.fx.tenantId, name, slug: name.toLowerCase().replaceAll(' ', '-'), positioning: '' });
    expect(created.channels.map((c) => c.channel)).toEqual(['newsletter', 'linkedin']);

    const byAdmin = await (await callerFor(adminId)).brands.create({
      workspaceId: bed.fx.tenantId,
      name: `Admin's ${unique()}`,
      primaryChannel: 'x',
    });
    const listed = (await (await callerFor(memberId)).brands.list()).map((b) => b.id);
    expect(listed).toEqual(expect.arrayContaining([created.id, byAdmin.id]));
  });

  it('is FORBIDDEN for a member, NOT_FOUND for a workspace the viewer is not in or that does not exist', async () => {
    const input = { name: `Nope ${unique()}`, primaryChannel: 'x' as const };
    expect(await codeOf((await callerFor(memberId)).brands.create({ workspaceId: bed.fx.tenantId, ...input }))).toBe('FORBIDDEN');
    const owner = await callerFor(bed.fx.ownerUserId);
    const foreign = await rejection(owner.brands.create({ workspaceId: bed.other.tenantId, ...input }));
    const missingId = randomUUID();
    const missing = await rejection(owner.brands.create({ workspaceId: missingId, ...input }));
    expect([foreign.code, missing.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(foreign.message.replace(bed.other.tenantId, '<id>')).toBe(missing.message.replace(missingId, '<id>'));
    expect((await (await callerFor(bed.other.ownerUserId)).brands.list()).map((b) => b.name)).not.toContain(input.name);
  });

  it('answers CONFLICT naming a slug the workspace has, and allows it in another workspace', async () => {
    const slug = `shared-${unique()}`;
    await (await callerFor(bed.fx.ownerUserId)).brands.create({ workspaceId: bed.fx.tenantId, name: 'First', slug, primaryChannel: 'x' });
    const clash = await rejection(
      (await callerFor(bed.fx.ownerUserId)).brands.create({ workspaceId: bed.fx.tenantId, name: 'Second', slug, primaryChannel: 'x' }),
    );
    expect(clash.code).toBe('CONFLICT');
    expect(clash.message).toContain(slug);
    const theirs = await (await callerFor(bed.other.ownerUserId)).brands.create({
      workspaceId: bed.other.tenantId,
      name: 'Theirs',
      slug,
      primaryChannel: 'x',
    });
    expect(theirs.slug).toBe(slug);
  });

  it('answers BAD_REQUEST naming the field for a bad slug, a name with nothing to slug, or a channel twice', async () => {
    const owner = await callerFor(bed.fx.ownerUserId);
    const base = { workspaceId: bed.fx.tenantId, primaryChannel: 'x' as const };
    const badSlug = await rejection(owner.brands.create({ ...base, name: 'Fine', slug: 'Not A Slug' }));
    expect(badSlug.code).toBe('BAD_REQUEST');
    expect(badSlug.message).toMatch(/slug/);
    const noSlug = await rejection(owner.brands.create({ ...base, name: '???' }));
    expect(noSlug.code).toBe('BAD_REQUEST');
    expect(noSlug.message).toMatch(/^slug: /);
    const twice = await rejection(
      owner.brands.create({
        ...base,
        name: `Twice ${unique()}`,
        channels: [
          { channel: 'x', handle: 'a' },
          { channel: 'x', handle: 'b' },
        ],
      }),
    );
    expect(twice.code).toBe('BAD_REQUEST');
    expect(twice.message).toMatch(/^channels: /);
  });
});

describe('brands.update', () => {
  it('changes the name, slug and channels for an owner or admin', async () => {
    const brand = await (await callerFor(bed.fx.ownerUserId)).brands.create({
      workspaceId: bed.fx.tenantId,
      name: `Old ${unique()}`,
      primaryChannel: 'x',
    });
    const slug = `renamed-${unique()}`;
    const updated = await (await callerFor(adminId)).brands.update({
      brandId: brand.id,
      name: 'Renamed',
      slug,
      channels: [
        { channel: 'x', handle: '@renamed' },
        { channel: 'newsletter', handle: 'Renamed Weekly' },
      ],
    });
    expect(updated).toMatchObject({ id: brand.id, name: 'Renamed', slug, primaryChannel: 'x' });
    expect(updated.channels).toEqual([
      { channel: 'x', handle: '@renamed' },
      { channel: 'newsletter', handle: 'Renamed Weekly' },
    ]);
  });

  it("is FORBIDDEN for a member and NOT_FOUND for another tenant's owner, changing nothing", async () => {
    const before = await (await callerFor(bed.fx.ownerUserId)).brands.strategy({ brandId: bed.fx.brandId });
    expect(await codeOf((await callerFor(memberId)).brands.update({ brandId: bed.fx.brandId, name: 'Member was here' }))).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(bed.other.ownerUserId)).brands.update({ brandId: bed.fx.brandId, name: 'Hijacked' }))).toBe(
      'NOT_FOUND',
    );
    expect((await (await callerFor(bed.fx.ownerUserId)).brands.strategy({ brandId: bed.fx.brandId })).brandName).toBe(before.brandName);
  });
});

describe('brands.archive', () => {
  it('takes the brand out of brands.list and the cron walk, and its procedures answer NOT_FOUND', async () => {
    const tenant = await createTenantFixture(bed.handle.db, 'Archiving Co');
    const owner = await callerFor(tenant.ownerUserId);
    const archived = await owner.brands.archive({ brandId: tenant.brandId });
    expect(archived.id).toBe(tenant.brandId);

    expect(await owner.brands.list()).toEqual([]);
    const walked = await bed.system.engines.learning.walk.listTargets({ limit: 500 });
    expect(walked.map((target) => target.brandId)).not.toContain(tenant.brandId);
    const brandId = tenant.brandId;
    // One call at a time: a call started before the previous one is awaited would reject unobserved.
    for (const call of [
      () => owner.brands.strategy({ brandId }),
      () => owner.brands.update({ brandId, name: 'Back again' }),
      () => owner.brands.archive({ brandId }),
      () => owner.today.get({ brandId }),
      () => owner.runs.list({ brandId }),
      () => owner.learning.run({ brandId, windowDays: 30 }),
    ]) {
      expect(await codeOf(call())).toBe('NOT_FOUND');
    }
  });

  it("is FORBIDDEN for a member and NOT_FOUND for another tenant's owner; the brand stays", async () => {
    expect(await codeOf((await callerFor(memberId)).brands.archive({ brandId: bed.fx.brandId }))).toBe('FORBIDDEN');
    expect(await codeOf((await callerFor(bed.other.ownerUserId)).brands.archive({ brandId: bed.fx.brandId }))).toBe('NOT_FOUND');
    expect((await (await callerFor(memberId)).brands.list()).map((b) => b.id)).toContain(bed.fx.brandId);
  });
});
