import { describe, expect, it } from 'vitest';
import { fakeModelSystemPerFile } from '../../../test/fixtures/fake-model-system';
import { OpportunityGenerationOrchestrator } from './opportunity-generation';

// Opportunity generation through the real @ai-sdk/openai provider against the tests' local
// chat-completions server, which answers as the offline idea generator does unless a test scripts a
// failure.

const system = fakeModelSystemPerFile('Generation OpenAI Co');

const NOTES = [
  'Auditors ask for close evidence earlier\nReconciliations are now requested two weeks before year end.',
  'The median close is 6.4 days\nA survey of 400 finance teams found the median close barely moved in five years.',
  'CFOs move to weekly forecasts\nMore CFOs forecast weekly and say the close slows them down.',
];

describe('opportunity generation through the @ai-sdk/openai provider', () => {
  it('round-trips the structured candidates, lands them and records the model and token usage', async () => {
    const { ctx, fx } = system;
    await ctx.engines.strategy.updateStrategy(fx, { toneTags: ['plainspoken', 'practical', 'warm'] });
    for (const text of NOTES) await ctx.engines.sources.addNote(fx, { text });

    const result = await OpportunityGenerationOrchestrator.generate(ctx, fx, {});
    expect(system.model.calls.map((c) => c.schemaName)).toEqual(['OpportunityCandidates']);
    const context = system.model.calls[0]!.context as { signals: { title: string }[]; pillars: unknown[]; taboos: string[] };
    expect(context.signals.map((s) => s.title).sort()).toEqual(NOTES.map((n) => n.split('\n')[0]).sort());
    expect(context.taboos).toEqual(['guaranteed returns', 'crypto']);
    expect(result).toMatchObject({ proposed: 10, landed: 10, dropped: 0, model: expect.stringMatching(/kairo-test-model$/) });
    const [run] = await ctx.engines.runs.listRuns(fx, { flow: 'opportunity_generation', limit: 1 });
    expect(run).toMatchObject({ status: 'succeeded' });
    expect(run!.events.find((e) => e.node === 'propose_candidates')?.payload).toMatchObject({
      usage: { inputTokens: 111, outputTokens: 22 },
    });
  });

  it('asks once more after an off-schema answer, then fails the run and stores nothing', async () => {
    const { ctx, fx } = system;
    const before = await ctx.engines.opportunities.listOpportunitiesForBrand(fx, { limit: 200 });
    system.model.script(() => ({ kind: 'garbage', what: 'off-schema' }));
    await expect(OpportunityGenerationOrchestrator.generate(ctx, fx, {})).rejects.toMatchObject({
      name: 'ModelUnavailableError',
      message: expect.stringMatching(/^The idea generation model gave no usable answer/),
    });
    expect(system.model.calls.map((c) => c.schemaName)).toEqual(['OpportunityCandidates', 'OpportunityCandidates']);
    expect(await ctx.engines.opportunities.listOpportunitiesForBrand(fx, { limit: 200 })).toEqual(before);
    const [run] = await ctx.engines.runs.listRuns(fx, { flow: 'opportunity_generation', limit: 1 });
    expect(run).toMatchObject({ status: 'failed' });
  });
});
