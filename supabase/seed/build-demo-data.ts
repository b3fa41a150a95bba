import type { memberships, tenants, userProfiles } from '../../engines/db/schema';
import { addDays } from '../../lib/dates';
import { DEMO_BRANDS, SHARED_PATTERNS } from './brands';
import { buildExecutionEvents, type ExecutionEventRow } from './build-events';
import { buildOpportunities, type OpportunityRow } from './build-opportunities';
import { buildPackages, type PackageRow, packageCreationTimes, type VariantRow } from './build-packages';
import { type BrandRow, buildPattern, buildStrategy, type PatternRow, type PersonaRow, type PillarRow } from './build-strategy';
import { DEMO_TENANTS, DEMO_USERS } from './demo-users';
import { Prng } from './prng';

/** Every row of the demo data set, table by table, in an order foreign keys accept. */
export interface DemoData {
  tenants: (typeof tenants.$inferInsert)[];
  userProfiles: (typeof userProfiles.$inferInsert)[];
  memberships: (typeof memberships.$inferInsert)[];
  brands: BrandRow[];
  pillars: PillarRow[];
  personas: PersonaRow[];
  patterns: PatternRow[];
  opportunities: OpportunityRow[];
  packages: PackageRow[];
  variants: VariantRow[];
  executionEvents: ExecutionEventRow[];
}

/** Builds the demo data set in memory; the same `now` always gives the same rows. */
export function buildDemoData(now: Date): DemoData {
  const joinedAt = addDays(now, -160);
  const data: DemoData = {
    tenants: Object.values(DEMO_TENANTS).map((t) => ({ ...t, createdAt: joinedAt, updatedAt: joinedAt })),
    userProfiles: DEMO_USERS.map(({ userId, email, displayName }) => ({
      userId,
      email,
      displayName,
      createdAt: joinedAt,
      updatedAt: joinedAt,
    })),
    memberships: DEMO_USERS.map(({ userId, tenantId, role }, index) => ({
      id: new Prng(`membership:${index}`).uuid(),
      userId,
      tenantId,
      role,
      createdAt: joinedAt,
      updatedAt: joinedAt,
    })),
    brands: [],
    pillars: [],
    personas: [],
    patterns: [],
    opportunities: [],
    packages: [],
    variants: [],
    executionEvents: [],
  };

  const sharedByTenant = new Map<string, PatternRow[]>();
  for (const [tenantId, seeds] of Object.entries(SHARED_PATTERNS)) {
    const prng = new Prng(`${tenantId}:shared-patterns`);
    const rows = seeds.map((seed) => buildPattern(prng, seed, tenantId, null, now));
    sharedByTenant.set(tenantId, rows);
    data.patterns.push(...rows);
  }

  for (const seed of DEMO_BRANDS) {
    const members = DEMO_USERS.filter((u) => u.tenantId === seed.tenantId);
    const owner = members.find((u) => u.role === 'owner');
    if (!owner) throw new Error(`${seed.slug}: its tenant has no demo owner`);

    const strategy = buildStrategy(seed, now);
    const brandId = strategy.brand.id!;
    const opportunities = buildOpportunities(seed, {
      brandId,
      pillarIds: strategy.pillarIds,
      personaIds: strategy.personaIds,
      memberIds: members.map((u) => u.userId),
      packagedAt: packageCreationTimes(seed, now),
      now,
    });
    const { packages, variants } = buildPackages(seed, {
      brandId,
      now,
      ownerUserId: owner.userId,
      opportunities,
      patterns: [...strategy.patterns, ...(sharedByTenant.get(seed.tenantId) ?? [])],
      names: new Map([...strategy.pillars, ...strategy.personas].map((row) => [row.id!, row.name])),
    });
    const published = variants.filter((v) => v.status === 'published');

    data.brands.push(strategy.brand);
    data.pillars.push(...strategy.pillars);
    data.personas.push(...strategy.personas);
    data.patterns.push(...strategy.patterns);
    data.opportunities.push(...opportunities);
    data.packages.push(...packages);
    data.variants.push(...variants);
    data.executionEvents.push(...buildExecutionEvents(seed, published, now));
  }
  return data;
}
