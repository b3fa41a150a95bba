import { z } from 'zod';
import { MAX_VARIANT_TEXT } from '../../../../engines/content/dto';
import { Channel } from '../../../../engines/enums';
import { withoutRepeatedSentences } from '../../../../lib/draft-rules';
import { termPattern } from '../../../../lib/taboo-match';
import { defineLlmNode } from '../llm-node';
import { CONTEXT_LIMITS, clip } from './package-context';

/** A draft naming more taboos than this gets the first ones fixed, then the recheck drops it. */
export const MAX_REPAIR_PROBLEMS = 10;

export const CopyRepairInput = z.object({
  channel: Channel,
  charLimit: z.int().positive(),
  taboos: z.array(z.string().max(CONTEXT_LIMITS.taboo)).max(CONTEXT_LIMITS.taboos),
  text: z.string().max(MAX_VARIANT_TEXT),
  /** What the guard rail found, in words: "mentions taboo …", "is 312 characters, over …". */
  problems: z.array(z.string().max(200)).min(1).max(MAX_REPAIR_PROBLEMS),
});
export type CopyRepairInput = z.infer<typeof CopyRepairInput>;

export const CopyRepair = z.object({
  rawText: z.string().trim().min(1).max(MAX_VARIANT_TEXT),
  rationale: z.string().trim().min(1).max(600),
});
export type CopyRepair = z.infer<typeof CopyRepair>;

/** The offline repair: cut the taboo terms and repeated sentences out, then shorten to the channel limit. */
export function writeOfflineRepair(input: CopyRepairInput): CopyRepair {
  let text = input.text;
  const removed = input.taboos.filter((taboo) => taboo.trim() && termPattern(taboo).test(text));
  for (const taboo of removed) text = text.replace(termPattern(taboo), '');
  const deduped = withoutRepeatedSentences(text);
  const repeated = deduped !== text.trim();
  text = deduped
    .split('\n')
    .map((line) =>
      line
        .replace(/[ \t]{2,}/g, ' ')
        .replace(/ ([,.;:!?])/g, '$1')
        .trim(),
    )
    .join('\n');
  const shortened = text.length > input.charLimit;
  if (shortened) text = clip(text, input.charLimit);
  const changes = [
    removed.length ? `removed ${removed.map((t) => `"${t}"`).join(', ')}` : null,
    repeated ? 'removed repeated sentences' : null,
    shortened ? `shortened to the ${input.channel} limit of ${input.charLimit} characters` : null,
  ].filter(Boolean);
  return { rawText: text || clip(input.text, input.charLimit), rationale: `Offline repair: ${changes.join('; ') || 'no change needed'}.` };
}

export const copyRepairNode = defineLlmNode({
  name: 'CopyRepair',
  role: 'copy_editor',
  input: CopyRepairInput,
  output: CopyRepair,
  instructions:
    'You are a copy editor. Rewrite the draft so that it fixes every listed problem: remove or rephrase taboo terms entirely, and keep it within the character limit. Keep the meaning, the voice and the structure otherwise.',
  // The problems travel once, in the context block; a newsletter draft alone may be 20,000 characters.
  prompt: (input) => `Repair this ${input.channel} draft (limit ${input.charLimit} characters); fix every item of "problems".`,
  offline: writeOfflineRepair,
  failure: 'soft',
  timeoutMs: 30_000,
  // A newsletter draft alone may be 20,000 characters; the cap sits just above the largest valid input
  // with all 30 taboos and the problems (node-caps.test.ts keeps the two in step).
  maxPromptChars: 27_500,
});
