import { describe, expect, it } from 'vitest';
import {
  type BuildRecord,
  brandTable,
  buildTable,
  type DraftRecord,
  missedTargets,
  percentiles,
  resultsSection,
  summarize,
} from './metrics';
import { expectationCoverage } from './score-build';

const draft = (overrides: Partial<DraftRecord> = {}): DraftRecord => ({
  channel: 'linkedin',
  score: 75,
  valid: true,
  failedRules: [],
  taboos: [],
  overChannelLimit: false,
  judgeScore: null,
  ...overrides,
});

const build = (overrides: Partial<BuildRecord> = {}): BuildRecord => ({
  brandKey: 'brand',
  opportunityKey: 'idea',
  wallMs: 100,
  error: null,
  packageScore: 60,
  packageFailedRules: [],
  packageTaboos: [],
  drafts: [draft()],
  expectationCoverage: 0.5,
  warnings: [],
  ...overrides,
});

describe('percentiles', () => {
  it('are nearest-rank over unsorted samples', () => {
    const samples = [900, 100, 500, 300, 700, 200, 800, 400, 1000, 600];
    expect(percentiles(samples, [0.5, 0.95])).toEqual([500, 1000]);
    expect(percentiles([42], [0.5, 0.95])).toEqual([42, 42]);
  });

  it('are null without samples', () => {
    expect(percentiles([], [0.5, 0.95])).toEqual([null, null]);
  });
});

describe('summarize', () => {
  it('counts taboos in package texts and drafts, over-limit drafts, and the share of drafts scoring at least 70', () => {
    const summary = summarize([
      build({
        wallMs: 300,
        packageTaboos: [{ term: 'crypto', field: 'title' }],
        drafts: [draft({ score: 70 }), draft({ score: 0, valid: false, taboos: ['crypto', 'doom'], failedRules: ['taboo'] })],
      }),
      build({ wallMs: 100, drafts: [draft({ score: 50 }), draft({ channel: 'x', score: 0, valid: false, overChannelLimit: true })] }),
    ]);
    expect(summary).toMatchObject({
      builds: 2,
      failedBuilds: 0,
      drafts: 4,
      invalidDrafts: 2,
      tabooViolations: 3,
      limitViolations: 1,
      meanDraftScore: 30,
      goodDraftShare: 0.25,
      meanPackageScore: 60,
      p50Ms: 100,
      p95Ms: 300,
    });
  });

  it('times a failed build but scores only the built ones', () => {
    const summary = summarize([build({ wallMs: 50 }), build({ wallMs: 900, error: 'Error: model down', drafts: [], packageScore: null })]);
    expect(summary).toMatchObject({ builds: 2, failedBuilds: 1, drafts: 1, meanDraftScore: 75, meanPackageScore: 60, p95Ms: 900 });
  });
});

describe('missedTargets', () => {
  it('is empty when no taboo, no over-limit draft and no failed build', () => {
    expect(missedTargets(summarize([build()]))).toEqual([]);
  });

  it('names each missed target, and low scores are not one', () => {
    const summary = summarize([
      build({ packageTaboos: [{ term: 'doom', field: 'core argument' }], drafts: [draft({ score: 10, overChannelLimit: true })] }),
      build({ error: 'Error: boom', drafts: [] }),
    ]);
    expect(missedTargets(summary)).toEqual([
      '1 of 2 builds failed (target 0)',
      '1 taboo violations (target 0)',
      '1 channel-limit violations (target 0)',
    ]);
    expect(missedTargets(summarize([build({ packageScore: 0, drafts: [draft({ score: 0, valid: false })] })]))).toEqual([]);
  });

  it('counts a run with no builds as missed', () => {
    expect(missedTargets(summarize([]))).toEqual(['no build ran']);
  });
});

describe('the results table', () => {
  it('has a row per brand and a total row, with placeholders for figures it cannot have', () => {
    const good = summarize([build({ wallMs: 120 }), build({ wallMs: 80, drafts: [draft({ score: 100 })] })]);
    const broken = summarize([build({ error: 'Error: boom', drafts: [] })]);
    const table = brandTable(
      [
        { brand: 'Good Co', summary: good },
        { brand: 'Broken Co', summary: broken },
      ],
      summarize([]),
    );
    const lines = table.split('\n');
    expect(lines[0]).toBe(
      '| brand | builds | drafts | taboo | limit | invalid | draft score | ≥ 70 | package score | expectations | p50 ms | p95 ms |',
    );
    expect(lines[1]).toMatch(/^\| --- \|( ---: \|){11}$/);
    expect(lines[2]).toBe('| Good Co | 2 | 2 | 0 | 0 | 0 | 87.5 | 100% | 60.0 | 50% | 80 | 120 |');
    expect(lines[3]).toBe('| Broken Co | 0/1 | 0 | 0 | 0 | 0 | – | – | – | – | 100 | 100 |');
    expect(lines[4]).toBe('| **all** | 0 | 0 | 0 | 0 | 0 | – | – | – | – | – | – |');
  });

  it('has a row per build, a failed one marked', () => {
    const table = buildTable([
      build({
        brandKey: 'coffee',
        opportunityKey: 'v60',
        wallMs: 123.4,
        drafts: [draft({ channel: 'newsletter', score: 80 }), draft({ channel: 'x', score: 60 })],
      }),
      build({
        brandKey: 'coffee',
        opportunityKey: 'detox',
        error: 'Error: boom',
        drafts: [],
        packageScore: null,
        expectationCoverage: null,
      }),
    ]).split('\n');
    expect(table[0]).toBe('| build | channels | drafts | draft score | package score | expectations | ms |');
    expect(table[2]).toBe('| coffee/v60 | newsletter, x | 2 | 70.0 | 60 | 50% | 123 |');
    expect(table[3]).toBe('| coffee/detox | failed | 0 | – | – | – | 100 |');
  });

  it('goes into a dated section with the model, the targets and each problem', () => {
    const builds = [build({ brandKey: 'coffee', opportunityKey: 'detox', packageTaboos: [{ term: 'detox', field: 'title' }] })];
    const total = summarize(builds);
    const section = resultsSection({
      startedAt: new Date('2026-11-30T13:45:10Z'),
      model: 'offline model (kairo-offline/offline-drafts-v1)',
      judge: 'none',
      builds,
      brands: [{ brand: 'Coffee', summary: total }],
      total,
    });
    expect(section.split('\n')[0]).toBe('## 2026-11-30 13:45 UTC — offline model (kairo-offline/offline-drafts-v1)');
    expect(section).toContain('Targets: missed — 1 taboo violations (target 0).');
    expect(section).toContain('- taboo violations: 1 (target 0)');
    expect(section).toContain('| Coffee | 1 |');
    expect(section).toContain('- coffee/detox: the package mentions "detox" (title)');
  });
});

describe('expectationCoverage', () => {
  const expected = {
    audience: ['CFO', 'finance'],
    problem: ['idle cash'],
    angleKeywords: ['13-week', 'buffer', 'covenant', 'forecast'],
    tabooTraps: [],
  };

  it('gives a third each to audience and problem and shares the last third among the angle keywords, matched as whole words', () => {
    expect(expectationCoverage(['A CFO with idle cash should size the buffer from the 13-week forecast.'], expected)).toBeCloseTo(
      (1 + 1 + 3 / 4) / 3,
    );
    expect(expectationCoverage(['Refinance your forecasting'], expected)).toBe(0);
  });
});
