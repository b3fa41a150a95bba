import { z } from 'zod';
import { GenerationCandidate, MAX_CANDIDATES } from '../../../../engines/opportunities/generation/dto';
import { defineLlmNode } from '../llm-node';
import { GenerationContext } from './generation-context';
import { writeOfflineCandidates } from './offline-candidates';

export const OpportunityCandidatesOutput = z.object({ candidates: z.array(GenerationCandidate).min(1).max(MAX_CANDIDATES) });
export type OpportunityCandidatesOutput = z.infer<typeof OpportunityCandidatesOutput>;

/**
 * Proposes 10–20 content ideas for the brand from its strategy and its newest signals, each scored on
 * the opportunity rubric. The engine decides what lands (known pillar and persona, no taboo, no
 * near-duplicate, the portfolio cap) and computes the score from the sub-scores: the model only judges.
 */
export const opportunityCandidatesNode = defineLlmNode({
  name: 'OpportunityCandidates',
  role: 'idea_generator',
  input: GenerationContext,
  output: OpportunityCandidatesOutput,
  instructions: [
    'You are the content strategist of a B2B brand. Propose 10 to 20 distinct content ideas the brand could post.',
    'Each idea: a title (one idea, plainly said, under 120 characters), an angle (the argument the post makes, one to three sentences), why now (one sentence), a type (trend for news-driven ideas, evergreen, competitive or campaign), exactly one pillar and one persona from the context (use their ids), one to three channels from the brand channels (the first is the primary), and the ids of the signals it rests on (none for an evergreen idea).',
    'Score each idea 0–4 on clarity (one idea, plainly said), strategicFit (serves the pillar and persona), timeliness (why now), differentiation (not what every brand posts) and executionReadiness (a writer could start today), with a one-line reason for each. Be honest: not every idea deserves a 4.',
    'Spread the ideas over the pillars and personas; a dominant pillar may take more. Prefer pillars, personas and channels with a positive weight; do not ignore the others.',
    'Never touch a taboo. Do not repeat ideas already on the board. Use only what the signals and the strategy say; invent no customers, numbers or claims. With no signals, propose evergreen ideas from the strategy.',
  ].join(' '),
  prompt: (input) =>
    `Propose content ideas for ${input.brandName} from ${input.signals.length ? `its ${input.signals.length} newest signal(s) and its strategy` : 'its strategy (it has no new signals)'}.`,
  offline: writeOfflineCandidates,
  failure: 'hard',
  timeoutMs: 90_000,
  // Just above the largest valid context (61,216 characters): 30 signals of 200 + 500 characters, 30 board titles, eight
  // pillars and personas, thirty taboos (node-caps.test.ts keeps the two in step).
  maxPromptChars: 64_000,
});
