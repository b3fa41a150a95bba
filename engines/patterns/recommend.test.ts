import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PatternDTO } from './dto';
import {
  EXPERIMENTAL_PENALTY,
  NEUTRAL_PRIOR,
  PILLAR_CATEGORY_BONUS,
  type RecommendationContext,
  rankPatterns,
  scorePattern,
} from './recommend';

const AT = new Date('2026-03-01T00:00:00Z');

function pattern(values: Partial<PatternDTO> = {}): PatternDTO {
  const brandId = values.brandId === undefined ? randomUUID() : values.brandId;
  return {
    id: randomUUID(),
    name: 'Pattern',
    category: 'education',
    status: 'active',
    beats: ['Hook', 'Point', 'CTA'],
    supportedChannels: ['linkedin', 'x'],
    exampleSnippet: null,
    performanceHint: null,
    usageCount: 0,
    lastUsedAt: null,
    avgEngagementScore: null,
    createdAt: AT,
    updatedAt: AT,
    ...values,
    brandId,
    isShared: brandId === null,
    scope: brandId === null ? 'shared' : 'brand',
  };
}

const linkedin: RecommendationContext = { channel: 'linkedin', pillarCategory: null, persona: null };
const names = (ranked: { pattern: PatternDTO }[]) => ranked.map((r) => r.pattern.name);

describe('scorePattern', () => {
  it('scores a measured pattern at its average engagement and an unmeasured one at the neutral prior', () => {
    expect(scorePattern(pattern({ avgEngagementScore: 72.25 }), linkedin)).toBe(72.3);
    expect(scorePattern(pattern({ avgEngagementScore: null }), linkedin)).toBe(NEUTRAL_PRIOR);
  });

  it('takes the experimental penalty off and adds the pillar-category bonus, within 0–100', () => {
    expect(scorePattern(pattern({ status: 'experimental', avgEngagementScore: 60 }), linkedin)).toBe(60 - EXPERIMENTAL_PENALTY);
    expect(scorePattern(pattern({ category: 'launch', avgEngagementScore: 60 }), { pillarCategory: ' Launch ' })).toBe(
      60 + PILLAR_CATEGORY_BONUS,
    );
    expect(scorePattern(pattern({ category: 'launch', avgEngagementScore: 98 }), { pillarCategory: 'launch' })).toBe(100);
    expect(scorePattern(pattern({ status: 'experimental', avgEngagementScore: 2 }), linkedin)).toBe(0);
  });
});

