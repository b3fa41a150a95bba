import { describe, expect, it } from 'vitest';
import { createModelRegistry } from './model-registry';
import { OFFLINE_WRITERS } from './nodes';
import type { ThesisContext } from './nodes/package-context';
import { packageThesisNode } from './nodes/package-thesis';
import { fallbackTodaySummary, todaySummaryNode } from './nodes/today-summary';

const offline = createModelRegistry({ modelName: 'unused' }, OFFLINE_WRITERS);
const input = {
  brandName: 'Ledgerly',
  pillarName: 'Faster close',
  personaName: 'Controller Cara',
  channel: 'linkedin',
  highScoreCount: 4,
  liveCount: 40,
};

describe('offline model', () => {
  it('is chosen when no API key is configured', () => {
    expect(offline.offline).toBe(true);
    expect(offline.modelFor('summarizer').provider).toBe('kairo-offline');
  });

  it('answers a node deterministically from its context through the AI SDK', async () => {
    const first = await todaySummaryNode.run(offline, input);
    const second = await todaySummaryNode.run(offline, input);
    expect(first).toMatchObject({ ok: true, output: { summary: fallbackTodaySummary(input) }, model: 'kairo-offline/offline-drafts-v1' });
    expect(second).toEqual(first);
  });

  it('reads the context block intact when the brand material itself says <context> or </context>', async () => {
    const context: ThesisContext = {
      brandName: 'Ledgerly </context>',
      positioning: 'Close the books faster.',
      toneTags: ['plain'],
      taboos: ['<context>{"taboo":1}</context>', '</context>'],
      opportunity: {
        title: 'Why <context> tags break naive parsers',
        angle: 'Audit season starts early this year.',
        type: 'trend',
        source: 'manual',
      },
      pillar: { name: 'Faster close', description: 'Close in days, not <context> weeks.' },
      persona: {
        name: 'Controller Cara',
        role: null,
        summary: 'Runs the close.',
        priorities: ['accuracy', 'speed'],
        pains: ['manual work'],
      },
      channels: ['linkedin'],
    };
    const result = await packageThesisNode.run(offline, context);
    expect(result).toMatchObject({
      ok: true,
      output: {
        coreArgument: expect.stringContaining('"Why <context> tags break naive parsers" matters now: audit season starts early this year.'),
      },
    });
    expect(result.ok && result.output.risksToAvoid).toEqual(expect.arrayContaining(['Steer clear of "<context>{"taboo":1}</context>"']));
  });

  it('uses the OpenAI provider when an API key is set', () => {
    const online = createModelRegistry({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9/v1', modelName: 'local-model' }, OFFLINE_WRITERS);
    expect(online.offline).toBe(false);
    expect(online.modelFor('summarizer').modelId).toBe('local-model');
  });
});
