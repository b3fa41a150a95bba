import { ProposeStrategyDraftInput, StrategyDraft } from '../../../../engines/brand-brain/strategy-dto';
import { strategyDraftProblems } from '../../../../lib/strategy-rules';
import { defineLlmNode } from '../llm-node';
import { writeOfflineStrategy } from './offline-strategy';

/**
 * The node's answer: a draft the engine would accept. The invariants are part of the output schema, so
 * an answer with seven pillars or four high-priority personas counts as malformed, like prose would:
 * it is asked for once more, then the node fails.
 */
export const StrategyDraftOutput = StrategyDraft.superRefine((draft, ctx) => {
  for (const problem of strategyDraftProblems(draft)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
});

export const strategyDraftNode = defineLlmNode({
  name: 'StrategyDraft',
  role: 'strategist',
  input: ProposeStrategyDraftInput,
  output: StrategyDraftOutput,
  instructions:
    'You are the content strategist of a B2B brand. From the five answers and the example posts, propose the brand strategy: a positioning of one to three sentences, two to five content pillars in priority order (priority 1 first, each with its own number), one to five personas (at most three of them high priority, each with three to seven priorities), three to seven tone tags, and at least one taboo (every topic the answers rule out). Examples labelled "us" show the voice to keep; examples labelled "not_us" show what to avoid. Use only what the answers and examples say; invent no customers, numbers or claims.',
  prompt: (input) =>
    `Propose a brand strategy for the brand described in the answers${input.examples.length ? `, with ${input.examples.length} example post(s)` : ''}.`,
  offline: writeOfflineStrategy,
  failure: 'hard',
  timeoutMs: 60_000,
  // Just above the largest valid input: five answers of 500 characters and ten examples of 2,000
  // (node-caps.test.ts keeps the two in step).
  maxPromptChars: 24_000,
});