describe('rankPatterns', () => {
  it('never offers a retired pattern or one that does not support the channel, however well it did', () => {
    const ranked = rankPatterns(
      [
        pattern({ name: 'Retired star', status: 'retired', avgEngagementScore: 99 }),
        pattern({ name: 'X only', supportedChannels: ['x'], avgEngagementScore: 95 }),
        pattern({ name: 'Plain', avgEngagementScore: 10 }),
      ],
      linkedin,
      3,
    );
    expect(names(ranked)).toEqual(['Plain']);
  });

  it('ranks by score; at equal score the brand pattern before the shared one, then the more used, then by name', () => {
    const ranked = rankPatterns(
      [
        pattern({ name: 'b shared', brandId: null, avgEngagementScore: 70, usageCount: 50 }),
        pattern({ name: 'Zeta own', avgEngagementScore: 70, usageCount: 3 }),
        pattern({ name: 'alpha own', avgEngagementScore: 70, usageCount: 3 }),
        pattern({ name: 'Busy own', avgEngagementScore: 70, usageCount: 9 }),
        pattern({ name: 'Top shared', brandId: null, avgEngagementScore: 80 }),
      ],
      linkedin,
      5,
    );
    expect(names(ranked)).toEqual(['Top shared', 'Busy own', 'alpha own', 'Zeta own', 'b shared']);
  });

  it('puts an unmeasured pattern between patterns measured above and below the prior, and an experimental one below an equal active one', () => {
    const ranked = rankPatterns(
      [
        pattern({ name: 'Weak', avgEngagementScore: NEUTRAL_PRIOR - 1 }),
        pattern({ name: 'New', avgEngagementScore: null }),
        pattern({ name: 'Good', avgEngagementScore: NEUTRAL_PRIOR + 1 }),
        pattern({ name: 'Trial', status: 'experimental', avgEngagementScore: NEUTRAL_PRIOR + 1 }),
      ],
      linkedin,
      4,
    );
    // Trial measures as well as Good, but the penalty puts it below Weak's 49.
    expect(names(ranked)).toEqual(['Good', 'New', 'Weak', 'Trial']);
  });

  it('returns at most maxResults, the same ones for the same input in any order', () => {
    const candidates = Array.from({ length: 6 }, (_, i) => pattern({ name: `P${i}`, avgEngagementScore: 50 }));
    const once = rankPatterns(candidates, linkedin, 3);
    expect(once).toHaveLength(3);
    expect(names(rankPatterns([...candidates].reverse(), linkedin, 3))).toEqual(names(once));
  });

  it('explains the score: ownership, evidence, experimental status, pillar fit and the persona note', () => {
    const [own] = rankPatterns(
      [pattern({ avgEngagementScore: 72, usageCount: 1, category: 'launch', status: 'experimental' })],
      {
        channel: 'linkedin',
        pillarCategory: 'launch',
        persona: { name: 'CFO Chris', channelNote: 'reads long posts' },
      },
      1,
    );
    expect(own!.rationale).toBe(
      "The brand's own pattern for linkedin; averages 72/100 engagement over 1 use. Experimental, so ranked slightly lower. " +
        "Fits the pillar's launch focus. CFO Chris on linkedin: reads long posts",
    );
    const [shared] = rankPatterns([pattern({ brandId: null })], linkedin, 1);
    expect(shared!.rationale).toBe(`Shared pattern for linkedin; not measured yet, so it starts at the neutral ${NEUTRAL_PRIOR}/100.`);
  });
});

describe('the draft-quality boost: patterns whose drafts score well come first', () => {
  it('moves a pattern by (mean − 50) / 10, at most five points either way', async () => {
    const { draftQualityBoost, DRAFT_QUALITY_WEIGHT } = await import('./recommend');
    expect(draftQualityBoost(undefined)).toBe(0);
    expect(draftQualityBoost(80)).toBe(3);
    expect(draftQualityBoost(20)).toBe(-3);
    expect(draftQualityBoost(100)).toBe(DRAFT_QUALITY_WEIGHT);
    expect(draftQualityBoost(0)).toBe(-DRAFT_QUALITY_WEIGHT);
  });

  it('breaks a tie towards the pattern with better drafts, and says so', () => {
    const plain = pattern({ name: 'A plain one', avgEngagementScore: 60 });
    const good = pattern({ name: 'B good drafts', avgEngagementScore: 60 });
    expect(names(rankPatterns([plain, good], linkedin, 2))).toEqual(['A plain one', 'B good drafts']);
    const ranked = rankPatterns([plain, good], { ...linkedin, draftScores: new Map([[good.id, 90]]) }, 2);
    expect(names(ranked)).toEqual(['B good drafts', 'A plain one']);
    expect(ranked[0]!.score).toBe(64);
    expect(ranked[0]!.rationale).toContain('Its drafts here score 90/100 on the rubric.');
  });

  it('never outweighs a real gap in engagement', () => {
    const engaging = pattern({ name: 'Engaging', avgEngagementScore: 75 });
    const polished = pattern({ name: 'Polished', avgEngagementScore: 60 });
    const ranked = rankPatterns(
      [engaging, polished],
      {
        ...linkedin,
        draftScores: new Map([
          [polished.id, 100],
          [engaging.id, 30],
        ]),
      },
      2,
    );
    expect(names(ranked)).toEqual(['Engaging', 'Polished']);
  });
});
