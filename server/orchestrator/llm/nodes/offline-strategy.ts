import type { ProposeStrategyDraftInput, StrategyDraft, StrategyExample } from '../../../../engines/brand-brain/strategy-dto';
import { clip as clipUnits } from './package-context';

type Answers = ProposeStrategyDraftInput['answers'];

const MAX_PILLARS = 5;
const MAX_PERSONAS = 3;
const MAX_TONE_TAGS = 7;
const MAX_TABOOS = 30;

/** A list answer's items: split on commas, semicolons, lines and bullets; blanks and repeats dropped. */
export function phrases(answer: string): string[] {
  const seen = new Set<string>();
  const items: string[] = [];
  for (const raw of answer.split(/[,;\n•]+|\s+-\s+/)) {
    const item = raw.replace(/^[\s\-*\d.)]+/, '').trim();
    const key = item.toLowerCase();
    if (item && !seen.has(key)) {
      seen.add(key);
      items.push(item);
    }
  }
  return items;
}

/** `clip`, minus a half emoji: a cut between the two halves of a pair would leave text no draft field accepts. */
const clip = (text: string, max: number) => clipUnits(text, max).replace(/\p{Surrogate}/gu, '');

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Distinct by name ignoring case (two long phrases may clip to the same name). */
function distinctNames<T extends { name: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.name.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The offline strategist: a deterministic draft from the answers alone, so F0 runs with no model. The
 * goals become pillars (topped up from the audience), the audience becomes personas, the anti-voice
 * and the "this is us" examples shape the tone, and the taboo answer is split into taboos. Its output
 * meets every draft invariant for any valid answers (strategy-draft.test.ts checks it).
 */
export function writeOfflineStrategy(input: ProposeStrategyDraftInput): StrategyDraft {
  const { answers } = input;
  const examples = input.examples ?? [];
  return {
    positioning: clip(answers.oneLiner, 600),
    pillars: pillarsFrom(answers),
    personas: personasFrom(answers),
    toneTags: toneFrom(answers, examples),
    taboos: tabooList(answers.taboos),
  };
}

function pillarsFrom(answers: Answers): StrategyDraft['pillars'] {
  const fromGoals = phrases(answers.goals).map((goal) => ({
    name: clip(capitalized(goal), 60),
    description: `Content that serves the goal: ${clip(goal, 400)}`,
  }));
  const fromAudience = phrases(answers.audience).map((who) => ({
    name: clip(`What ${who} need to know`, 60),
    description: `Practical help for ${clip(who, 300)}, in the brand's own words.`,
  }));
  const fallback = [
    { name: 'What we do', description: `Showing the work behind it: ${clip(answers.oneLiner, 400)}` },
    { name: 'Lessons from the field', description: 'What the team has learnt, told plainly.' },
  ];
  return distinctNames([...fromGoals, ...fromAudience, ...fallback])
    .slice(0, MAX_PILLARS)
    .map((pillar, index) => ({ ...pillar, priority: index + 1 }));
}

function personasFrom(answers: Answers): StrategyDraft['personas'] {
  // Generic on purpose: the answers say what the brand wants, not what its readers want; the person edits these.
  const priorities = ['Advice they can use this week', 'Evidence they can trust', 'Less time spent on the problem'];
  const people = distinctNames(phrases(answers.audience).map((who) => ({ name: clip(capitalized(who), 80), who })));
  const chosen = people.length ? people.slice(0, MAX_PERSONAS) : [{ name: 'Our reader', who: answers.audience }];
  return chosen.map((person, index) => ({
    name: person.name,
    role: clip(person.who, 120),
    summary: clip(`${capitalized(person.who)}, whom the brand writes for. What it offers them: ${clip(answers.oneLiner, 400)}`, 1_000),
    priorities,
    pains: [clip(`Content that sounds ${phrases(answers.antiVoice)[0] ?? 'generic'}`, 200)],
    // The first audience named is the one the brand writes for first.
    priority: index === 0 ? 'high' : 'medium',
  }));
}

function toneFrom(answers: Answers, examples: StrategyExample[]): string[] {
  const ours = examples.filter((e) => e.label === 'us').map((e) => e.text);
  const sentences = ours.flatMap((text) => text.split(/[.!?]+/).filter((s) => s.trim()));
  const words = sentences.reduce((sum, s) => sum + s.trim().split(/\s+/).length, 0);
  const fromExamples = [
    sentences.length && words / sentences.length <= 14 ? 'concise' : null,
    sentences.length && words / sentences.length > 22 ? 'thorough' : null,
    ours.some((text) => text.includes('?')) ? 'curious' : null,
    ours.some((text) => /\b(we|our)\b/i.test(text)) ? 'first person' : null,
  ];
  const never = phrases(answers.antiVoice).map((phrase) => clip(`never ${phrase.toLowerCase()}`, 40));
  // At most two tags read from the examples, so the anti-voice's "never …" tags still find room.
  const observed = fromExamples.filter((tag): tag is string => !!tag).slice(0, 2);
  const tags = [...observed, 'clear', 'practical', 'confident', ...never];
  return [...new Set(tags)].slice(0, MAX_TONE_TAGS);
}

function tabooList(answer: string): string[] {
  const items = phrases(answer).map((taboo) => clip(taboo, 120));
  const distinct = [...new Set(items)];
  return (distinct.length ? distinct : [clip(answer, 120)]).slice(0, MAX_TABOOS);
}
