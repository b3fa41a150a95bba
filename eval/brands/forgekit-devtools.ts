import type { EvalBrand } from './types';

/** A developer-tools company: a remote build cache for CI. X is where its readers are. */
export const forgekitDevtools: EvalBrand = {
  key: 'forgekit',
  name: 'Forgekit',
  kind: 'Developer tools (CI build cache)',
  primaryChannel: 'x',
  channels: [
    { channel: 'x', handle: '@forgekit' },
    { channel: 'linkedin', handle: 'forgekit' },
    { channel: 'newsletter', handle: 'Cache Hits' },
  ],
  strategy: {
    positioning:
      'Forgekit is a remote build cache for CI: it stores compiled outputs and test results keyed by their inputs, so a pipeline rebuilds only what changed. Open-source client, hosted or self-hosted cache.',
    pillars: [
      {
        name: 'Faster pipelines, measured',
        description: 'Where CI time goes and how caching changes it, with before-and-after numbers from real repos.',
        priority: 1,
      },
      {
        name: 'Correct builds',
        description: 'Hermetic inputs, cache keys and the bugs a wrong cache hit causes.',
        priority: 2,
      },
      {
        name: 'Platform engineering craft',
        description: 'How platform teams run CI as a product for the engineers who use it.',
        priority: 3,
      },
    ],
    personas: [
      {
        name: 'Platform Engineer Paula',
        role: 'Staff platform engineer',
        summary: 'Owns CI for 200 engineers in a monorepo; her backlog is full of “CI is slow” tickets.',
        priorities: ['p95 pipeline time', 'cache hit rate', 'no flaky builds from caching'],
        pains: ['CI bills growing faster than headcount', 'engineers rerunning jobs blindly'],
        priority: 'high',
      },
      {
        name: 'Engineering Manager Eli',
        role: 'Engineering manager',
        summary: 'Feels the slow pipeline in every standup and needs a number to take to the budget meeting.',
        priorities: ['time engineers wait on CI', 'cost per pipeline', 'a change that does not need a migration project'],
        pains: ['context switching while CI runs'],
        priority: 'medium',
      },
    ],
    toneTags: ['technical', 'dry', 'honest', 'concise'],
    taboos: ['blazing fast', '10x engineer', 'rockstar', 'just works', 'ninja'],
  },
  opportunities: [
    {
      key: 'blazing-fast-ci',
      type: 'competitive',
      title: 'Blazing fast CI is a cache-key problem, not a bigger-runner problem',
      angle:
        'A rival just launched bigger CI runners as the answer to slow pipelines. Show a platform engineer why a 2x faster machine still rebuilds everything, and how cache keys that include only real inputs cut p95 pipeline time on a monorepo.',
      pillar: 'Faster pipelines, measured',
      persona: 'Platform Engineer Paula',
      primaryChannel: 'x',
      channels: ['x', 'linkedin', 'newsletter'],
      expected: {
        audience: ['platform', 'engineer', 'monorepo'],
        problem: ['slow', 'rebuilds', 'pipeline time'],
        angleKeywords: ['cache key', 'inputs', 'p95', 'runner'],
        tabooTraps: ['blazing fast'],
      },
    },
    {
      key: 'poisoned-cache',
      type: 'evergreen',
      title: 'The day our cache served a stale binary: a post-mortem',
      angle:
        'An environment variable left out of the cache key made CI reuse a binary built against the old config. Tell the post-mortem plainly: how we found it, the one-line fix to the key, and the check that now fails a build when an undeclared input changes.',
      pillar: 'Correct builds',
      persona: 'Platform Engineer Paula',
      primaryChannel: 'x',
      channels: ['x', 'newsletter'],
      expected: {
        audience: ['platform', 'engineer', 'CI'],
        problem: ['stale', 'wrong cache hit', 'undeclared input'],
        angleKeywords: ['environment variable', 'cache key', 'post-mortem', 'check'],
        tabooTraps: ['just works'],
      },
    },
    {
      key: 'ci-wait-cost',
      type: 'campaign',
      title: 'What 40 minutes of CI waiting costs a 50-person team each month',
      angle:
        'Budget season: engineering managers need a number. Give them the arithmetic: pipelines per day, minutes waited, the share of that time lost to context switching, and what halving p95 would return, without hero-developer clichés.',
      pillar: 'Platform engineering craft',
      persona: 'Engineering Manager Eli',
      primaryChannel: 'x',
      channels: ['x', 'linkedin'],
      expected: {
        audience: ['engineering manager', 'team', 'manager'],
        problem: ['waiting', 'context switching', 'cost'],
        angleKeywords: ['pipelines per day', 'minutes', 'p95', 'budget'],
        tabooTraps: ['10x engineer', 'rockstar'],
      },
    },
  ],
};
