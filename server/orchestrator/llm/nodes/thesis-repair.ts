import { z } from 'zod';
import { withoutRepeatedSentences } from '../../../../lib/draft-rules';
import { termPattern } from '../../../../lib/taboo-match';
import { defineLlmNode } from '../llm-node';
import { CONTEXT_LIMITS, clip } from './package-context';
import { PackageThesis } from './package-thesis';

/** The thesis guard rail names at most this many problems; the recheck catches any left over. */
export const MAX_THESIS_PROBLEMS = 10;

export const ThesisRepairInput = z.object({
  /** The package title (the opportunity's title), which the rules check with the thesis. */
  title: z.string().max(CONTEXT_LIMITS.title),
  opportunityAngle: z.string().max(CONTEXT_LIMITS.angle),
  taboos: z.array(z.string().max(CONTEXT_LIMITS.taboo)).max(CONTEXT_LIMITS.taboos),
  thesis: PackageThesis,
  /** What the rules found, in words: "title: mentions the taboo …", "coreArgument: only repeats …". */
  problems: z.array(z.string().max(260)).min(1).max(MAX_THESIS_PROBLEMS),
});
export type ThesisRepairInput = z.infer<typeof ThesisRepairInput>;

export const ThesisRepair = PackageThesis.extend({ title: z.string().trim().min(3).max(CONTEXT_LIMITS.title) });
export type ThesisRepair = z.infer<typeof ThesisRepair>;

/**
 * The offline repair: cut taboo terms out of the title, argument and points, and drop repeated
 * sentences. It cannot give a vacuous thesis substance; the recheck then fails the build plainly.
 */
export function writeOfflineThesisRepair(input: ThesisRepairInput): ThesisRepair {
  const scrub = (text: string) => {
    let result = text;
    for (const taboo of input.taboos) if (taboo.trim()) result = result.replace(termPattern(taboo), '');
    return withoutRepeatedSentences(result.replace(/[ \t]{2,}/g, ' ').replace(/ ([,.;:!?])/g, '$1')).replace(/^[\s,.;:-]+/u, '');
  };
  const title = clip(scrub(input.title), CONTEXT_LIMITS.title);
  const { thesis } = input;
  return {
    title: title.length >= 3 ? title : 'Untitled package',
    coreArgument: clip(scrub(thesis.coreArgument), 600).padEnd(20, '.'),
    supportingPoints: thesis.supportingPoints
      .map((point) => clip(scrub(point), 300))
      .map((point) => (point.length >= 3 ? point : 'See the core argument')),
    risksToAvoid: thesis.risksToAvoid,
  };
}

export const thesisRepairNode = defineLlmNode({
  name: 'ThesisRepair',
  role: 'copy_editor',
  input: ThesisRepairInput,
  output: ThesisRepair,
  instructions:
    'You are the editor of a content strategist. Rewrite the package title and thesis so that they fix every listed problem: remove or rephrase taboo terms entirely (the risks may still name them, as things to avoid), say who the package is for, what problem they have and the angle, and never only repeat the title. Keep the meaning otherwise.',
  prompt: (input) => `Repair the thesis of "${input.title}"; fix every item of "problems".`,
  offline: writeOfflineThesisRepair,
  failure: 'soft',
  timeoutMs: 30_000,
  // Just above the largest valid input with all 30 taboos (node-caps.test.ts keeps the two in step).
  maxPromptChars: 12_000,
});
