import type { DatabaseProbe } from './database-probe';
import { TENANT_IDS } from './tokens';

/** Real rows of one brand of the seeded demo data, read from the server's database. */
export interface BrandIds {
  brandId: string;
  opportunityId: string;
  /** A package made from an opportunity, with at least one variant. */
  packageId: string;
  variantId: string;
  pillarId: string;
  personaId: string;
  /** One of the brand's own patterns. */
  patternId: string;
  /** An active or experimental pattern of the tenant's shared library. */
  sharedPatternId: string;
  /** A key made through `ingestKeys.create` by the suite (the demo data has none). */
  ingestKeyId: string;
  /** The brand's tenant: the workspace that workspace-scoped procedures name. */
  workspaceId: string;
  /** A member of the workspace who is not an owner where there is one (Max in tenant 1). */
  memberUserId: string;
  /** A pending invite of the workspace, made through `team.invite` by the suite (the demo data has none). */
  inviteId: string;
  /** A note source of the brand, made through `sources.add` by the suite (the demo data has none). */
  sourceId: string;
}

type SeededBrandIds = Omit<BrandIds, 'ingestKeyId' | 'inviteId' | 'sourceId'>;

export interface SeededIds {
  /** Tenant 1 (Northwind Studio)'s first brand: the one the other tenant must never reach. */
  northwind: SeededBrandIds;
  /** Globex Media's brand: Grace's own, for "her brand, their row" probes. */
  globex: SeededBrandIds;
}

export async function readSeededIds(probe: DatabaseProbe): Promise<SeededIds> {
  return { northwind: await brandIds(probe, TENANT_IDS.northwind), globex: await brandIds(probe, TENANT_IDS.globex) };
}

async function brandIds(probe: DatabaseProbe, tenantId: string): Promise<SeededBrandIds> {
  const [row] = await probe.query<SeededBrandIds>(
    `select b.id as "brandId",
            (select id from opportunities o where o.brand_id = b.id order by o.id limit 1) as "opportunityId",
            v.package_id as "packageId",
            v.id as "variantId",
            (select id from content_pillars p where p.brand_id = b.id order by p.id limit 1) as "pillarId",
            (select id from personas p where p.brand_id = b.id order by p.id limit 1) as "personaId",
            (select id from pattern_templates t where t.brand_id = b.id and t.deleted_at is null order by t.id limit 1) as "patternId",
            (select id from pattern_templates t
              where t.tenant_id = b.tenant_id and t.brand_id is null and t.status <> 'retired' and t.deleted_at is null
              order by t.id limit 1) as "sharedPatternId",
            b.tenant_id as "workspaceId",
            (select user_id from memberships m where m.tenant_id = b.tenant_id and m.deleted_at is null
              order by m.role = 'owner', m.user_id limit 1) as "memberUserId"
       from brands b
       join variants v on v.brand_id = b.id
      where b.tenant_id = $1
      order by b.name, v.id
      limit 1`,
    [tenantId],
  );
  if (!row || Object.values(row).some((value) => !value))
    throw new Error(`the demo data of tenant ${tenantId} lacks a brand with a variant`);
  return row;
}
