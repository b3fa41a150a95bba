import { describe, expect, it } from 'vitest';
import { insertContentOpportunity } from '../../../test/fixtures/content';
import { fakeModelSystemPerFile } from '../../../test/fixtures/fake-model-system';
import { PackageBuildOrchestrator } from './package-build';
import { isStillBuilding } from './package-replay';
import { VariantEvaluationOrchestrator } from './variant-evaluation';

// The judge node through the real @ai-sdk/openai provider against the tests' OpenAI-compatible server,
// which answers as the offline writers do unless a test scripts a failure.

const system = fakeModelSystemPerFile('Judge Co');

async function freshDraftId() {
  const opportunityId = await insertContentOpportunity(system.db.db, system.fx);
  const view = await PackageBuildOrchestrator.createPackageFromOpportunity(system.ctx, system.fx, {
    opportunityId,
    channels: ['linkedin'],
    createdByUserId: system.fx.ownerUserId,
  });
  if (isStillBuilding(view)) throw new Error('still building');
  return view.variantsByChannel.linkedin![0]!.id;
}

describe('the draft judge through the @ai-sdk/openai provider', () => {
  it('round-trips the four dimensions as structured output and records the model', async () => {
    const variantId = await freshDraftId();
    system.model.reset();
    const evaluated = await VariantEvaluationOrchestrator.evaluate(system.ctx, system.fx, { variantId });
    expect(system.model.calls.map((c) => c.schemaName)).toEqual(['DraftJudge']);
    expect(system.model.calls[0]!.request).toMatchObject({ model: 'kairo-test-model', response_format: { type: 'json_schema' } });
    expect(evaluated.evalNotes).toMatch(/Clarity and completeness \d\/3/);
    const [run] = await system.ctx.engines.runs.listRuns(system.fx, { limit: 1, flow: 'variant_evaluation' });
    expect(run!.events.find((e) => e.node === 'draft_judge')?.payload).toMatchObject({ model: expect.stringMatching(/kairo-test-model$/) });
  });

  it('keeps the deterministic score when the server keeps answering 500', async () => {
    const variantId = await freshDraftId();
    const before = (await system.ctx.engines.content.getVariant(system.fx, { variantId })).evalScore;
    system.model.script((call) => (call.schemaName === 'DraftJudge' ? { kind: 'status', status: 500 } : { kind: 'answer' }));
    const evaluated = await VariantEvaluationOrchestrator.evaluate(system.ctx, system.fx, { variantId });
    expect(evaluated.evalScore).toBe(before);
    expect(evaluated.evalNotes).toMatch(/Judge not heard/);
  });
});
