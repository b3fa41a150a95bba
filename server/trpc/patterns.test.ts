import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMember } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';
import type { Viewer } from '../auth/viewer';

let admin: Viewer;
let sharedId: string;

const bed = twoTenantBed({ tenant: 'Pattern Procedures Co', other: 'Elsewhere Patterns Co' });
beforeAll(async () => {
  admin = await viewerFor(bed.system, await addMember(bed.handle.db, bed.fx.tenantId, 'admin'));
  // The tenant's shared library is written outside the app (seed, support); the engine is how.
  const shared = await bed.system.engines.patterns.upsertSharedPattern(bed.fx, {
    name: 'Contrarian take',
    category: 'engagement',
    beats: ['Hook', 'Claim', 'Proof', 'CTA'],
    supportedChannels: ['linkedin', 'x'],
  });
  sharedId = shared.id;
});

const newPattern = (name: string) => ({ brandId: bed.fx.brandId, name, channel: 'linkedin' as const, structure: ['Hook', 'Story', 'CTA'] });

describe('patterns procedures', () => {
  it('let an admin create, edit and retire a brand pattern, and list it with the shared library', async () => {
    const created = await bed.as(admin).patterns.create({ ...newPattern('Founder story'), status: 'experimental' });
    expect(created).toMatchObject({ scope: 'brand', brandId: bed.fx.brandId, supportedChannels: ['linkedin'], status: 'experimental' });

    const updated = await bed.as(bed.owner).patterns.update({
      brandId: bed.fx.brandId,
      patternId: created.id,
      channel: ['linkedin', 'newsletter'],
      structure: ['Hook', 'Moment', 'Lesson', 'CTA'],
      status: 'active',
    });
    expect(updated).toMatchObject({
      supportedChannels: ['linkedin', 'newsletter'],
      beats: ['Hook', 'Moment', 'Lesson', 'CTA'],
      status: 'active',
    });

    const listed = await bed.as(bed.member).patterns.list({ brandId: bed.fx.brandId });
    expect(listed.map((p) => [p.name, p.scope])).toEqual([
      ['Founder story', 'brand'],
      ['Contrarian take', 'shared'],
    ]);
    expect(listed[1]).toMatchObject({ usageCount: 0, avgEngagementScore: null, lastUsedAt: null });

    const retired = await bed.as(admin).patterns.retire({ brandId: bed.fx.brandId, patternId: created.id });
    expect(retired.status).toBe('retired');
    const recommended = await bed.system.engines.patterns.recommendPatternsForContext(bed.fx, { channel: 'linkedin', maxResults: 10 });
    expect(recommended.map((r) => r.pattern.id)).not.toContain(created.id);
    expect((await bed.as(bed.member).patterns.list({ brandId: bed.fx.brandId, status: 'retired' })).map((p) => p.id)).toEqual([created.id]);
  });

  it('copy a shared pattern into the brand once; a second copy is CONFLICT with the name in the message', async () => {
    const copy = await bed.as(bed.owner).patterns.copyShared({ brandId: bed.fx.brandId, patternId: sharedId });
    expect(copy).toMatchObject({ scope: 'brand', name: 'Contrarian take', beats: ['Hook', 'Claim', 'Proof', 'CTA'], usageCount: 0 });
    const again = await rejection(bed.as(bed.owner).patterns.copyShared({ brandId: bed.fx.brandId, patternId: sharedId }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain('"Contrarian take"');
  });

  it('keep the shared library read-only: FORBIDDEN with the reason, not NOT_FOUND', async () => {
    for (const call of [
      () => bed.as(bed.owner).patterns.update({ brandId: bed.fx.brandId, patternId: sharedId, name: 'Ours now' }),
      () => bed.as(bed.owner).patterns.retire({ brandId: bed.fx.brandId, patternId: sharedId }),
    ]) {
      const refused = await rejection(call());
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toMatch(/shared library/);
    }
    expect((await bed.system.engines.patterns.getPattern(bed.fx, { patternId: sharedId })).name).toBe('Contrarian take');
  });

  it('refuse a member every write with FORBIDDEN, writing nothing', async () => {
    const own = await bed.as(admin).patterns.create(newPattern('Member-proof'));
    const before = await bed.as(bed.member).patterns.list({ brandId: bed.fx.brandId });
    expect(await codeOf(bed.as(bed.member).patterns.create(newPattern('Sneaky')))).toBe('FORBIDDEN');
    expect(await codeOf(bed.as(bed.member).patterns.update({ brandId: bed.fx.brandId, patternId: own.id, name: 'Sneaky' }))).toBe(
      'FORBIDDEN',
    );
    expect(await codeOf(bed.as(bed.member).patterns.retire({ brandId: bed.fx.brandId, patternId: own.id }))).toBe('FORBIDDEN');
    expect(await codeOf(bed.as(bed.member).patterns.copyShared({ brandId: bed.fx.brandId, patternId: sharedId }))).toBe('FORBIDDEN');
    expect(await bed.as(bed.member).patterns.list({ brandId: bed.fx.brandId })).toEqual(before);
  });

  it("answer NOT_FOUND for another tenant's brand or pattern, exactly as for a missing one", async () => {
    const mine = await bed.as(bed.owner).patterns.create(newPattern('Not yours'));
    const theirs = await bed.as(bed.otherOwner).patterns.create({ ...newPattern('Theirs'), brandId: bed.other.brandId });
    expect(await codeOf(bed.as(bed.otherOwner).patterns.list({ brandId: bed.fx.brandId }))).toBe('NOT_FOUND');
    expect(await codeOf(bed.as(bed.otherOwner).patterns.create({ ...newPattern('Intruder') }))).toBe('NOT_FOUND');
    for (const patternId of [mine.id, sharedId, randomUUID()]) {
      for (const call of [
        () => bed.as(bed.otherOwner).patterns.update({ brandId: bed.other.brandId, patternId, name: 'Hijacked' }),
        () => bed.as(bed.otherOwner).patterns.retire({ brandId: bed.other.brandId, patternId }),
        () => bed.as(bed.otherOwner).patterns.copyShared({ brandId: bed.other.brandId, patternId }),
      ]) {
        expect(await codeOf(call())).toBe('NOT_FOUND');
      }
    }
    expect(await codeOf(bed.as(bed.owner).patterns.retire({ brandId: bed.fx.brandId, patternId: theirs.id }))).toBe('NOT_FOUND');
    expect((await bed.system.engines.patterns.getPattern(bed.fx, { patternId: mine.id })).status).toBe('active');
  });

  it('answer bad input with BAD_REQUEST naming the field', async () => {
    const tooMany = await rejection(
      bed.as(bed.owner).patterns.create({ ...newPattern('Too many'), structure: Array.from({ length: 9 }, () => 'Beat') }),
    );
    expect(tooMany.code).toBe('BAD_REQUEST');
    expect(tooMany.message).toContain('structure');
    const noChannel = await rejection(bed.as(bed.owner).patterns.create({ ...newPattern('No channel'), channel: [] }));
    expect(noChannel.code).toBe('BAD_REQUEST');
    expect(noChannel.message).toContain('channel');
  });
});
