import { describe, expect, it } from 'vitest';
import { insertContentOpportunity } from '../../../test/fixtures/content';
import { fakeModelSystemPerFile } from '../../../test/fixtures/fake-model-system';
import type { ModelCall } from '../../../test/http/fake-model-server';
import { type PackageBuildOptions, PackageBuildOrchestrator } from './package-build';

// The real @ai-sdk/openai provider against the tests' OpenAI-compatible chat-completions server
// (test/http/fake-model-server.ts), which answers as the offline writers do unless a test scripts a
// failure.

const system = fakeModelSystemPerFile('OpenAI Co');

async function build(channels: ('linkedin' | 'x')[], options: PackageBuildOptions = {}) {
  const opportunityId = await insertContentOpportunity(system.db.db, system.fx);
  return PackageBuildOrchestrator.createPackageFromOpportunity(
    system.ctx,
    system.fx,
    { opportunityId, channels, createdByUserId: system.fx.ownerUserId },
    options,
  );
}

const xDrafts = (call: ModelCall) => call.schemaName === 'VariantDrafts' && call.context.channel === 'x';

describe('F2 through the @ai-sdk/openai provider', () => {
  it('round-trips structured output and records the model and token usage', async () => {
    const view = await build(['linkedin', 'x']);
    expect(system.model.calls.map((c) => c.schemaName).sort()).toEqual(['PackageThesis', 'VariantDrafts', 'VariantDrafts']);
    expect(system.model.calls[0]!.request).toMatchObject({ model: 'kairo-test-model', response_format: { type: 'json_schema' } });
    expect(view.package.keyPoints.length).toBeGreaterThanOrEqual(3);
    const linkedin = view.variantsByChannel.linkedin!;
    expect(linkedin.length).toBeGreaterThanOrEqual(1);
    expect(linkedin[0]!.generatedByModel).toMatch(/kairo-test-model$/);
    expect(linkedin[0]!.generatedByModel).not.toMatch(/^kairo-offline/);
    const [run] = await system.ctx.engines.runs.listRuns(system.fx, { limit: 1 });
    expect(run!.events.find((e) => e.node === 'thesis')?.payload).toMatchObject({ usage: { inputTokens: 111, outputTokens: 22 } });
  });

  it('retries after a 429 and succeeds', async () => {
    let limited = 0;
    system.model.script((call) =>
      call.schemaName === 'PackageThesis' && limited++ === 0 ? { kind: 'status', status: 429 } : { kind: 'answer' },
    );
    const view = await build(['linkedin']);
    expect(limited).toBe(2);
    expect(view.package.coreArgument).toBeTruthy();
    expect(view.warnings).toEqual([]);
  });

  it('turns a channel whose server keeps answering 500 into a soft error', async () => {
    system.model.script((call) => (xDrafts(call) ? { kind: 'status', status: 500 } : { kind: 'answer' }));
    const view = await build(['linkedin', 'x']);
    expect(view.variantsByChannel.linkedin!.length).toBeGreaterThanOrEqual(1);
    expect(view.variantsByChannel.x).toEqual([]);
    expect(view.warnings).toEqual([expect.objectContaining({ channel: 'x', node: 'variant_plan:x' })]);
  });

  it.each(['prose', 'off-schema'] as const)(
    'asks once more after an answer that is %s, then makes the channel a soft error',
    async (what) => {
      system.model.script((call) => (xDrafts(call) ? { kind: 'garbage', what } : { kind: 'answer' }));
      const view = await build(['linkedin', 'x']);
      expect(system.model.calls.filter(xDrafts)).toHaveLength(2);
      expect(view.variantsByChannel.linkedin!.length).toBeGreaterThanOrEqual(1);
      expect(view.variantsByChannel.x).toEqual([]);
      expect(view.warnings).toEqual([expect.objectContaining({ channel: 'x', node: 'variant_plan:x' })]);
    },
  );

  it('turns a channel whose server sends a body that is not JSON into a soft error', async () => {
    system.model.script((call) => (xDrafts(call) ? { kind: 'garbage', what: 'broken-body' } : { kind: 'answer' }));
    const view = await build(['linkedin', 'x']);
    expect(view.variantsByChannel.x).toEqual([]);
    expect(view.warnings).toEqual([expect.objectContaining({ channel: 'x', node: 'variant_plan:x' })]);
  });

  it('gives up on a stalled channel at the timeout and keeps the other channel', async () => {
    system.model.script((call) => (xDrafts(call) ? { kind: 'stall' } : { kind: 'answer' }));
    const view = await build(['linkedin', 'x'], { llmTimeoutMs: 300 });
    expect(view.variantsByChannel.linkedin!.length).toBeGreaterThanOrEqual(1);
    expect(view.warnings).toEqual([
      expect.objectContaining({ channel: 'x', node: 'variant_plan:x', message: expect.stringMatching(/did not answer in time/) }),
    ]);
  });

  it('refuses the whole build when the thesis writer answers garbage twice, leaving no package', async () => {
    system.model.script((call) => (call.schemaName === 'PackageThesis' ? { kind: 'garbage', what: 'off-schema' } : { kind: 'answer' }));
    const before = await system.ctx.engines.content.listPackagesForBrand(system.fx);
    await expect(build(['linkedin'])).rejects.toMatchObject({ name: 'ModelUnavailableError' });
    expect(system.model.calls.map((c) => c.schemaName)).toEqual(['PackageThesis', 'PackageThesis']);
    expect(await system.ctx.engines.content.listPackagesForBrand(system.fx)).toEqual(before);
  });
});
