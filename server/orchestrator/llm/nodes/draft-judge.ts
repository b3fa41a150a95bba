import { z } from 'zod';
import { MAX_VARIANT_TEXT } from '../../../../engines/content/dto';
import { Channel } from '../../../../engines/enums';
import type { DraftCheck } from '../../../../lib/draft-rules';
import { defineLlmNode } from '../llm-node';

const Dimension = z.object({
  score: z.int().min(0).max(3),
  reason: z.string().trim().min(1).max(240),
});

/** The draft rubric's four judged dimensions, each 0–3 with a one-line reason. */
export const DraftJudgement = z.object({
  clarity: Dimension,
  thesisAnchoring: Dimension,
  channelFit: Dimension,
  callToActionFit: Dimension,
});
export type DraftJudgement = z.infer<typeof DraftJudgement>;

export const DIMENSION_LABELS: Record<keyof DraftJudgement, string> = {
  clarity: 'Clarity and completeness',
  thesisAnchoring: 'Anchoring to the thesis',
  channelFit: 'Channel form fit',
  callToActionFit: 'Call-to-action fit',
};

export const DraftJudgeInput = z.object({
  channel: Channel,
  text: z.string().max(MAX_VARIANT_TEXT),
  thesis: z.object({
    coreArgument: z.string().max(2_000),
    keyPoints: z.array(z.string().max(500)).max(10),
  }),
  /** The deterministic checks' results, so the judge need not re-count length or repeats. */
  checks: z.array(z.object({ id: z.string().max(40), passed: z.boolean(), note: z.string().max(300) })).max(10),
});
export type DraftJudgeInput = z.infer<typeof DraftJudgeInput>;

const OFFLINE = 'Offline heuristic, not a model:';

const words = (text: string) =>
  new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 3),
  );
const passed = (checks: readonly { id: string; passed: boolean }[], id: DraftCheck['id']) =>
  checks.some((check) => check.id === id && check.passed);

/**
 * The offline judge: a deterministic heuristic over the deterministic checks and the words the draft
 * shares with its thesis. It says so in every reason.
 */
export function writeOfflineJudgement(input: DraftJudgeInput): DraftJudgement {
  const { checks } = input;
  const clarity = (['length_band', 'hook', 'no_repeated_sentence'] as const).filter((id) => passed(checks, id)).length;
  const thesisWords = words(`${input.thesis.coreArgument} ${input.thesis.keyPoints.join(' ')}`);
  const draftWords = words(input.text);
  const shared = [...draftWords].filter((word) => thesisWords.has(word)).length;
  const anchoring = thesisWords.size === 0 ? 0 : Math.min(3, Math.floor(shared / 3));
  const form = (passed(checks, 'channel_form') ? 2 : 0) + (passed(checks, 'length_band') ? 1 : 0);
  const cta = passed(checks, 'call_to_action') ? 3 : 1;
  return {
    clarity: { score: clarity, reason: `${OFFLINE} ${clarity} of 3 checks passed (length, hook, no repeats).` },
    thesisAnchoring: { score: anchoring, reason: `${OFFLINE} shares ${shared} words with the thesis.` },
    channelFit: {
      score: form,
      reason: `${OFFLINE} ${passed(checks, 'channel_form') ? 'native' : 'not native'} ${input.channel} form, ${passed(checks, 'length_band') ? 'in' : 'outside'} the length band.`,
    },
    callToActionFit: { score: cta, reason: `${OFFLINE} ${cta === 3 ? 'the close invites a response' : 'the close invites no response'}.` },
  };
}

export const draftJudgeNode = defineLlmNode({
  name: 'DraftJudge',
  role: 'copy_editor',
  input: DraftJudgeInput,
  output: DraftJudgement,
  instructions:
    'You are a demanding content editor. Score the draft on four dimensions, each 0 (absent) to 3 (excellent), with a one-line reason each: clarity and completeness; anchoring to the package thesis; channel form fit (native to the channel, not an email pasted everywhere); call-to-action fit (the action the channel invites: comment, reply, click). The deterministic checks are given; do not contradict them.',
  prompt: (input) => `Judge this ${input.channel} draft against its thesis.`,
  offline: writeOfflineJudgement,
  failure: 'soft',
  timeoutMs: 30_000,
  // A newsletter draft alone may be 20,000 characters, plus the thesis and the checks (node-caps.test.ts
  // keeps the cap above the largest valid input).
  maxPromptChars: 36_000,
});

/** The judge's sum as the rubric's 0–100: round(100 × sum / 12). */
export const judgedScore = (judgement: DraftJudgement) =>
  Math.round(
    (100 * (judgement.clarity.score + judgement.thesisAnchoring.score + judgement.channelFit.score + judgement.callToActionFit.score)) / 12,
  );

/** One line per dimension: "Clarity and completeness 2/3: …". */
export const judgementNotes = (judgement: DraftJudgement) =>
  (Object.keys(DIMENSION_LABELS) as (keyof DraftJudgement)[]).map(
    (key) => `${DIMENSION_LABELS[key]} ${judgement[key].score}/3: ${judgement[key].reason}`,
  );
