import { randomUUID } from 'node:crypto';
import type { Database } from '../engines/db/client';
import { brands, contentPillars, memberships, personas, tenants, userProfiles } from '../engines/db/schema';
import type { MembershipRole } from '../engines/enums';

export interface TenantFixture {
  tenantId: string;
  brandId: string;
  ownerUserId: string;
  personaIds: [string, string];
  pillarIds: [string, string];
}

/**
 * A fresh tenant with one brand, two personas, two pillars and an owner, isolated from the demo data
 * and from other fixtures (every id and slug is new), so a test can assert on exact counts.
 */
export async function createTenantFixture(db: Database, name = 'Fixture Co'): Promise<TenantFixture> {
  const tenantId = randomUUID();
  const brandId = randomUUID();
  const ownerUserId = randomUUID();
  const personaIds: [string, string] = [randomUUID(), randomUUID()];
  const pillarIds: [string, string] = [randomUUID(), randomUUID()];
  await db.transaction(async (tx) => {
    await tx.insert(tenants).values({ id: tenantId, name });
    await tx.insert(userProfiles).values({
      userId: ownerUserId,
      email: `${ownerUserId}@fixture.example`,
      displayName: `${name} owner`,
    });
    await tx.insert(memberships).values({ tenantId, userId: ownerUserId, role: 'owner' });
    await tx.insert(brands).values({
      id: brandId,
      tenantId,
      name: `${name} brand`,
      slug: `fixture-${brandId.slice(0, 8)}`,
      primaryChannel: 'linkedin',
      channels: [
        { channel: 'linkedin', handle: 'fixture-co' },
        { channel: 'x', handle: '@fixtureco' },
        { channel: 'newsletter', handle: 'Fixture Weekly' },
      ],
      positioning: 'Fixture Co helps finance teams close the books faster.',
      toneTags: ['plainspoken', 'practical'],
      taboos: ['guaranteed returns', 'crypto'],
      metadata: {},
    });
    await tx.insert(personas).values([
      {
        id: personaIds[0],
        tenantId,
        brandId,
        name: 'Controller Cara',
        role: 'Financial controller',
        summary: 'Runs the monthly close.',
        priorities: ['accuracy', 'speed', 'audit trail'],
        pains: ['manual reconciliations'],
        successMetrics: ['days to close'],
        channelBiases: { linkedin: 'reads long posts' },
      },
      {
        id: personaIds[1],
        tenantId,
        brandId,
        name: 'CFO Chris',
        role: 'CFO',
        summary: 'Owns the numbers the board sees.',
        priorities: ['forecast accuracy', 'cash', 'headcount'],
        pains: ['late reports'],
        successMetrics: ['forecast error'],
        channelBiases: {},
      },
    ]);
    await tx.insert(contentPillars).values([
      { id: pillarIds[0], tenantId, brandId, name: 'Faster close', description: 'Close in days, not weeks.', priorityRank: 1, isActive: true },
      { id: pillarIds[1], tenantId, brandId, name: 'Audit readiness', description: 'Always ready for the auditor.', priorityRank: 2, isActive: true },
    ]);
  });
  return { tenantId, brandId, ownerUserId, personaIds, pillarIds };
}

/** Adds a user with `role` in the fixture's tenant. */
export async function addMember(db: Database, tenantId: string, role: MembershipRole): Promise<string> {
  const userId = randomUUID();
  await db.insert(userProfiles).values({ userId, email: `${userId}@fixture.example`, displayName: `A ${role}` });
  await db.insert(memberships).values({ tenantId, userId, role });
  return userId;
}

/**
 * Another brand of the fixture's tenant, with no personas or pillars of its own: the fixture's persona
 * and pillar ids still name the first brand's, so use it to ask as that brand, not to build rows of it.
 */
export async function insertBareSiblingBrand(db: Database, fx: TenantFixture): Promise<TenantFixture> {
  const brandId = randomUUID();
  await db.insert(brands).values({
    id: brandId,
    tenantId: fx.tenantId,
    name: `Sibling ${brandId.slice(0, 8)}`,
    slug: `sibling-${brandId.slice(0, 8)}`,
    primaryChannel: 'linkedin',
    channels: [{ channel: 'linkedin', handle: 'sibling' }],
    positioning: 'A second brand of the same tenant.',
    toneTags: [],
    taboos: [],
    metadata: {},
  });
  return { ...fx, brandId };
}
