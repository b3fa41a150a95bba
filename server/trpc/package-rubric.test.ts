import { beforeAll, describe, expect, it } from 'vitest';
import type { PackageWorkspaceView } from '../../engines/content/dto';
import { insertContentOpportunity, insertContentPattern } from '../../test/fixtures/content';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';
import { isStillBuilding } from '../orchestrator/flows/package-replay';

const bed = twoTenantBed({ tenant: 'Rubric Procedures Co', other: 'Other Co' });
beforeAll(async () => {
  await insertContentPattern(bed.handle.db, bed.fx, { supportedChannels: ['linkedin', 'x'] });
});

async function createPackage(): Promise<PackageWorkspaceView> {
  const opportunityId = await insertContentOpportunity(bed.handle.db, bed.fx);
  const answer = await bed
    .as(bed.owner)
    .packages.createFromOpportunity({ brandId: bed.fx.brandId, opportunityId, channels: ['linkedin', 'x'] });
  if (isStillBuilding(answer)) throw new Error('still building');
  return answer;
}

describe('the rubric procedures', () => {
  it('a fresh package shows scored drafts; variants.evaluate re-scores with the judge; packages.rubricScore reads the package', async () => {
    const view = await createPackage();
    const api = bed.as(bed.owner);
    const draft = view.variantsByChannel.linkedin![0]!;
    expect(draft.evalScore).toBeGreaterThan(0);
    const evaluated = await api.variants.evaluate({ brandId: bed.fx.brandId, variantId: draft.id });
    expect(evaluated.evalNotes).toMatch(/^Clarity and completeness \d\/3: Offline heuristic/);
    expect(evaluated.lastEvaluatedAt).not.toBeNull();
    const scored = await api.packages.rubricScore({ brandId: bed.fx.brandId, packageId: view.package.id });
    expect(scored).toMatchObject({ valid: true });
    expect(scored.dimensions).toHaveLength(5);
  });

  it('updateThesis: saves, refuses a taboo by field with CONFLICT, takes an override with a reason into the history', async () => {
    const view = await createPackage();
    const api = bed.as(bed.owner);
    const input = { brandId: bed.fx.brandId, packageId: view.package.id };
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
    expect(await codeOf(bed.as(bed.owner).variants.evaluate({ brandId: bed.fx.brandId, variantId: 'nope' }))).toBe('BAD_REQUEST');
    expect(
      await codeOf(bed.as(bed.owner).packages.updateThesis({ brandId: bed.fx.brandId, packageId, keyPoints: Array(11).fill('point') })),
    ).toBe('BAD_REQUEST');
    expect(await codeOf(bed.as(bed.otherOwner).variants.evaluate({ brandId: bed.other.brandId, variantId }))).toBe('NOT_FOUND');
    expect(
      await codeOf(bed.as(bed.otherOwner).packages.updateThesis({ brandId: bed.other.brandId, packageId, keyPoints: ['x y z'] })),
    ).toBe('NOT_FOUND');
    expect(await codeOf(bed.as(bed.otherOwner).packages.rubricScore({ brandId: bed.other.brandId, packageId }))).toBe('NOT_FOUND');
    expect(await codeOf(bed.as(bed.otherOwner).packages.rubricScore({ brandId: bed.fx.brandId, packageId }))).toMatch(
      /NOT_FOUND|FORBIDDEN/,
    );
    expect((await bed.as(bed.owner).packages.workspace({ brandId: bed.fx.brandId, packageId })).package.keyPoints).toEqual(
      view.package.keyPoints,
    );
  });
});
