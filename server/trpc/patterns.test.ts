import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { addMember, createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { codeOf, rejection } from '../../test/trpc';
import type { Viewer } from '../auth/viewer';
import { createSystemContext, type SystemContext } from '../orchestrator/context';
import { createInnerContext } from './init';
import { createCaller } from './root';

let handle: TestDatabase;
let system: SystemContext;
let fx: TenantFixture;
let other: TenantFixture;
let owner: Viewer;
let admin: Viewer;
let member: Viewer;
let otherOwner: Viewer;
let sharedId: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle);
  fx = await createTenantFixture(handle.db, 'Pattern Procedures Co');
  other = await createTenantFixture(handle.db, 'Elsewhere Patterns Co');
  owner = await viewerFor(system, fx.ownerUserId);
  admin = await viewerFor(system, await addMember(handle.db, fx.tenantId, 'admin'));
  member = await viewerFor(system, await addMember(handle.db, fx.tenantId, 'member'));
  otherOwner = await viewerFor(system, other.ownerUserId);
  // The tenant's shared library is written outside the app (seed, support); the engine is how.
  const shared = await system.engines.patterns.upsertSharedPattern(fx, {
    name: 'Contrarian take',
    category: 'engagement',
    beats: ['Hook', 'Claim', 'Proof', 'CTA'],
    supportedChannels: ['linkedin', 'x'],
  });
  sharedId = shared.id;
});
afterAll(() => handle.close());

const as = (viewer: Viewer) => createCaller(createInnerContext({ system, viewer }));
const newPattern = (name: string) => ({ brandId: fx.brandId, name, channel: 'linkedin' as const, structure: ['Hook', 'Story', 'CTA'] });

describe('patterns procedures', () => {
  it('let an admin create, edit and retire a brand pattern, and list it with the shared library', async () => {
    const created = await as(admin).patterns.create({ ...newPattern('Founder story'), status: 'experimental' });
    expect(created).toMatchObject({ scope: 'brand', brandId: fx.brandId, supportedChannels: ['linkedin'], status: 'experimental' });

    const updated = await as(owner).patterns.update({
      brandId: fx.brandId,
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

    const listed = await as(member).patterns.list({ brandId: fx.brandId });
    expect(listed.map((p) => [p.name, p.scope])).toEqual([
      ['Founder story', 'brand'],
      ['Contrarian take', 'shared'],
    ]);
    expect(listed[1]).toMatchObject({ usageCount: 0, avgEngagementScore: null, lastUsedAt: null });

    const retired = await as(admin).patterns.retire({ brandId: fx.brandId, patternId: created.id });
    expect(retired.status).toBe('retired');
    const recommended = await system.engines.patterns.recommendPatternsForContext(fx, { channel: 'linkedin', maxResults: 10 });
    expect(recommended.map((r) => r.pattern.id)).not.toContain(created.id);
    expect((await as(member).patterns.list({ brandId: fx.brandId, status: 'retired' })).map((p) => p.id)).toEqual([created.id]);
  });

  it('copy a shared pattern into the brand once; a second copy is CONFLICT with the name in the message', async () => {
    const copy = await as(owner).patterns.copyShared({ brandId: fx.brandId, patternId: sharedId });
    expect(copy).toMatchObject({ scope: 'brand', name: 'Contrarian take', beats: ['Hook', 'Claim', 'Proof', 'CTA'], usageCount: 0 });
    const again = await rejection(as(owner).patterns.copyShared({ brandId: fx.brandId, patternId: sharedId }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain('"Contrarian take"');
  });

  it('keep the shared library read-only: FORBIDDEN with the reason, not NOT_FOUND', async () => {
    for (const call of [
      () => as(owner).patterns.update({ brandId: fx.brandId, patternId: sharedId, name: 'Ours now' }),
      () => as(owner).patterns.retire({ brandId: fx.brandId, patternId: sharedId }),
    ]) {
      const refused = await rejection(call());
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.message).toMatch(/shared library/);
    }
    expect((await system.engines.patterns.getPattern(fx, { patternId: sharedId })).name).toBe('Contrarian take');
  });

  it('refuse a member every write with FORBIDDEN, writing nothing', async () => {
    const own = await as(admin).patterns.create(newPattern('Member-proof'));
    const before = await as(member).patterns.list({ brandId: fx.brandId });
    expect(await codeOf(as(member).patterns.create(newPattern('Sneaky')))).toBe('FORBIDDEN');
    expect(await codeOf(as(member).patterns.update({ brandId: fx.brandId, patternId: own.id, name: 'Sneaky' }))).toBe('FORBIDDEN');
    expect(await codeOf(as(member).patterns.retire({ brandId: fx.brandId, patternId: own.id }))).toBe('FORBIDDEN');
    expect(await codeOf(as(member).patterns.copyShared({ brandId: fx.brandId, patternId: sharedId }))).toBe('FORBIDDEN');
    expect(await as(member).patterns.list({ brandId: fx.brandId })).toEqual(before);
  });

  it("answer NOT_FOUND for another tenant's brand or pattern, exactly as for a missing one", async () => {
    const mine = await as(owner).patterns.create(newPattern('Not yours'));
    const theirs = await as(otherOwner).patterns.create({ ...newPattern('Theirs'), brandId: other.brandId });
    expect(await codeOf(as(otherOwner).patterns.list({ brandId: fx.brandId }))).toBe('NOT_FOUND');
    expect(await codeOf(as(otherOwner).patterns.create({ ...newPattern('Intruder') }))).toBe('NOT_FOUND');
    for (const patternId of [mine.id, sharedId, randomUUID()]) {
      for (const call of [
        () => as(otherOwner).patterns.update({ brandId: other.brandId, patternId, name: 'Hijacked' }),
        () => as(otherOwner).patterns.retire({ brandId: other.brandId, patternId }),
        () => as(otherOwner).patterns.copyShared({ brandId: other.brandId, patternId }),
      ]) {
        expect(await codeOf(call())).toBe('NOT_FOUND');
      }
    }
    expect(await codeOf(as(owner).patterns.retire({ brandId: fx.brandId, patternId: theirs.id }))).toBe('NOT_FOUND');
    expect((await system.engines.patterns.getPattern(fx, { patternId: mine.id })).status).toBe('active');
  });

  it('answer bad input with BAD_REQUEST naming the field', async () => {
    const tooMany = await rejection(
      as(owner).patterns.create({ ...newPattern('Too many'), structure: Array.from({ length: 9 }, () => 'Beat') }),
    );
    expect(tooMany.code).toBe('BAD_REQUEST');
    expect(tooMany.message).toContain('structure');
    const noChannel = await rejection(as(owner).patterns.create({ ...newPattern('No channel'), channel: [] }));
    expect(noChannel.code).toBe('BAD_REQUEST');
    expect(noChannel.message).toContain('channel');
  });
});
