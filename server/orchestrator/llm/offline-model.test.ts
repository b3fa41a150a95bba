import { describe, expect, it } from 'vitest';
import { createModelRegistry } from './model-registry';
import { OFFLINE_WRITERS } from './nodes';
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

  it('uses the OpenAI provider when an API key is set', () => {
    const online = createModelRegistry({ apiKey: 'sk-test', baseUrl: 'http://127.0.0.1:9/v1', modelName: 'local-model' }, OFFLINE_WRITERS);
    expect(online.offline).toBe(false);
    expect(online.modelFor('summarizer').modelId).toBe('local-model');
  });
});
