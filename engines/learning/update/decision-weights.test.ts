import { describe, expect, it } from 'vitest';
import { DecisionKind } from '../../enums';
import { boundedDecisionWeight, DECISION_VALUES, MAX_DECISION_WEIGHT } from './decision-weights';

describe('decision weights', () => {
  it('values every decision kind: choosing to work on an idea is positive, setting it aside negative', () => {
    expect(Object.keys(DECISION_VALUES).sort()).toEqual([...DecisionKind.options].sort());
    for (const kind of ['pinned', 'opened_as_package', 'sent_to_review', 'variant_published', 'variant_edited'] as const) {
      expect(DECISION_VALUES[kind]).toBeGreaterThan(0);
    }
    for (const kind of ['dismissed', 'snoozed', 'unpinned'] as const) expect(DECISION_VALUES[kind]).toBeLessThan(0);
    // An unpin takes back less than the pin gave; a dismissal weighs most against.
    expect(Math.abs(DECISION_VALUES.unpinned)).toBeLessThan(DECISION_VALUES.pinned);
    expect(DECISION_VALUES.dismissed).toBeLessThan(DECISION_VALUES.snoozed);
  });

  it('sums a key’s decisions, rounded, and bounds the sum to ±0.5 however many there are', () => {
    expect(boundedDecisionWeight([0.1, 0.1, 0.1, -0.05])).toBe(0.25);
    expect(boundedDecisionWeight(Array(5).fill(-0.15))).toBe(-MAX_DECISION_WEIGHT);
    expect(boundedDecisionWeight(Array(1_000).fill(DECISION_VALUES.variant_published))).toBe(MAX_DECISION_WEIGHT);
    expect(boundedDecisionWeight([0.1, -0.1])).toBe(0);
    expect(Object.is(boundedDecisionWeight([-0.0001]), -0)).toBe(false);
    expect(boundedDecisionWeight([])).toBe(0);
  });
});
