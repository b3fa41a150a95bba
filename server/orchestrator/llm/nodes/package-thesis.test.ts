import { describe, expect, it } from 'vitest';
import { PackageThesis, writeOfflineThesis } from './package-thesis';

const bare = {
  brandName: 'Ledgerline',
  positioning: '',
  toneTags: [],
  taboos: [],
  opportunity: {
    title: 'Quarter-end close in five days',
    angle: 'Teams that close fast share three habits.',
    type: 'trend',
    source: 'Feed',
  },
  pillar: null,
  persona: null,
  channels: ['linkedin' as const],
};

describe('the offline thesis writer', () => {
  it('writes a schema-valid thesis for an opportunity with no pillar, persona or positioning', () => {
    const thesis = writeOfflineThesis(bare);
    expect(PackageThesis.safeParse(thesis).success).toBe(true);
    expect(thesis.supportingPoints.length).toBeGreaterThanOrEqual(3);
    expect(thesis.supportingPoints.join(' ')).toContain('Teams that close fast');
  });
});
