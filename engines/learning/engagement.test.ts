import { describe, expect, it } from 'vitest';
import { channelReference, type EventTotals, engagementRate, engagementScore, learnedAdjustment, noEventTotals } from './engagement';

const totals = (values: Partial<EventTotals>): EventTotals => ({ ...noEventTotals(), ...values });

describe('engagementRate', () => {
  it('weights each interaction type and divides by impressions', () => {
    // 10·1 + 2·3 + 1·4 + 3·3 + 5·2 + 4·2 + 6·1 = 53 weighted interactions over 1,000 impressions.
    const rate = engagementRate(
      totals({ impressions: 1000, likes: 10, comments: 2, shares: 1, saves: 3, clicks: 5, linkClicks: 4, profileVisits: 6 }),
    );
    expect(rate).toBeCloseTo(0.053, 10);
  });

  it('counts a share as four likes', () => {
    expect(engagementRate(totals({ impressions: 100, shares: 1 }))).toBe(engagementRate(totals({ impressions: 100, likes: 4 })));
  });

  it('has no rate without impressions, whatever the interactions', () => {
    expect(engagementRate(totals({ likes: 50, comments: 3 }))).toBeNull();
  });
});

describe('engagementScore', () => {
  it('scores the channel median at 50 and twice the median or more at 100', () => {
    const rates = [0.01, 0.02, 0.03];
    expect(engagementScore(0.02, rates)).toBe(50);
    expect(engagementScore(0.01, rates)).toBe(25);
    expect(engagementScore(0.04, rates)).toBe(100);
    expect(engagementScore(0.5, rates)).toBe(100);
  });

  it('uses the mean of the two middle rates as the median of an even count', () => {
    expect(channelReference([0.01, 0.02, 0.04, 0.1])).toBeCloseTo(0.06, 10);
  });

  it('judges each channel by its own rates, so a low-volume channel can score as high as a busy one', () => {
    const linkedin = [0.02, 0.04, 0.06];
    const x = [0.002, 0.004, 0.006];
    expect(engagementScore(0.06, linkedin)).toBe(75);
    expect(engagementScore(0.006, x)).toBe(75);
  });

  it('falls back to the best rate when most variants had no interactions', () => {
    expect(engagementScore(0.02, [0, 0, 0, 0.02, 0.04])).toBe(50);
    expect(engagementScore(0, [0, 0, 0])).toBe(0);
  });

  it('scores a variant without a rate at 0', () => {
    expect(engagementScore(null, [0.01, 0.02])).toBe(0);
  });

  it('rounds to two decimals', () => {
    expect(engagementScore(1 / 3, [0.5])).toBe(33.33);
  });
});

describe('learnedAdjustment', () => {
  it('maps average engagement 0–100 linearly onto −20..+20 around a typical 50', () => {
    expect(learnedAdjustment(50)).toBe(0);
    expect(learnedAdjustment(100)).toBe(20);
    expect(learnedAdjustment(0)).toBe(-20);
    expect(learnedAdjustment(75)).toBe(10);
    expect(learnedAdjustment(40)).toBe(-4);
  });

  it('is a whole number and never negative zero', () => {
    expect(learnedAdjustment(51)).toBe(0);
    expect(Object.is(learnedAdjustment(49.5), -0)).toBe(false);
  });
});
