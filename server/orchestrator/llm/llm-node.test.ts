import { MockLanguageModelV4 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { PromptBuildError } from './errors';
import { defineLlmNode } from './llm-node';
import type { ModelRegistry } from './model-registry';

const answer = (text: string) => ({
  content: [{ type: 'text' as const, text }],
  finishReason: { unified: 'stop' as const, raw: 'stop' },
  usage: {
    inputTokens: { total: 12, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: 5, text: undefined, reasoning: undefined },
  },
  warnings: [],
});

const registry = (model: MockLanguageModelV4): ModelRegistry => ({ modelFor: () => model, offline: false });

const node = defineLlmNode({
  name: 'Echo',
  role: 'summarizer',
  input: z.object({ topic: z.string().max(50) }),
  output: z.object({ line: z.string().min(3) }),
  instructions: 'Echo the topic.',
  prompt: (input) => `Topic: ${input.topic}`,
  offline: (input) => ({ line: input.topic }),
  failure: 'soft',
  timeoutMs: 200,
});

describe('defineLlmNode', () => {
  it('returns the validated object with model label and token usage', async () => {
    const model = new MockLanguageModelV4({ doGenerate: answer('{"line":"hello"}') });
    const result = await node.run(registry(model), { topic: 'hello' });
    expect(result).toEqual({
      ok: true,
      output: { line: 'hello' },
      model: 'mock-provider/mock-model-id',
      usage: { inputTokens: 12, outputTokens: 5 },
      attempts: 1,
    });
  });

  it('sends the input DTO as the context block and names the structured output', async () => {
    const model = new MockLanguageModelV4({ doGenerate: answer('{"line":"hello"}') });
    await node.run(registry(model), { topic: 'hello' });
    const call = model.doGenerateCalls[0]!;
    expect(call.responseFormat).toMatchObject({ type: 'json', name: 'Echo' });
    expect(JSON.stringify(call.prompt)).toContain('<context>{\\"topic\\":\\"hello\\"}</context>');
  });

  it('asks once more after a schema-invalid answer and accepts the valid second one', async () => {
    const model = new MockLanguageModelV4({ doGenerate: [answer('{"line":1}'), answer('{"line":"second"}')] });
    const result = await node.run(registry(model), { topic: 'x' });
    expect(result).toMatchObject({ ok: true, output: { line: 'second' }, attempts: 2 });
    expect(model.doGenerateCalls).toHaveLength(2);
  });

  it('fails with the node policy after two malformed answers', async () => {
    const model = new MockLanguageModelV4({ doGenerate: [answer('not json'), answer('{"nope":true}')] });
    const result = await node.run(registry(model), { topic: 'x' });
    expect(result).toMatchObject({ ok: false, failure: 'soft', attempts: 2 });
  });

  it('fails as a timeout when the model does not answer in time', async () => {
    const model = new MockLanguageModelV4({
      doGenerate: ({ abortSignal }) => new Promise((_, reject) => abortSignal?.addEventListener('abort', () => reject(abortSignal.reason))),
    });
    const result = await node.run(registry(model), { topic: 'x' });
    expect(result).toMatchObject({ ok: false, error: 'the model did not answer in time' });
  });

  it('makes no call when the flow has no time left, and says the budget ran out', async () => {
    const model = new MockLanguageModelV4({ doGenerate: answer('{"line":"hello"}') });
    const result = await node.run(registry(model), { topic: 'x' }, { deadline: { callableMs: () => 0 } });
    expect(result).toMatchObject({ ok: false, failure: 'soft', error: "the flow's time budget ran out", attempts: 0 });
    expect(model.doGenerateCalls).toHaveLength(0);
  });

  it("cuts a call to what is left of the budget, not the node's own timeout", async () => {
    let calls = 0;
    const model = new MockLanguageModelV4({
      doGenerate: ({ abortSignal }) => {
        calls++;
        return new Promise((_, reject) => abortSignal?.addEventListener('abort', () => reject(abortSignal.reason)));
      },
    });
    const slowNode = defineLlmNode({ ...node.definition, timeoutMs: 60_000 });
    const result = await slowNode.run(registry(model), { topic: 'x' }, { deadline: { callableMs: () => 300 } });
    expect(result).toMatchObject({ ok: false, error: "the flow's time budget ran out" });
    expect(calls).toBe(1);
  });

  it('fails a soft node by its policy, without a model call, when its input is outside the schema', async () => {
    const model = new MockLanguageModelV4({ doGenerate: answer('{"line":"hello"}') });
    const result = await node.run(registry(model), { topic: 'y'.repeat(51) });
    expect(result).toMatchObject({
      ok: false,
      failure: 'soft',
      attempts: 0,
      error: expect.stringMatching(/^the prompt could not be built: .*topic/),
    });
    expect(model.doGenerateCalls).toHaveLength(0);
  });

  it('fails a soft node by its policy when its prompt is over the cap', async () => {
    const capped = defineLlmNode({ ...node.definition, maxPromptChars: 60 });
    const model = new MockLanguageModelV4({ doGenerate: answer('{"line":"hello"}') });
    const result = await capped.run(registry(model), { topic: 'x'.repeat(40) });
    expect(result).toMatchObject({ ok: false, failure: 'soft', attempts: 0, error: expect.stringMatching(/over the cap of 60/) });
    expect(model.doGenerateCalls).toHaveLength(0);
  });

  it('aborts a hard node with a PromptBuildError when its prompt is over the cap', async () => {
    const capped = defineLlmNode({ ...node.definition, failure: 'hard', maxPromptChars: 60 });
    const model = new MockLanguageModelV4({ doGenerate: answer('{"line":"hello"}') });
    await expect(capped.run(registry(model), { topic: 'x'.repeat(40) })).rejects.toBeInstanceOf(PromptBuildError);
    await expect(capped.run(registry(model), { topic: 'short' })).resolves.toMatchObject({ ok: true });
    expect(model.doGenerateCalls).toHaveLength(1);
  });
});
