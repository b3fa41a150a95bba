// The draft and package rubric's deterministic rules (../shared/RUBRICS.md, issue 12 points 3 and 5), in
// one module every caller shares: the F2 guard rail, the thesis guard rail, the variant editor's live
// checks, variants.evaluate and the offline eval. Pure functions, no zod and no engine code, so the
// browser bundle can read it (engines/content/rubric re-exports it for the engines and the flows).

import { CHANNEL_LIMITS, type Channel } from '../engines/enums';
import { CHANNEL_LABELS } from './labels';
import { termPattern } from './taboo-match';

/** A character range of the checked text, [start, end), for highlighting. */
export interface TextSpan {
  start: number;
  end: number;
}

export type DraftRule =
  | 'empty'
  | 'taboo'
  | 'too_short'
  | 'over_channel_limit'
  | 'template_residue'
  | 'model_text'
  | 'other_brand'
  | 'repeated_sentence';

export interface HardFailure<Rule extends string = DraftRule> {
  rule: Rule;
  /** One sentence a person can act on, at most 200 characters (the copy-repair node's cap). */
  message: string;
  span?: TextSpan;
  /** For taboo and other_brand: the term matched. */
  term?: string;
}

/**
 * What a brand wants a post to end with. `engage` (the default): the close invites the action the
 * channel lives on (a question, a reply, a comment, a click). `none`: no hard sell in the close (no
 * "buy now", "book a demo", "sign up"). Read from the brand's metadata `ctaPolicy` when set.
 */
export type CtaPolicy = 'engage' | 'none';

export interface DraftRuleContext {
  channel: Channel;
  taboos: readonly string[];
  /** The tenant's other brands: a draft naming one is written for the wrong brand. */
  otherBrandNames?: readonly string[];
  ctaPolicy?: CtaPolicy;
}

/** Fewer non-space characters than this is no draft at all. */
export const MIN_DRAFT_CHARS = 10;

type Band = { unit: 'chars' | 'words'; min: number; max: number };

/**
 * Per channel: the hard minimum (`floor`, invalid below), the rubric's hard maximum where it names one
 * (the platform limit in CHANNEL_LIMITS always applies too), and the band a good draft aims for.
 * Channels the rubric does not name get a floor of 20 characters and the platform's limit as the band.
 */
export const CHANNEL_RULES: Record<Channel, { floor: { unit: 'chars' | 'words'; min: number }; rubricMax?: number; band: Band }> = {
  x: { floor: { unit: 'chars', min: 20 }, rubricMax: 600, band: { unit: 'chars', min: 100, max: 260 } },
  linkedin: { floor: { unit: 'words', min: 25 }, band: { unit: 'words', min: 120, max: 800 } },
  newsletter: { floor: { unit: 'words', min: 50 }, band: { unit: 'words', min: 150, max: 1_000 } },
  instagram: { floor: { unit: 'chars', min: 20 }, band: { unit: 'chars', min: 80, max: CHANNEL_LIMITS.instagram } },
  youtube: { floor: { unit: 'chars', min: 20 }, band: { unit: 'chars', min: 80, max: CHANNEL_LIMITS.youtube } },
  tiktok: { floor: { unit: 'chars', min: 20 }, band: { unit: 'chars', min: 40, max: CHANNEL_LIMITS.tiktok } },
};

/** The most characters a draft of `channel` may hold: the platform's limit or the rubric's, the lower. */
export function channelHardMax(channel: Channel): number {
  const rubricMax = CHANNEL_RULES[channel].rubricMax;
  return rubricMax === undefined ? CHANNEL_LIMITS[channel] : Math.min(rubricMax, CHANNEL_LIMITS[channel]);
}

export const countWords = (text: string) => text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

const measure = (text: string, unit: 'chars' | 'words') => (unit === 'chars' ? text.trim().length : countWords(text));

