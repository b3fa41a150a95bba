import { defineLlmNode } from '../llm-node';
import { writeOfflineVariants } from './offline-variants';
import { VariantDrafts, VariantPlanInput } from './variant-drafts';

export const variantPlanNode = defineLlmNode({
  name: 'VariantDrafts',
  role: 'variant_writer',
  input: VariantPlanInput,
  output: VariantDrafts,
  instructions:
    'You write social and newsletter drafts for a brand. Follow the pattern beats in order, stay within the channel character limit, write in the brand tone, and never use a taboo term. Give each draft a one-sentence rationale and list any safety concern in safetyFlags. If a style reference is given, match its voice and length. Use only facts from the context.',
  prompt: (input) =>
    `Write 1 to ${input.maxVariants} ${input.channel} drafts (at most ${input.charLimit} characters each) for "${input.opportunity.title}"` +
    (input.pattern ? ` using the pattern "${input.pattern.name}".` : '.'),
  offline: writeOfflineVariants,
  failure: 'soft',
  timeoutMs: 45_000,
  // Just above the largest valid input (all 30 taboos, thesis, pattern and a full style reference);
  // node-caps.test.ts keeps the two in step.
  maxPromptChars: 14_500,
});
