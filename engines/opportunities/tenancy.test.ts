import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import {
  hoursFrom,
  ingestPayload,
  insertOpportunity,
  insertSiblingBrand,
  movableClock,
  OPPORTUNITY_NOW,
  readOpportunityRow,
  softDeleteOpportunity,
} from '../../test/fixtures/opportunities';
import { NotFoundError } from '../errors';
import { OpportunitiesEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
let other: TenantFixture;
let sibling: TenantFixture;
let mine: string;
const time = movableClock();
let engine: OpportunitiesEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Mine Co');
  other = await createTenantFixture(handle.db, 'Theirs Co');
  sibling = await insertSiblingBrand(handle.db, fx);
  mine = await insertOpportunity(handle.db, fx, { score: 55 });
  engine = new OpportunitiesEngine(handle.db, { clock: time.clock });
});
afterAll(() => handle.close());

type Scope = { tenantId: string; brandId: string };

/** Every method, asked about `opportunityId` as `scope`. */
const calls = (scope: Scope, opportunityId: string) => ({
  getOpportunity: () => engine.getOpportunity(scope, { opportunityId }),
  pinOpportunity: () => engine.pinOpportunity(scope, { opportunityId }),
  unpinOpportunity: () => engine.unpinOpportunity(scope, { opportunityId }),
  snoozeOpportunity: () => engine.snoozeOpportunity(scope, { opportunityId, until: hoursFrom(OPPORTUNITY_NOW, 5) }),
  unsnoozeOpportunity: () => engine.unsnoozeOpportunity(scope, { opportunityId }),
  updateOpportunityScore: () => engine.updateOpportunityScore(scope, { opportunityId, score: 99, explanation: 'Hijack.' }),
  applyLearnedAdjustment: () => engine.applyLearnedAdjustment(scope, { opportunityId, adjustment: 40, explanation: 'Hijack.' }),
});

/** Every method that takes only the brand, asked as `scope`. */
const brandCalls = (scope: Scope) => ({
  getTodayBoard: () => engine.getTodayBoard(scope),
  listOpportunitiesForBrand: () => engine.listOpportunitiesForBrand(scope),
  ingestOpportunity: () => engine.ingestOpportunity(scope, ingestPayload()),
});

const scopes = () => ({
  'another tenant with its own brand': { tenantId: other.tenantId, brandId: other.brandId },
  "another tenant naming this tenant's brand": { tenantId: other.tenantId, brandId: fx.brandId },
  'another brand of the same tenant': { tenantId: fx.tenantId, brandId: sibling.brandId },
});

describe('tenancy', () => {
  it('answers NotFound for an opportunity asked about through any other tenant or brand, and changes nothing', async () => {
    const before = await readOpportunityRow(handle.db, mine);
    for (const [label, scope] of Object.entries(scopes())) {
      for (const [method, call] of Object.entries(calls(scope, mine))) {
        await expect(call(), `${method} as ${label}`).rejects.toBeInstanceOf(NotFoundError);
      }
    }
    expect(await readOpportunityRow(handle.db, mine)).toEqual(before);
  });

  it("answers NotFound for a brand-level call naming a brand outside the caller's tenant or a brand that does not exist", async () => {
    const foreign = { tenantId: other.tenantId, brandId: fx.brandId };
    const missing = { tenantId: fx.tenantId, brandId: '00000000-0000-4000-8000-000000000000' };
    for (const scope of [foreign, missing]) {
      for (const [method, call] of Object.entries(brandCalls(scope))) {
        await expect(call(), method).rejects.toBeInstanceOf(NotFoundError);
      }
    }
  });

  it("keeps each brand's board and list to itself", async () => {
    const board = await engine.getTodayBoard(sibling);
    expect(board.metrics.total).toBe(0);
    expect(await engine.listOpportunitiesForBrand(other, { includeExpired: true, includeSnoozed: true })).toEqual([]);
    expect((await engine.getTodayBoard(fx)).opportunities.map((o) => o.id)).toEqual([mine]);
  });

  it('answers NotFound for a deleted opportunity, as for one that never existed', async () => {
    const deleted = await insertOpportunity(handle.db, fx);
    await softDeleteOpportunity(handle.db, deleted);
    for (const id of [deleted, '00000000-0000-4000-8000-000000000000']) {
      for (const [method, call] of Object.entries(calls(fx, id))) {
        await expect(call(), method).rejects.toBeInstanceOf(NotFoundError);
      }
    }
  });
});
