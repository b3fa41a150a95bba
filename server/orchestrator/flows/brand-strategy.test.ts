import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ProposeStrategyDraftInput, StrategyAnswers, StrategyDraft } from '../../../engines/brand-brain/strategy-dto';
import { strategyDraftProblems } from '../../../lib/strategy-rules';
import { twoTenantBed } from '../../../test/fixtures/procedures';
import { buildPrompt } from '../llm/llm-node';
import { writeOfflineStrategy } from '../llm/nodes/offline-strategy';
import { strategyDraftNode } from '../llm/nodes/strategy-draft';
import { BrandStrategyOrchestrator } from './brand-strategy';

const bed = twoTenantBed({ tenant: 'Draft Co', other: 'Other Draft Co' });

const ANSWER_SETS: ProposeStrategyDraftInput[] = [
  {
    answers: {
      oneLiner: 'Ledgerly closes the books for finance teams in three days.',
      audience: 'Controllers at 50–500 person companies, CFOs who own the board pack',
      goals: 'Earn trust with controllers; explain the close; book demos',
      antiVoice: 'salesy, full of jargon',
      taboos: 'guaranteed savings\ncompetitor bashing, politics',
    },
    examples: [
      { text: 'We closed March in two days. Here is the checklist we used?', label: 'us' },
      { text: 'UNLOCK 10X SYNERGIES NOW!!!', label: 'not_us' },
    ],
  },
  // One-word answers: the draft still meets every invariant (fallback pillars, a default persona).
  { answers: { oneLiner: 'Bakery.', audience: 'Locals', goals: 'Sales', antiVoice: 'Rude', taboos: 'Politics' } },
  // Lists that repeat themselves and punctuation that splits into nothing.
  { answers: { oneLiner: 'Tools.', audience: ',,,', goals: 'What we do; what we do', antiVoice: '-', taboos: ', ;' } },
];

const answerText = fc.string({ minLength: 1, maxLength: 500, unit: 'grapheme' }).filter((s) => s.trim().length > 0);

describe('the offline strategist', () => {
  it.each(ANSWER_SETS.map((input, index) => [index, input] as const))('writes a valid draft for answer set %i', (_, input) => {
    const draft = StrategyDraft.parse(writeOfflineStrategy(input));
    expect(strategyDraftProblems(draft)).toEqual([]);
    expect(writeOfflineStrategy(input)).toEqual(draft);
  });

  it('derives the taboos and pillars from the answers', () => {
    const draft = writeOfflineStrategy(ANSWER_SETS[0]!);
    expect(draft.taboos).toEqual(['guaranteed savings', 'competitor bashing', 'politics']);
    expect(draft.pillars.map((p) => p.name)).toEqual([
      'Earn trust with controllers',
      'Explain the close',
      'Book demos',
      expect.any(String),
      expect.any(String),
    ]);
    expect(draft.toneTags).toEqual(expect.arrayContaining(['never salesy', 'never full of jargon', 'curious']));
  });

  it('writes a valid draft for any answers (fast-check)', () => {
    fc.assert(
      fc.property(
        fc
          .record({ oneLiner: answerText, audience: answerText, goals: answerText, antiVoice: answerText, taboos: answerText })
          .filter((answers) => StrategyAnswers.safeParse(answers).success),
        (answers) => {
          const input = { answers, examples: [] };
          const parsed = StrategyDraft.safeParse(writeOfflineStrategy(input));
          expect(parsed.success).toBe(true);
          expect(strategyDraftProblems(parsed.data!)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('fits the largest valid answers and ten longest examples in the prompt cap', () => {
    const input = {
      answers: {
        oneLiner: 'a'.repeat(500),
        audience: 'b'.repeat(500),
        goals: 'c'.repeat(500),
        antiVoice: 'd'.repeat(500),
        taboos: 'e'.repeat(500),
      },
      examples: Array.from({ length: 10 }, () => ({ text: 'f'.repeat(2_000), label: 'not_us' as const })),
    };
    expect(buildPrompt(strategyDraftNode.definition, input)).toEqual({ ok: true, prompt: expect.any(String) });
    const tooMany = { ...input, examples: [...input.examples, input.examples[0]!] };
    expect(buildPrompt(strategyDraftNode.definition, tooMany)).toMatchObject({ ok: false });
  });
});

describe('F0 proposeDraft', () => {
  it('returns a labelled offline draft, records an f0_strategy run, and stores nothing else', async () => {
    const before = await bed.system.engines.brandBrain.getBrandStrategyView(bed.fx);
    const proposed = await BrandStrategyOrchestrator.proposeDraft(bed.system, bed.fx, { ...ANSWER_SETS[0]!, userId: bed.fx.ownerUserId });
    expect(proposed).toMatchObject({ offline: true, model: expect.stringMatching(/^kairo-offline\//) });
    expect(strategyDraftProblems(proposed)).toEqual([]);
    expect(await bed.system.engines.brandBrain.getBrandStrategyView(bed.fx)).toEqual(before);
    const [run] = await bed.system.engines.runs.listRuns(bed.fx, { limit: 1 });
    expect(run).toMatchObject({ flow: 'f0_strategy', status: 'succeeded' });
    expect(run!.events.map((e) => [e.node, e.kind])).toEqual([
      ['input', 'input'],
      ['strategy_draft', 'llm_output'],
      ['flow', 'output'],
    ]);
    expect(run!.events[1]!.payload).toMatchObject({ model: proposed.model, usage: { inputTokens: expect.any(Number) } });
  });

  it("is NOT_FOUND for another tenant's brand, with no run recorded", async () => {
    const foreign = { tenantId: bed.fx.tenantId, brandId: bed.other.brandId };
    await expect(BrandStrategyOrchestrator.proposeDraft(bed.system, foreign, ANSWER_SETS[1]!)).rejects.toMatchObject({
      errorCode: 'not_found',
    });
    expect(await bed.system.engines.runs.listRuns(bed.other, { limit: 5 })).toEqual([]);
  });

  it('refuses answers over their bounds, naming the field', async () => {
    const long = { ...ANSWER_SETS[1]!, answers: { ...ANSWER_SETS[1]!.answers, goals: 'g'.repeat(501) } };
    await expect(BrandStrategyOrchestrator.proposeDraft(bed.system, bed.fx, long)).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ['answers', 'goals'] })],
    });
  });
});
