import { describe, expect, it } from 'vitest';
import { strategyDraftProblems } from '../../../lib/strategy-rules';
import { fakeModelSystemPerFile } from '../../../test/fixtures/fake-model-system';
import { BrandStrategyOrchestrator } from './brand-strategy';

// F0 through the real @ai-sdk/openai provider against the tests' local chat-completions server, which
// answers as the offline strategist does unless a test scripts a failure.

const system = fakeModelSystemPerFile('Strategy OpenAI Co');

const input = {
  answers: {
    oneLiner: 'Ledgerly closes the books for finance teams in three days.',
    audience: 'Controllers, CFOs',
    goals: 'Earn trust; explain the close',
    antiVoice: 'salesy',
    taboos: 'guaranteed savings, politics',
  },
  examples: [{ text: 'We closed March in two days.', label: 'us' as const }],
};

describe('F0 through the @ai-sdk/openai provider', () => {
  it('round-trips the structured draft and records the model and token usage', async () => {
    const proposed = await BrandStrategyOrchestrator.proposeDraft(system.ctx, system.fx, input);
    expect(system.model.calls.map((c) => c.schemaName)).toEqual(['StrategyDraft']);
    expect(system.model.calls[0]!.context).toMatchObject({ answers: input.answers });
    expect(proposed).toMatchObject({
      offline: false,
      model: expect.stringMatching(/kairo-test-model$/),
      taboos: ['guaranteed savings', 'politics'],
    });
    expect(strategyDraftProblems(proposed)).toEqual([]);
    const [run] = await system.ctx.engines.runs.listRuns(system.fx, { limit: 1 });
    expect(run).toMatchObject({ flow: 'f0_strategy', status: 'succeeded' });
    expect(run!.events.find((e) => e.node === 'strategy_draft')?.payload).toMatchObject({ usage: { inputTokens: 111, outputTokens: 22 } });
  });

  it.each(['prose', 'off-schema'] as const)('asks once more after an answer that is %s, then fails clearly', async (what) => {
    system.model.script(() => ({ kind: 'garbage', what }));
    const before = await system.ctx.engines.brandBrain.getBrandStrategyView(system.fx);
    await expect(BrandStrategyOrchestrator.proposeDraft(system.ctx, system.fx, input)).rejects.toMatchObject({
      name: 'ModelUnavailableError',
      message: expect.stringMatching(/^The strategy draft model gave no usable answer/),
    });
    expect(system.model.calls.map((c) => c.schemaName)).toEqual(['StrategyDraft', 'StrategyDraft']);
    const [run] = await system.ctx.engines.runs.listRuns(system.fx, { limit: 1 });
    expect(run).toMatchObject({ flow: 'f0_strategy', status: 'failed' });
    expect(await system.ctx.engines.brandBrain.getBrandStrategyView(system.fx)).toEqual(before);
  });

  it('succeeds when the second answer is valid', async () => {
    let calls = 0;
    system.model.script(() => (calls++ === 0 ? { kind: 'garbage', what: 'off-schema' } : { kind: 'answer' }));
    const proposed = await BrandStrategyOrchestrator.proposeDraft(system.ctx, system.fx, input);
    expect(calls).toBe(2);
    expect(proposed.pillars.length).toBeGreaterThanOrEqual(2);
  });
});
