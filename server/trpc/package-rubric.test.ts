import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageWorkspaceView } from '../../engines/content/dto';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { insertContentOpportunity, insertContentPattern } from '../../test/fixtures/content';
import { codeOf, rejection } from '../../test/trpc';
import type { Viewer } from '../auth/viewer';
import { createSystemContext, type SystemContext } from '../orchestrator/context';
import { isStillBuilding } from '../orchestrator/flows/package-replay';
import { createInnerContext } from './init';
import { createCaller } from './root';

let handle: TestDatabase;
let system: SystemContext;
let fx: TenantFixture;
let other: TenantFixture;
let owner: Viewer;
let otherOwner: Viewer;

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle);
  fx = await createTenantFixture(handle.db, 'Rubric Procedures Co');
  other = await createTenantFixture(handle.db, 'Other Co');
  await insertContentPattern(handle.db, fx, { supportedChannels: ['linkedin', 'x'] });
  owner = await viewerFor(system, fx.ownerUserId);
  otherOwner = await viewerFor(system, other.ownerUserId);
});
afterAll(() => handle.close());

const as = (viewer: Viewer) => createCaller(createInnerContext({ system, viewer }));

async function createPackage(): Promise<PackageWorkspaceView> {
  const opportunityId = await insertContentOpportunity(handle.db, fx);
  const answer = await as(owner).packages.createFromOpportunity({ brandId: fx.brandId, opportunityId, channels: ['linkedin', 'x'] });
  if (isStillBuilding(answer)) throw new Error('still building');
  return answer;
}

describe('the rubric procedures', () => {
  it('a fresh package shows scored drafts; variants.evaluate re-scores with the judge; packages.rubricScore reads the package', async () => {
    const view = await createPackage();
    const api = as(owner);
    const draft = view.variantsByChannel.linkedin![0]!;
    expect(draft.evalScore).toBeGreaterThan(0);
    const evaluated = await api.variants.evaluate({ brandId: fx.brandId, variantId: draft.id });
    expect(evaluated.evalNotes).toMatch(/^Clarity and completeness \d\/3: Offline heuristic/);
    expect(evaluated.lastEvaluatedAt).not.toBeNull();
    const scored = await api.packages.rubricScore({ brandId: fx.brandId, packageId: view.package.id });
    expect(scored).toMatchObject({ valid: true });
    expect(scored.dimensions).toHaveLength(5);
  });

  it('updateThesis: saves, refuses a taboo by field with CONFLICT, takes an override with a reason into the history', async () => {
    const view = await createPackage();
    const api = as(owner);
    const input = { brandId: fx.brandId, packageId: view.package.id };
    const saved = await api.packages.updateThesis({ ...input, risksToAvoid: ['Promising dates we cannot keep'] });
    expect(saved.package.risksToAvoid).toEqual(['Promising dates we cannot keep']);
    const refusal = await rejection(
      api.packages.updateThesis({ ...input, coreArgument: `${view.package.coreArgument} Also: guaranteed returns.` }),
    );
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.message).toMatch(/^coreArgument: mentions the taboo "guaranteed returns"/);
    const overridden = await api.packages.updateThesis({
      ...input,
      coreArgument: `${view.package.coreArgument} Also: guaranteed returns.`,
      override: { reason: 'The regulator’s phrase, quoted and refuted' },
    });
    expect(overridden.package.coreArgument).toContain('guaranteed returns');
    expect((await api.packages.history(input))[0]).toMatchObject({
      kind: 'thesis_edited',
      reason: 'The regulator’s phrase, quoted and refuted',
      overridden: ['coreArgument: mentions the taboo "guaranteed returns"'],
    });
  });

  it('answers BAD_REQUEST for malformed input and NOT_FOUND for another tenant', async () => {
    const view = await createPackage();
    const variantId = view.variantsByChannel.linkedin![0]!.id;
    const packageId = view.package.id;
    expect(await codeOf(as(owner).variants.evaluate({ brandId: fx.brandId, variantId: 'nope' }))).toBe('BAD_REQUEST');
    expect(await codeOf(as(owner).packages.updateThesis({ brandId: fx.brandId, packageId, keyPoints: Array(11).fill('point') }))).toBe(
      'BAD_REQUEST',
    );
    expect(await codeOf(as(otherOwner).variants.evaluate({ brandId: other.brandId, variantId }))).toBe('NOT_FOUND');
    expect(await codeOf(as(otherOwner).packages.updateThesis({ brandId: other.brandId, packageId, keyPoints: ['x y z'] }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(as(otherOwner).packages.rubricScore({ brandId: other.brandId, packageId }))).toBe('NOT_FOUND');
    expect(await codeOf(as(otherOwner).packages.rubricScore({ brandId: fx.brandId, packageId }))).toMatch(/NOT_FOUND|FORBIDDEN/);
    expect((await as(owner).packages.workspace({ brandId: fx.brandId, packageId })).package.keyPoints).toEqual(view.package.keyPoints);
  });
});
