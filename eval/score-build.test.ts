import { describe, expect, it } from 'vitest';
import { CHANNEL_LIMITS } from '../engines/enums';
import { STRATEGY_BOUNDS } from '../lib/strategy-rules';
import { EVAL_BRANDS } from './brands';
import { type BuiltPackage, scoreBuild } from './score-build';

const brand = EVAL_BRANDS.find((candidate) => candidate.key === 'forgekit')!;
const idea = brand.opportunities.find((candidate) => candidate.key === 'blazing-fast-ci')!;

const LINKEDIN = [
  'Bigger CI runners still rebuild everything your monorepo did not change.',
  'A platform engineer sees it in p95 pipeline time: a 2x faster machine halves a build that should not have run at all. The slow part is the cache key, which hashes files no step reads, so every commit misses.',
  'Key each step on its real inputs: the sources it compiles, the lockfile, the toolchain version and the environment variables it reads. Everything else stays out of the key.',
  'On a 200-engineer monorepo that change took p95 from 38 to 14 minutes with the same runners, and the bill went down instead of up.',
  'Which input would surprise you most if you hashed your own cache keys today?',
].join('\n\n');

const variant = (id: string, channel: 'linkedin' | 'x', draftText: string) => ({
  id,
  channel,
  patternTemplateId: null,
  draftText,
  editedText: null,
  approvedText: null,
});

const built = (
  overrides: Partial<BuiltPackage['package']> = {},
  xText = 'Slow CI is a cache-key problem: key steps on real inputs and p95 drops. What is in yours?',
): BuiltPackage => ({
  package: {
    title: 'Fast CI is a cache-key problem, not a bigger-runner problem',
    coreArgument:
      'Platform engineers on monorepos fight slow pipelines with bigger runners, but a faster machine still rebuilds everything; cache keys made of real inputs cut p95 pipeline time instead.',
    keyPoints: ['Bigger runners halve a build that should not run', 'Cache keys hash only real inputs', 'Measure p95, not the mean'],
    risksToAvoid: ['Steer clear of "blazing fast"'],
    channels: ['x', 'linkedin'],
    ...overrides,
  },
  opportunity: { title: idea.title, angle: idea.angle },
  variantsByChannel: { x: [variant('v-x', 'x', xText)], linkedin: [variant('v-li', 'linkedin', LINKEDIN)] },
  warnings: [],
});

describe('scoreBuild', () => {
  it('finds no taboo and no limit breach in a clean package, and scores it with the rubric', () => {
    const scored = scoreBuild(brand, idea, built());
    expect(scored.packageTaboos).toEqual([]);
    expect(scored.drafts.map((draft) => [draft.channel, draft.valid, draft.taboos, draft.overChannelLimit])).toEqual([
      ['x', true, [], false],
      ['linkedin', true, [], false],
    ]);
    expect(scored.drafts.every((draft) => draft.score > 0 && draft.judgeScore === null)).toBe(true);
    expect(scored.packageScore).toBeGreaterThan(0);
    expect(scored.expectationCoverage).toBeGreaterThan(0.9);
  });

  it('counts a taboo per field of the thesis, but not in the risks to avoid', () => {
    const scored = scoreBuild(
      brand,
      idea,
      built({ title: idea.title, keyPoints: ['Blazing fast is the wrong goal', 'Key on inputs', 'Measure p95'] }),
    );
    expect(scored.packageTaboos).toEqual([
      { term: 'blazing fast', field: 'title' },
      { term: 'blazing fast', field: 'key point 1' },
    ]);
    expect(scored.packageScore).toBe(0);
  });

  it('flags a draft over its channel limit and one mentioning a taboo', () => {
    const long = `${'Key each CI step on its real inputs and nothing else. '.repeat(12)}`;
    expect(long.length).toBeGreaterThan(CHANNEL_LIMITS.x);
    const scored = scoreBuild(brand, idea, built({}, long));
    expect(scored.drafts[0]).toMatchObject({ channel: 'x', valid: false, overChannelLimit: true, score: 0 });
    const taboo = scoreBuild(brand, idea, built({}, 'Our cache is blazing fast and just works for every monorepo. Try it?'));
    expect(taboo.drafts[0]).toMatchObject({ valid: false, taboos: ['blazing fast', 'just works'] });
  });

  it('scores a draft the judge was heard on with the judge’s score, and lists a judge not heard as a warning', () => {
    const scored = scoreBuild(
      brand,
      idea,
      built(),
      new Map([
        ['v-x', { score: 42 }],
        ['v-li', { error: 'timeout' }],
      ]),
    );
    expect(scored.drafts[0]).toMatchObject({ score: 42, judgeScore: 42 });
    expect(scored.drafts[1]!.judgeScore).toBeNull();
    expect(scored.warnings).toEqual(['linkedin: the judge was not heard (timeout)']);
  });
});

describe('the reference brands', () => {
  it('are at least five, each a valid strategy whose opportunities name its pillars and personas, draft its channels and set traps among its taboos', () => {
    expect(EVAL_BRANDS.length).toBeGreaterThanOrEqual(5);
    for (const reference of EVAL_BRANDS) {
      const { strategy } = reference;
      expect(strategy.pillars.length, reference.key).toBeGreaterThanOrEqual(STRATEGY_BOUNDS.pillars.min);
      expect(reference.opportunities.length, reference.key).toBeGreaterThanOrEqual(2);
      const channels = reference.channels.map((entry) => entry.channel);
      for (const opportunity of reference.opportunities) {
        const where = `${reference.key}/${opportunity.key}`;
        expect(
          strategy.pillars.map((pillar) => pillar.name),
          where,
        ).toContain(opportunity.pillar);
        expect(
          strategy.personas.map((persona) => persona.name),
          where,
        ).toContain(opportunity.persona);
        expect(opportunity.channels, where).toContain(reference.primaryChannel);
        for (const channel of opportunity.channels) expect(channels, where).toContain(channel);
        for (const trap of opportunity.expected.tabooTraps) expect(strategy.taboos, where).toContain(trap);
      }
    }
  });
});
