import { CHANNEL_RULES, countWords, withoutRepeatedSentences } from '../../../../lib/draft-rules';
import { clip } from './package-context';
import type { VariantDrafts, VariantPlanInput } from './variant-drafts';

type Draft = VariantDrafts['variants'][number];

const CLOSING_BEAT = /cta|call|question|close|ask|next step/i;
const HOOK_BEAT = /hook|open|headline|subject/i;
const CONTEXT_BEAT = /context|why now|problem|setup|tension/i;

/**
 * The offline variant writer: deterministic drafts built from the bounded context only. The first
 * draft follows the pattern's beats line by line; the second is a short take on the core argument.
 * With a style reference (a person's edit), drafts keep its length and reuse its closing line.
 */
export function writeOfflineVariants(input: VariantPlanInput): VariantDrafts {
  const count = Math.min(input.maxVariants, 2);
  const close = closingLine(input);
  const budget = input.styleReference ? Math.min(input.charLimit, Math.max(input.styleReference.length + 40, 160)) : input.charLimit;
  const drafts: Draft[] = [
    {
      rawText: fit(patternDraft(input, close), close, budget, input.channel === 'x'),
      rationale: rationale(
        input,
        input.pattern ? `follows "${input.pattern.name}" (${input.pattern.beats.join(' → ')})` : 'hook, argument, points, close',
      ),
      safetyFlags: [],
    },
    {
      rawText: fit(shortTake(input, close), close, budget, input.channel === 'x'),
      rationale: rationale(input, 'a short take on the core argument'),
      safetyFlags: [],
    },
  ];
  return { variants: drafts.slice(0, count) };
}

function patternDraft(input: VariantPlanInput, close: string): string {
  const { opportunity } = input;
  const thesis = { ...input.thesis, coreArgument: input.thesis.coreArgument || opportunity.title };
  const points = [...thesis.supportingPoints];
  const beats = input.pattern?.beats.length ? input.pattern.beats : ['Hook', 'Context', 'Point', 'Point', 'Close'];
  const hook = freshOpening(input, [opportunity.title, ...thesis.supportingPoints, thesis.coreArgument]);
  const lines = beats.map((beat, i) => {
    if (i === 0 || HOOK_BEAT.test(beat)) return input.channel === 'newsletter' ? `Subject: ${hook}` : hook;
    if (CLOSING_BEAT.test(beat)) return close;
    if (CONTEXT_BEAT.test(beat)) return thesis.coreArgument;
    return points.shift() ?? thesis.coreArgument;
  });
  if (input.channel === 'newsletter') lines.splice(1, 0, `Hi there,`);
  return tidy(withSubstance(dedupeLines(lines), input, close));
}

function shortTake(input: VariantPlanInput, close: string): string {
  const point = input.thesis.supportingPoints[0] ?? '';
  const opening = freshOpening(input, [input.thesis.coreArgument || input.opportunity.title, ...input.thesis.supportingPoints.slice(1)]);
  return tidy(withSubstance(dedupeLines([opening, point, close]), input, close));
}

/**
 * Channels measured in words (LinkedIn, newsletter) get the thesis's other points before the close
 * until the draft reaches the rubric's aim, so an offline draft is never under the channel's minimum.
 */
function withSubstance(lines: string[], input: VariantPlanInput, close: string): string[] {
  const { band } = CHANNEL_RULES[input.channel];
  if (band.unit !== 'words') return lines;
  const closes = lines.at(-1) === close;
  const body = closes ? lines.slice(0, -1) : [...lines];
  const extra = [input.thesis.coreArgument, ...input.thesis.supportingPoints, `Why now: ${input.opportunity.angle}`].filter(
    (line) => line.trim() && !lines.includes(line),
  );
  while (countWords(body.join(' ')) < band.min && extra.length > 0) body.push(extra.shift()!);
  return closes ? [...body, close] : body;
}

/** Paragraphs joined, with no sentence said twice (a hook and a point may share one). */
const tidy = (lines: string[]) => withoutRepeatedSentences(lines.join('\n\n'));

/** The first candidate no current draft of the channel already opens with (regeneration varies). */
function freshOpening(input: VariantPlanInput, candidates: string[]): string {
  const previous = input.previousOpenings;
  const usable = candidates.filter((c) => c.trim());
  const fresh = usable.find((c) => !previous.some((opening) => opening.includes(c.slice(0, 30)) || c.startsWith(opening.slice(0, 30))));
  return fresh ?? usable[0] ?? input.opportunity.title;
}

function closingLine(input: VariantPlanInput): string {
  const edited = input.styleReference
    ?.trim()
    .split('\n')
    .filter((line) => line.trim())
    .at(-1);
  if (edited) return edited.trim();
  const who = input.persona?.name ? ` ${input.persona.name}-style teams` : ' your team';
  return `How do${who} handle this today?`;
}

function rationale(input: VariantPlanInput, shape: string): string {
  const tone = input.toneTags.length ? `; tone: ${input.toneTags.join(', ')}` : '';
  const style = input.styleReference ? '; matches the edited draft’s length and closing line' : '';
  const note = input.persona?.channelNote ? `; ${input.persona.name} ${input.persona.channelNote}` : '';
  return clip(`Offline draft (no model configured): ${shape}${tone}${note}${style}.`, 600);
}

/**
 * X gets one flowing line; longer channels keep their paragraphs. Either way the limit holds, and the
 * closing line survives a cut (it is what a person's edit asked for).
 */
function fit(text: string, close: string, limit: number, singleLine: boolean): string {
  const joiner = singleLine ? ' ' : '\n\n';
  const whole = singleLine ? text.replace(/\n+/g, ' ') : text;
  if (whole.length <= limit) return whole;
  const body = text.endsWith(close) ? text.slice(0, text.length - close.length).trim() : text;
  const room = limit - close.length - joiner.length;
  if (room < 40) return clip(whole, limit);
  const cut = singleLine ? clip(body.replace(/\n+/g, ' '), room) : clipParagraphs(body, room);
  return `${cut}${joiner}${close}`;
}

function clipParagraphs(text: string, limit: number): string {
  const kept: string[] = [];
  for (const paragraph of text.split('\n\n')) {
    const next = [...kept, paragraph].join('\n\n');
    if (next.length > limit) break;
    kept.push(paragraph);
  }
  return kept.length ? kept.join('\n\n') : clip(text, limit);
}

function dedupeLines(lines: string[]): string[] {
  return lines.filter((line, i) => line.trim() && lines.indexOf(line) === i);
}
