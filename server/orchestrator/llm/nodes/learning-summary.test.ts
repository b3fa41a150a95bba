import { describe, expect, it } from 'vitest';
import { fallbackLearningSummary, type LearningSummaryInput, LearningSummaryOutput } from './learning-summary';

const base: LearningSummaryInput = {
  brandName: 'Ledgerline',
  windowDays: 30,
  variantsScored: 6,
  patterns: [
    { name: 'Myth buster', avgEngagementScore: 41, variantsInWindow: 2, trend: null },
    { name: 'Data-backed insight', avgEngagementScore: 77, variantsInWindow: 3, trend: 4 },
    { name: 'Unused', avgEngagementScore: null, variantsInWindow: 0, trend: null },
  ],
  pillars: [
    { name: 'Faster close', sharePercent: 66.7, avgEngagementScore: 40 },
    { name: 'Audit readiness', sharePercent: 33.3, avgEngagementScore: 70 },
    { name: 'Hiring', sharePercent: 0, avgEngagementScore: null },
  ],
  channels: [{ channel: 'linkedin', ratePer100: 3.1 }],
};

describe('fallbackLearningSummary', () => {
  it('names the best and the weakest pattern of the window with their scores', () => {
    expect(fallbackLearningSummary(base)).toMatch(
      /^In the last 30 days, "Data-backed insight" worked best \(77\/100 over 3 posts\) and "Myth buster" did least \(41\/100\)\./,
    );
  });

  it('calls the biggest pillar that engages below average over-invested and a strong small one under-invested', () => {
    const summary = fallbackLearningSummary(base);
    expect(summary).toContain('Faster close took 67% of the posts but engaged below average: over-invested.');
    expect(summary).toContain('Audit readiness got 33% of the posts yet engaged at 70/100: under-invested.');
  });

  it('says there is nothing to learn from yet when no post has metrics', () => {
    expect(fallbackLearningSummary({ ...base, variantsScored: 0, patterns: [], pillars: [] })).toMatch(
      /No published variants of Ledgerline have metrics from the last 30 days yet/,
    );
  });

  it('always fits the output schema, whatever the figures', () => {
    const long = {
      ...base,
      patterns: base.patterns.map((p) => ({ ...p, name: 'x'.repeat(80) })),
      pillars: base.pillars.map((p) => ({ ...p, name: 'y'.repeat(80) })),
    };
    for (const input of [base, long, { ...base, windowDays: 1, pillars: [] }]) {
      expect(LearningSummaryOutput.safeParse({ summary: fallbackLearningSummary(input) }).success).toBe(true);
    }
  });
});
