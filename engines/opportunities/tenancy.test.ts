import { beforeAll, describe, expect, it } from 'vitest';
import type { TenantFixture } from '../../test/fixtures';
import {
  hoursFrom,
  ingestPayload,
  insertOpportunity,
  insertSiblingBrand,
  OPPORTUNITY_NOW,
  opportunitiesBed,
  readOpportunityRow,
  softDeleteOpportunity,
} from '../../test/fixtures/opportunities';
import { NotFoundError } from '../errors';

let sibling: TenantFixture;
let mine: string;

const bed = opportunitiesBed({ tenant: 'Mine Co', other: 'Theirs Co' });
beforeAll(async () => {
  sibling = await insertSiblingBrand(bed.handle.db, bed.fx);
  mine = await insertOpportunity(bed.handle.db, bed.fx, { score: 55 });
});

type Scope = { tenantId: string; brandId: string };

/** Every method, asked about `opportunityId` as `scope`. */
const calls = (scope: Scope, opportunityId: string) => ({
  getOpportunity: () => bed.engine.getOpportunity(scope, { opportunityId }),
  pinOpportunity: () => bed.engine.pinOpportunity(scope, { opportunityId }),
  unpinOpportunity: () => bed.engine.unpinOpportunity(scope, { opportunityId }),
  snoozeOpportunity: () => bed.engine.snoozeOpportunity(scope, { opportunityId, until: hoursFrom(OPPORTUNITY_NOW, 5) }),
  unsnoozeOpportunity: () => bed.engine.unsnoozeOpportunity(scope, { opportunityId }),
  updateOpportunityScore: () => bed.engine.updateOpportunityScore(scope, { opportunityId, score: 99, explanation: 'Hijack.' }),
  applyLearnedAdjustment: () => bed.engine.applyLearnedAdjustment(scope, { opportunityId, adjustment: 40, explanation: 'Hijack.' }),
});

/** Every method that takes only the brand, asked as `scope`. */
const brandCalls = (scope: Scope) => ({
  getTodayBoard: () => bed.engine.getTodayBoard(scope),
  listOpportunitiesForBrand: () => bed.engine.listOpportunitiesForBrand(scope),
  ingestOpportunity: () => bed.engine.ingestOpportunity(scope, ingestPayload()),
});

const scopes = () => ({
  'another tenant with its own brand': { tenantId: bed.other.tenantId, brandId: bed.other.brandId },
  "another tenant naming this tenant's brand": { tenantId: bed.other.tenantId, brandId: bed.fx.brandId },
  'another brand of the same tenant': { tenantId: bed.fx.tenantId, brandId: sibling.brandId },
});

describe('tenancy', () => {
  it('answers NotFound for an opportunity asked about through any other tenant or brand, and changes nothing', async () => {
    const before = await readOpportunityRow(bed.handle.db, mine);
    for (const [label, scope] of Object.entries(scopes())) {
      for (const [method, call] of Object.entries(calls(scope, mine))) {
        await expect(call(), `${method} as ${label}`).rejects.toBeInstanceOf(NotFoundError);
      }
    }
    expect(await readOpportunityRow(bed.handle.db, mine)).toEqual(before);
  });

  it("answers NotFound for a brand-level call naming a brand outside the caller's tenant or a brand that does not exist", async () => {
    const foreign = { tenantId: bed.other.tenantId, brandId: bed.fx.brandId };
    const missing = { tenantId: bed.fx.tenantId, brandId: '00000000-0000-4000-8000-000000000000' };
    for (const scope of [foreign, missing]) {
      for (const [method, call] of Object.entries(brandCalls(scope))) {
        await expect(call(), method).rejects.toBeInstanceOf(NotFoundError);
      }
    }
  });

  it("keeps each brand's board and list to itself", async () => {
    const board = await bed.engine.getTodayBoard(sibling);
    expect(board.metrics.total).toBe(0);
    expect(await bed.engine.listOpportunitiesForBrand(bed.other, { includeExpired: true, includeSnoozed: true })).toEqual([]);
    expect((await bed.engine.getTodayBoard(bed.fx)).opportunities.map((o) => o.id)).toEqual([mine]);
  });

  it('answers NotFound for a deleted opportunity, as for one that never existed', async () => {
    const deleted = await insertOpportunity(bed.handle.db, bed.fx);
    await softDeleteOpportunity(bed.handle.db, deleted);
    for (const id of [deleted, '00000000-0000-4000-8000-000000000000']) {
      for (const [method, call] of Object.entries(calls(bed.fx, id))) {
        await expect(call(), method).rejects.toBeInstanceOf(NotFoundError);
      }
    }
  });
});
