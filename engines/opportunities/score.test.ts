import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { hoursFrom, insertOpportunity, OPPORTUNITY_NOW, opportunitiesBed, readOpportunityRow } from '../../test/fixtures/opportunities';
import { InvariantViolationError } from '../errors';

const bed = opportunitiesBed({ tenant: 'Score Co', other: 'Other Score Co' });

async function expectInputError(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvariantViolationError);
  expect((error as InvariantViolationError).kind).toBe('input');
}

describe('OpportunitiesEngine.updateOpportunityScore', () => {
  it('sets the score as the new base, restarts the learned adjustment and leaves lastTouchedAt alone', async () => {
    const touched = hoursFrom(OPPORTUNITY_NOW, -30);
    const id = await insertOpportunity(bed.handle.db, bed.fx, { score: 45, baseScore: 40, learnedAdjustment: 5, lastTouchedAt: touched });
    const updated = await bed.engine.updateOpportunityScore(bed.fx, {
      opportunityId: id,
      score: 81,
      explanation: 'Re-scored after the CFO survey.',
    });
    expect(updated).toMatchObject({
      score: 81,
      baseScore: 81,
      learnedAdjustment: 0,
      scoreBand: 'high',
      scoreExplanation: 'Re-scored after the CFO survey.',
      lastTouchedAt: touched,
    });
  });

  it('accepts 0 and 100 and refuses anything outside 0..100 or fractional as bad input', async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx, { score: 50 });
    await expect(bed.engine.updateOpportunityScore(bed.fx, { opportunityId: id, score: 0, explanation: 'Floor.' })).resolves.toMatchObject({
      score: 0,
      scoreBand: 'low',
    });
    await expect(
      bed.engine.updateOpportunityScore(bed.fx, { opportunityId: id, score: 100, explanation: 'Ceiling.' }),
    ).resolves.toMatchObject({
      score: 100,
    });
    for (const bad of [101, -1, 50.5]) {
      await expectInputError(bed.engine.updateOpportunityScore(bed.fx, { opportunityId: id, score: bad, explanation: 'Out of range.' }));
    }
    await expect(
      bed.engine.updateOpportunityScore(bed.fx, { opportunityId: id, score: Number.NaN, explanation: 'Not a number.' }),
    ).rejects.toBeInstanceOf(ZodError);
    expect((await readOpportunityRow(bed.handle.db, id)).score).toBe(100);
  });

  it('requires an explanation', async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx);
    await expect(bed.engine.updateOpportunityScore(bed.fx, { opportunityId: id, score: 60, explanation: '   ' })).rejects.toBeInstanceOf(
      ZodError,
    );
  });
});

describe('OpportunitiesEngine.applyLearnedAdjustment', () => {
  it('sets score = base + adjustment, and the same adjustment again gives the same score', async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx, { score: 60 });
    const first = await bed.engine.applyLearnedAdjustment(bed.fx, {
      opportunityId: id,
      adjustment: 12,
      explanation: 'Engagement above the median.',
    });
    expect(first).toMatchObject({ score: 72, baseScore: 60, learnedAdjustment: 12, scoreExplanation: 'Engagement above the median.' });
    const again = await bed.engine.applyLearnedAdjustment(bed.fx, {
      opportunityId: id,
      adjustment: 12,
      explanation: 'Engagement above the median.',
    });
    expect(again).toMatchObject({ score: 72, baseScore: 60, learnedAdjustment: 12 });
    const lower = await bed.engine.applyLearnedAdjustment(bed.fx, { opportunityId: id, adjustment: -5, explanation: 'Engagement fell.' });
    expect(lower).toMatchObject({ score: 55, baseScore: 60, learnedAdjustment: -5, scoreBand: 'medium' });
  });

  it('clamps the resulting score to 0..100 while keeping the adjustment as given', async () => {
    const high = await insertOpportunity(bed.handle.db, bed.fx, { score: 95 });
    await expect(
      bed.engine.applyLearnedAdjustment(bed.fx, { opportunityId: high, adjustment: 20, explanation: 'Strong.' }),
    ).resolves.toMatchObject({
      score: 100,
      learnedAdjustment: 20,
    });
    const low = await insertOpportunity(bed.handle.db, bed.fx, { score: 5 });
    await expect(
      bed.engine.applyLearnedAdjustment(bed.fx, { opportunityId: low, adjustment: -20, explanation: 'Weak.' }),
    ).resolves.toMatchObject({
      score: 0,
      learnedAdjustment: -20,
    });
  });

  it('refuses an adjustment outside -100..100 or fractional as bad input', async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx, { score: 50 });
    for (const bad of [101, -101, 2.5]) {
      await expectInputError(bed.engine.applyLearnedAdjustment(bed.fx, { opportunityId: id, adjustment: bad, explanation: 'Bad.' }));
    }
    expect(await readOpportunityRow(bed.handle.db, id)).toMatchObject({ score: 50, learnedAdjustment: 0 });
  });

  it('applies learning to the new base after an explicit re-score', async () => {
    const id = await insertOpportunity(bed.handle.db, bed.fx, { score: 50 });
    await bed.engine.applyLearnedAdjustment(bed.fx, { opportunityId: id, adjustment: 10, explanation: 'Learned.' });
    await bed.engine.updateOpportunityScore(bed.fx, { opportunityId: id, score: 30, explanation: 'Re-scored.' });
    await expect(
      bed.engine.applyLearnedAdjustment(bed.fx, { opportunityId: id, adjustment: 10, explanation: 'Learned.' }),
    ).resolves.toMatchObject({
      score: 40,
      baseScore: 30,
    });
  });
});