// Left-overs of a template or a prompt: "[insert CTA]", "{brand}", "{{name}}", TODO, lorem ipsum.
const RESIDUE = [
  /\[(?:insert|add|your|placeholder|link|cta|tbd|name|brand|company|product)\b[^\]\n]{0,60}\]/giu,
  /\{\{?\s*[\p{L}_][\p{L}\p{N}_ .-]{0,40}\}\}?/giu,
  /\b(?:TODO|TBD|FIXME)\b/gu,
  /\blorem ipsum\b/giu,
];

// A model talking about itself or the request instead of writing the post.
const MODEL_TEXT = [
  /\bas an ai\b/giu,
  /\bas a (?:large )?language model\b/giu,
  /\bi(?:'m| am) (?:sorry|unable)\b[^.\n]{0,40}\b(?:can(?:no|')t|unable)\b/giu,
  /\bi can(?:no|')t (?:help|assist|write)\b/giu,
  /\bwrite (?:a|an|the) (?:post|thread|tweet|newsletter|article|draft)s? (?:about|on)\b/giu,
  /\bhere(?:'s| is) (?:a|an|the|your) (?:draft|post|tweet|thread|newsletter|linkedin post|version)\b/giu,
];

function allMatches(text: string, patterns: readonly RegExp[]): TextSpan[] {
  const spans: TextSpan[] = [];
  for (const pattern of patterns) {
    for (const match of text.matchAll(new RegExp(pattern.source, pattern.flags))) {
      spans.push({ start: match.index, end: match.index + match[0].length });
    }
  }
  return spans.sort((a, b) => a.start - b.start);
}

const excerpt = (text: string, span: TextSpan) => {
  const quoted = text.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  return quoted.length > 60 ? `${quoted.slice(0, 57)}…` : quoted;
};

interface Sentence extends TextSpan {
  text: string;
  /** Lower case, letters and digits only: how two sentences are compared. */
  key: string;
}

/** The text's sentences (split at . ! ? and line breaks) with their ranges. */
export function sentences(text: string): Sentence[] {
  const found: Sentence[] = [];
  for (const match of text.matchAll(/[^.!?\n]+[.!?]*/gu)) {
    const raw = match[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = match.index + lead;
    const key = trimmed
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
    found.push({ text: trimmed, key, start, end: start + trimmed.length });
  }
  return found;
}

/** Sentences of three words or more that already appeared earlier (the second and later copies). */
export function repeatedSentences(text: string): Sentence[] {
  const seen = new Set<string>();
  const repeats: Sentence[] = [];
  for (const sentence of sentences(text)) {
    if (sentence.key.split(' ').length < 3) continue;
    if (seen.has(sentence.key)) repeats.push(sentence);
    seen.add(sentence.key);
  }
  return repeats;
}

/** The text with the second and later copies of each repeated sentence taken out (the offline writers' tidy-up). */
export function withoutRepeatedSentences(text: string): string {
  let result = text;
  for (const repeat of repeatedSentences(text).reverse()) result = result.slice(0, repeat.start) + result.slice(repeat.end);
  return result
    .split('\n')
    .map((line) => line.replace(/[ \t]{2,}/g, ' ').trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function termSpans(text: string, term: string): TextSpan[] {
  if (!term.trim()) return [];
  return [...text.matchAll(termPattern(term))].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/**
 * The rules text alone can decide, shared by drafts and the thesis: taboos, another brand named,
 * template residue, model text, repeated sentences. Each failure carries the first offending range.
 */
export function textHardFailures(text: string, context: Pick<DraftRuleContext, 'taboos' | 'otherBrandNames'>): HardFailure[] {
  const failures: HardFailure[] = [];
  for (const taboo of context.taboos) {
    const spans = termSpans(text, taboo);
    if (spans[0])
      failures.push({ rule: 'taboo', message: `mentions the taboo "${taboo.trim().slice(0, 120)}"`, span: spans[0], term: taboo });
  }
  for (const name of context.otherBrandNames ?? []) {
    const spans = termSpans(text, name);
    if (spans[0])
      failures.push({ rule: 'other_brand', message: `names another brand, "${name.trim().slice(0, 120)}"`, span: spans[0], term: name });
  }
  const residue = allMatches(text, RESIDUE)[0];
  if (residue) failures.push({ rule: 'template_residue', message: `keeps template text "${excerpt(text, residue)}"`, span: residue });
  const modelText = allMatches(text, MODEL_TEXT)[0];
  if (modelText) {
    failures.push({ rule: 'model_text', message: `carries words to or from the model: "${excerpt(text, modelText)}"`, span: modelText });
  }
  const repeat = repeatedSentences(text)[0];
  if (repeat) {
    failures.push({
      rule: 'repeated_sentence',
      message: `repeats the sentence "${excerpt(text, repeat)}"`,
      span: { start: repeat.start, end: repeat.end },
    });
  }
  return failures;
}

/**
 * Every hard rule of the draft rubric a text breaks; empty when the draft is valid. An invalid draft
 * may be saved and edited, but is never approved or scheduled without an override.
 */
export function draftHardFailures(text: string, context: DraftRuleContext): HardFailure[] {
  const { channel } = context;
  if (text.replace(/\s+/g, '').length < MIN_DRAFT_CHARS) {
    return [{ rule: 'empty', message: `is empty or under ${MIN_DRAFT_CHARS} characters` }];
  }
  const failures: HardFailure[] = [];
  const { floor } = CHANNEL_RULES[channel];
  const size = measure(text, floor.unit);
  if (size < floor.min) {
    failures.push({
      rule: 'too_short',
      message: `is ${size} ${floor.unit === 'chars' ? 'characters' : 'words'}, under the ${CHANNEL_LABELS[channel]} minimum of ${floor.min}`,
    });
  }
  const max = channelHardMax(channel);
  if (text.length > max) {
    failures.push({
      rule: 'over_channel_limit',
      message: `is ${text.length} characters, over the ${channel} limit of ${max}`,
      span: { start: max, end: text.length },
    });
  }
  return [...failures, ...textHardFailures(text, context)];
}

// ----- the deterministic score -----

export type DraftCheckId = 'length_band' | 'hook' | 'call_to_action' | 'no_repeated_sentence' | 'channel_form';

export interface DraftCheck {
  id: DraftCheckId;
  passed: boolean;
  note: string;
}

/** Each check's share of the deterministic score (sums to 100). */
export const DRAFT_CHECK_WEIGHTS: Record<DraftCheckId, number> = {
  length_band: 25,
  hook: 25,
  call_to_action: 25,
  no_repeated_sentence: 15,
  channel_form: 10,
};

export interface DraftScore {
  valid: boolean;
  hardFailures: HardFailure[];
  checks: DraftCheck[];
  /** 0 when invalid; else the weighted share of checks passed, 0–100. */
  score: number;
  notes: string[];
}

const GREETING = /^(?:hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))\b/iu;
const FILLER_OPENING =
  /^(?:in today's|in this (?:post|article)|i(?:'m| am) (?:excited|thrilled|happy|delighted)|we(?:'re| are) (?:excited|thrilled|happy|delighted))/iu;
const SIGN_OFF = /(?:^|\n)\s*(?:best|cheers|regards|thanks|thank you|sincerely|warmly)[,!.]?\s*(?:\n.*)?$/iu;
const ENGAGE =
  /\?|\b(?:comment|reply|share|tell (?:us|me)|let (?:us|me) know|read|click|join|subscribe|sign up|register|book|try|download|follow|learn more|see how|what do you|how do you|drop)\b/iu;
const HARD_SELL = /\b(?:buy now|order now|book a demo|sign up (?:today|now)|limited time|act now|shop now|use code)\b/iu;
const HASHTAG = /(?<![\p{L}\p{N}])#[\p{L}\p{N}_]+/gu;
const EMOJI_RUN = /(?:\p{Extended_Pictographic}\uFE0F?\s*){3,}/u;

/** The line a reader sees first; a newsletter's "Subject:" line counts as its hook. */
export function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim()) ?? '';
  return line.replace(/^\s*subject:\s*/iu, '').trim();
}

/** The last paragraph: where a call to action lives. */
function closing(text: string): string {
  const paragraphs = text.split(/\n\s*\n/).filter((p) => p.trim());
  const last = paragraphs.at(-1) ?? '';
  return paragraphs.length > 1
    ? last
    : sentences(last)
        .slice(-2)
        .map((sentence) => sentence.text)
        .join(' ');
}

function lengthBandCheck(text: string, channel: Channel): DraftCheck {
  const { band } = CHANNEL_RULES[channel];
  const size = measure(text, band.unit);
  const unit = band.unit === 'chars' ? 'characters' : 'words';
  const passed = size >= band.min && size <= band.max;
  return {
    id: 'length_band',
    passed,
    note: passed
      ? `${size} ${unit}, within the ${channel} aim of ${band.min}–${band.max}`
      : `${size} ${unit}; ${channel} aims for ${band.min}–${band.max}`,
  };
}

function hookCheck(text: string): DraftCheck {
  const line = firstLine(text);
  const words = countWords(line);
  const problem = !line
    ? 'there is no first line'
    : GREETING.test(line)
      ? 'it opens with a greeting, not a hook'
      : FILLER_OPENING.test(line)
        ? 'it opens with filler ("in today’s…", "excited to…")'
        : words < 3
          ? 'the first line is too short to say anything'
          : words > 30
            ? `the first line runs ${words} words; a hook lands in under 30`
            : null;
  return { id: 'hook', passed: problem === null, note: problem ?? 'the first line is a short, direct hook' };
}

function ctaCheck(text: string, policy: CtaPolicy): DraftCheck {
  const close = closing(text);
  if (policy === 'none') {
    const sell = HARD_SELL.exec(close);
    return {
      id: 'call_to_action',
      passed: !sell,
      note: sell ? `the brand asks for no hard sell; the close says "${sell[0]}"` : 'no hard sell in the close, as the brand asks',
    };
  }
  const passed = ENGAGE.test(close);
  return {
    id: 'call_to_action',
    passed,
    note: passed
      ? 'the close invites a response (a question, a reply, a click)'
      : 'the close invites no response: end on a question or an action',
  };
}

function repeatCheck(text: string): DraftCheck {
  const repeat = repeatedSentences(text)[0];
  return {
    id: 'no_repeated_sentence',
    passed: !repeat,
    note: repeat ? `repeats "${repeat.text.slice(0, 60)}"` : 'every sentence is said once',
  };
}

function formCheck(text: string, channel: Channel): DraftCheck {
  const hashtags = text.match(HASHTAG)?.length ?? 0;
  const problems: string[] = [];
  if (channel === 'x') {
    if (GREETING.test(text.trim())) problems.push('an X post needs no greeting');
    if (SIGN_OFF.test(text)) problems.push('an X post needs no sign-off');
    if (hashtags > 2) problems.push(`${hashtags} hashtags; X reads best with two at most`);
  } else {
    if (hashtags > 5) problems.push(`${hashtags} hashtags is a hashtag wall`);
    if (EMOJI_RUN.test(text)) problems.push('a run of emoji');
    const shouting = text.split('\n').find((line) => /\p{L}{4,}/u.test(line) && line === line.toUpperCase() && /\p{Lu}/u.test(line));
    if (shouting) problems.push('a line in all caps');
  }
  if ((channel === 'linkedin' || channel === 'newsletter') && text.split(/\n\s*\n/).filter((p) => p.trim()).length < 2) {
    problems.push(`a ${channel} draft reads in short paragraphs; this is one block`);
  }
  return { id: 'channel_form', passed: problems.length === 0, note: problems.join('; ') || `reads like a native ${channel} post` };
}

/** The draft rubric's deterministic part: hard rules first (invalid scores 0), then the weighted checks. */
export function scoreDraft(text: string, context: DraftRuleContext): DraftScore {
  const hardFailures = draftHardFailures(text, context);
  const checks = [
    lengthBandCheck(text, context.channel),
    hookCheck(text),
    ctaCheck(text, context.ctaPolicy ?? 'engage'),
    repeatCheck(text),
    formCheck(text, context.channel),
  ];
  const valid = hardFailures.length === 0;
  const earned = checks.reduce((sum, check) => sum + (check.passed ? DRAFT_CHECK_WEIGHTS[check.id] : 0), 0);
  const notes = valid
    ? checks.filter((check) => !check.passed).map((check) => check.note)
    : hardFailures.map((failure) => `Invalid: it ${failure.message}`);
  return { valid, hardFailures, checks, score: valid ? earned : 0, notes };
}

/** The rubric's publish-ready band for the 0–100 score (7 of 12 judged points). */
export const PUBLISH_READY_SCORE = Math.round((100 * 7) / 12);

// ----- packages -----

export type PackageRule = 'vacuous_thesis' | 'repeats_title' | 'no_channels' | 'lacks_primary_channel' | DraftRule;

export type PackageField = 'title' | 'coreArgument' | 'keyPoints' | 'channels';

export interface PackageHardFailure extends HardFailure<PackageRule> {
  field: PackageField;
  /** For keyPoints: which point. */
  index?: number;
}

export interface PackageThesisShape {
  title: string;
  coreArgument: string | null;
  keyPoints: readonly string[];
  /** Not checked for taboos: naming a taboo here is how a thesis says to stay clear of it. */
  risksToAvoid: readonly string[];
}

export interface PackageRuleContext {
  opportunityTitle: string | null;
  channels: readonly Channel[];
  /** The brand's primary channel: a package's channel set must carry it. */
  primaryChannel?: Channel | null;
  taboos: readonly string[];
  otherBrandNames?: readonly string[];
}

/** A thesis says something of its own in at least this many words the title does not already hold. */
export const MIN_OWN_THESIS_WORDS = 6;

const contentWords = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 2);

/** The thesis's words beyond the title's (distinct). */
export function ownThesisWords(coreArgument: string, title: string | null): string[] {
  const titleWords = new Set(contentWords(title ?? ''));
  return [...new Set(contentWords(coreArgument))].filter((word) => !titleWords.has(word));
}

/**
 * The package rubric's hard rules the text and channel set decide. The thesis guard rail in F2 and
 * packages.updateThesis use the text rules (`thesisTextFailures`); scoring adds the channel set.
 */
export function thesisTextFailures(thesis: PackageThesisShape, context: PackageRuleContext): PackageHardFailure[] {
  const failures: PackageHardFailure[] = [];
  const core = thesis.coreArgument?.trim() ?? '';
  const vacuous = !core || allMatches(core, MODEL_TEXT).length > 0 || countWords(core) < 5;
  if (vacuous) {
    failures.push({
      field: 'coreArgument',
      rule: 'vacuous_thesis',
      message: 'the core argument is empty or only asks for a post; say who it is for, what problem and what angle',
    });
  } else if (ownThesisWords(core, context.opportunityTitle).length < MIN_OWN_THESIS_WORDS) {
    failures.push({
      field: 'coreArgument',
      rule: 'repeats_title',
      message: 'the core argument only repeats the opportunity title; add the audience, the problem and the angle',
    });
  }
  const rules = { taboos: context.taboos, otherBrandNames: context.otherBrandNames };
  // Vacuous already covers a model's words in the core argument; the other text rules still apply.
  const fieldFailures = (field: PackageField, text: string, index?: number) =>
    textHardFailures(text, rules)
      .filter((failure) => !(vacuous && field === 'coreArgument' && failure.rule === 'model_text'))
      .map((failure) => ({ ...failure, field, ...(index === undefined ? {} : { index }) }));
  failures.push(...fieldFailures('title', thesis.title));
  if (core) failures.push(...fieldFailures('coreArgument', core));
  thesis.keyPoints.forEach((point, index) => {
    failures.push(...fieldFailures('keyPoints', point, index));
  });
  return failures;
}

export function packageHardFailures(thesis: PackageThesisShape, context: PackageRuleContext): PackageHardFailure[] {
  const failures = thesisTextFailures(thesis, context);
  if (context.channels.length === 0) {
    failures.push({ field: 'channels', rule: 'no_channels', message: 'the package has no channel' });
  } else if (context.primaryChannel && !context.channels.includes(context.primaryChannel)) {
    failures.push({
      field: 'channels',
      rule: 'lacks_primary_channel',
      message: `the channels lack the brand's primary channel, ${context.primaryChannel}`,
    });
  }
  return failures;
}

export type PackageDimensionId = 'thesis_clarity' | 'cross_channel_coherence' | 'relevance' | 'call_to_action' | 'brand_pattern_alignment';

export interface PackageDimension {
  id: PackageDimensionId;
  /** 0–3. */
  score: number;
  reason: string;
}

export interface PackageScoreContext extends PackageRuleContext {
  opportunityAngle?: string | null;
  personaName?: string | null;
  pillarName?: string | null;
  /** The package's current drafts with their deterministic scores. */
  drafts: readonly { channel: Channel; patternId: string | null; score: DraftScore }[];
}

export interface PackageScore {
  valid: boolean;
  hardFailures: PackageHardFailure[];
  dimensions: PackageDimension[];
  /** round(100 × sum / 15), 0 when invalid. */
  score: number;
  /** weak 1–7 of 15, board-ready ≥ 8. */
  band: 'invalid' | 'weak' | 'board_ready';
  notes: string[];
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((3 * part) / whole));

/**
 * The package rubric, deterministically: hard rules (invalid scores 0), then the five 0–3 dimensions
 * read from the thesis and the drafts' deterministic checks. A heuristic, not a judge; it says so.
 */
export function scorePackage(thesis: PackageThesisShape, context: PackageScoreContext): PackageScore {
  const hardFailures = packageHardFailures(thesis, context);
  const core = thesis.coreArgument ?? '';
  const lower = core.toLowerCase();
  const audience = !!context.personaName && lower.includes(context.personaName.toLowerCase().split(/\s+/)[0] ?? '');
  const problem = /\b(?:problem|pain|struggle|cost|risk|because|without|instead|miss|lose|hard|slow)\w*/iu.test(core);
  const angle = ownThesisWords(core, context.opportunityTitle).length >= MIN_OWN_THESIS_WORDS * 2;
  const clarity = [audience, problem, angle].filter(Boolean).length;
  const channelsWithValid = context.channels.filter((channel) => context.drafts.some((d) => d.channel === channel && d.score.valid)).length;
  const angleWords = new Set(contentWords(context.opportunityAngle ?? ''));
  const overlap = angleWords.size ? contentWords(core).filter((word) => angleWords.has(word)).length : 0;
  const relevance = Math.min(3, Math.ceil(overlap / 2));
  const withCta = context.drafts.filter((d) => d.score.checks.find((check) => check.id === 'call_to_action')?.passed).length;
  const withPattern = context.drafts.filter((d) => d.patternId).length;
  const dimensions: PackageDimension[] = [
    {
      id: 'thesis_clarity',
      score: clarity,
      reason: `names ${[audience && 'the audience', problem && 'a problem', angle && 'an angle of its own'].filter(Boolean).join(', ') || 'no audience, problem or angle'}`,
    },
    {
      id: 'cross_channel_coherence',
      score: share(channelsWithValid, context.channels.length),
      reason: `${channelsWithValid} of ${context.channels.length} channels have a valid draft`,
    },
    { id: 'relevance', score: relevance, reason: `${overlap} words of the opportunity's angle carried into the thesis` },
    {
      id: 'call_to_action',
      score: share(withCta, context.drafts.length),
      reason: `${withCta} of ${context.drafts.length} drafts close with a call to action`,
    },
    {
      id: 'brand_pattern_alignment',
      score: share(withPattern, context.drafts.length),
      reason: `${withPattern} of ${context.drafts.length} drafts follow a pattern of the library`,
    },
  ];
  const valid = hardFailures.length === 0;
  const sum = dimensions.reduce((total, dimension) => total + dimension.score, 0);
  const score = valid ? Math.round((100 * sum) / 15) : 0;
  return {
    valid,
    hardFailures,
    dimensions,
    score,
    band: !valid ? 'invalid' : sum >= 8 ? 'board_ready' : 'weak',
    notes: valid
      ? ['Deterministic heuristic over the thesis and the drafts’ checks, not a model judge.']
      : hardFailures.map((failure) => `Invalid: ${failure.message}`),
  };
}
