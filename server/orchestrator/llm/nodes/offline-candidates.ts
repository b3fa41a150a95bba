import type { Channel } from '../../../../engines/enums';
import type { GenerationCandidate, SubScores } from '../../../../engines/opportunities/generation/dto';
import { mentionedTaboos } from '../../../../lib/taboo-match';
import type { GenerationContext } from './generation-context';
import { clip } from './package-context';

// The offline idea generator: deterministic candidates from the signals and the strategy, so the
// generation flow runs with no model. Each signal becomes one trend idea, spread over the pillars and
// personas in turn (the ones the team keeps choosing first); the strategy tops the list up with
// evergreen ideas, one per pillar and persona and template, so a brand with no sources still gets a
// board. The sub-scores follow plain heuristics and every reason says it is the offline heuristic.

const MIN_CANDIDATES = 10;
const MAX_CANDIDATES = 16;
const MAX_FROM_SIGNALS = 12;
const LABEL = ' (offline heuristic)';

type Pillar = GenerationContext['pillars'][number];
type Persona = GenerationContext['personas'][number];
type Signal = GenerationContext['signals'][number];

const byWeight = <T extends { weight: number }>(items: readonly T[]) =>
  items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.weight - a.item.weight || a.index - b.index)
    .map(({ item }) => item);

const reason = (text: string) => `${clip(text, 200 - LABEL.length)}${LABEL}`;
const score = (value: number, text: string) => ({ score: value, reason: reason(text) });

/** Words of four letters or more, lowercased: what two texts must share to be "about the same thing". */
function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []);
}

const shares = (a: Set<string>, b: Set<string>) => [...a].some((word) => b.has(word));

function channelsFor(context: GenerationContext, turn: number): Channel[] {
  const { channels } = context;
  const primary = channels[turn % channels.length]!;
  return [primary, ...channels.filter((c) => c !== primary)].slice(0, 3);
}

const personaLabel = (persona: Persona) => persona.role || persona.name;

/** The persona as a reader: its name, and its role when that says something the name does not. */
function audienceOf(persona: Persona): string {
  const role = persona.role?.trim();
  return role && role.toLowerCase() !== persona.name.toLowerCase() ? `${persona.name} (${role})` : persona.name;
}

export function writeOfflineCandidates(context: GenerationContext): { candidates: GenerationCandidate[] } {
  const pillars = byWeight(context.pillars);
  const personas = byWeight(context.personas);
  if (pillars.length === 0 || personas.length === 0) return { candidates: [] };
  const boardWords = words(context.board.map((item) => item.title).join(' '));
  // The model is told never to touch a taboo; the offline one passes over such signals the same way.
  const usable = context.signals
    .filter((s) => mentionedTaboos(`${s.title}\n${s.summary}`, context.taboos).length === 0)
    .slice(0, MAX_FROM_SIGNALS);
  const pickPillar = fairPicker(pillars, usable.length, (pillar) => words(`${pillar.name} ${pillar.description}`));
  const pickPersona = fairPicker(personas, usable.length, (persona) =>
    words(`${persona.name} ${persona.role ?? ''} ${persona.summary} ${persona.priorities.join(' ')}`),
  );
  const batchWords = usable.map((signal) => words(signal.title));
  const fromSignals = usable.map((signal, turn) => {
    const signalWords = words(`${signal.title} ${signal.summary}`);
    const pillar = pickPillar(signalWords);
    const persona = pickPersona(signalWords);
    // A topic two signals of the batch share is one every brand in the space will post about.
    const common = batchWords.some((other, index) => index !== turn && shares(other, batchWords[turn]!));
    return signalIdea(context, signal, { turn, batch: usable.length, pillar, persona, boardWords, common });
  });
  const wanted = Math.max(MIN_CANDIDATES, fromSignals.length);
  const evergreen = evergreenIdeas(context, pillars, personas, fromSignals.length).slice(
    0,
    Math.max(0, Math.min(MAX_CANDIDATES, wanted) - fromSignals.length),
  );
  return { candidates: [...fromSignals, ...evergreen] };
}

/**
 * Picks, for each signal in turn, the item whose words it shares most, among those still under their
 * fair share of the batch (so ideas spread over every pillar and persona); ties go to the one with
 * fewer ideas so far, then to the higher weight (the list's order).
 */
function fairPicker<T>(items: readonly T[], batch: number, wordsOf: (item: T) => Set<string>) {
  const share = Math.max(1, Math.ceil(batch / items.length));
  const counts = items.map(() => 0);
  const itemWords = items.map(wordsOf);
  return (signalWords: Set<string>): { item: T; matched: boolean } => {
    const ranked = items
      .map((item, index) => ({ item, index, overlap: [...signalWords].filter((w) => itemWords[index]!.has(w)).length }))
      .filter(({ index }) => counts[index]! < share)
      .sort((a, b) => b.overlap - a.overlap || counts[a.index]! - counts[b.index]! || a.index - b.index);
    const chosen = ranked[0]!;
    counts[chosen.index]!++;
    return { item: chosen.item, matched: chosen.overlap > 0 };
  };
}

interface Placement {
  turn: number;
  batch: number;
  pillar: { item: Pillar; matched: boolean };
  persona: { item: Persona; matched: boolean };
  boardWords: Set<string>;
  common: boolean;
}

function signalIdea(context: GenerationContext, signal: Signal, placement: Placement): GenerationCandidate {
  const { turn, batch, boardWords, common } = placement;
  const pillar = placement.pillar.item;
  const persona = placement.persona.item;
  const onBoard = shares(words(signal.title), boardWords);
  const third = Math.floor((3 * turn) / Math.max(1, batch));
  const subScores: SubScores = {
    clarity:
      signal.title.length <= 70 && signal.summary
        ? score(4, 'A short headline and a summary that says what happened: one argument.')
        : signal.summary
          ? score(3, 'A long headline: the idea needs cutting down to one point.')
          : score(2, 'Only a headline to go on: the argument needs a sentence of context.'),
    strategicFit:
      placement.pillar.matched && placement.persona.matched
        ? score(4, `The signal speaks to "${pillar.name}" and to what matters to ${persona.name}.`)
        : placement.pillar.matched || placement.persona.matched
          ? score(3, `It touches "${pillar.name}" or ${persona.name}'s concerns, not both in so many words.`)
          : score(2, `Placed under "${pillar.name}" for ${persona.name}, though the signal names neither.`),
    timeliness: !signal.publishedOn
      ? score(2, 'The source gave no date: it may not be news any more.')
      : third === 0
        ? score(4, `Among the newest signals (${signal.publishedOn}).`)
        : third === 1
          ? score(3, `A recent signal (${signal.publishedOn}).`)
          : score(2, `One of the older signals of the batch (${signal.publishedOn}).`),
    differentiation:
      onBoard || common
        ? score(
            2,
            onBoard
              ? 'The board already touches this topic: the angle must set it apart.'
              : 'Several signals share this topic: many brands will post it.',
          )
        : score(3, "A topic the board does not cover yet, read through the brand's own pillar."),
    executionReadiness:
      signal.summary.length >= 150
        ? score(4, 'The summary gives a writer enough to start today.')
        : signal.summary.length >= 60
          ? score(3, 'A writer can start, but will read the source first.')
          : score(2, 'Too little material: the source needs reading and a second source.'),
  };
  const summary = signal.summary ? clip(signal.summary, 300) : clip(signal.title, 200);
  return {
    title: clip(`${clip(signal.title, 120)}: what it means for ${persona.name}`, 200),
    angle: clip(`${summary} Argue what it changes for ${audienceOf(persona)}, through the lens of "${pillar.name}".`, 1_000),
    whyNow: clip(
      `"${clip(signal.title, 150)}"${signal.publishedOn ? ` came out on ${signal.publishedOn}` : ' is in the feeds now'}, and ${persona.name} will have seen it.`,
      600,
    ),
    type: 'trend',
    pillar: pillar.id,
    persona: persona.id,
    channels: channelsFor(context, turn),
    signalIds: [signal.id],
    subScores,
  };
}

const TEMPLATES = [
  {
    title: (pillar: Pillar, persona: Persona, priority: string) =>
      `${capitalized(priority)} through ${pillar.name.toLowerCase()}, for the ${personaLabel(persona).toLowerCase()}`,
    differentiation: score(2, 'A familiar promise; the proof has to come from the brand’s own practice.'),
    readiness: score(4, 'The pillar and the persona’s priority give the outline.'),
  },
  {
    title: (pillar: Pillar, persona: Persona) => `The ${personaLabel(persona).toLowerCase()}'s checklist: ${pillar.name.toLowerCase()}`,
    differentiation: score(2, 'Checklists are common; this one is only as good as its specifics.'),
    readiness: score(4, 'A checklist can be drafted today from what the team already does.'),
  },
  {
    title: (pillar: Pillar, persona: Persona) =>
      `Myths about ${pillar.name.toLowerCase()} that cost the ${personaLabel(persona).toLowerCase()} time`,
    differentiation: score(3, 'Taking on a common belief sets the brand apart from the usual advice.'),
    readiness: score(2, 'The myths need real examples gathered before writing.'),
  },
] as const;

/** Evergreen ideas from the strategy: each template over every pillar and persona, pillar by pillar. */
function evergreenIdeas(context: GenerationContext, pillars: Pillar[], personas: Persona[], turnOffset: number): GenerationCandidate[] {
  const ideas: GenerationCandidate[] = [];
  for (const [templateIndex, template] of TEMPLATES.entries()) {
    for (const persona of personas) {
      for (const [pillarIndex, pillar] of pillars.entries()) {
        const priority = persona.priorities[(pillarIndex + templateIndex) % Math.max(1, persona.priorities.length)] ?? pillar.name;
        ideas.push({
          title: clip(template.title(pillar, persona, priority), 200),
          angle: clip(
            `${persona.name} cares about ${persona.priorities.join(', ') || persona.summary}. Show how ${pillar.name.toLowerCase()} (${pillar.description}) serves ${priority}, with one concrete example from ${context.brandName}.`,
            1_000,
          ),
          whyNow: clip(`Evergreen: ${priority} matters to ${persona.name} every week, with or without news.`, 600),
          type: 'evergreen',
          pillar: pillar.id,
          persona: persona.id,
          channels: channelsFor(context, turnOffset + ideas.length),
          signalIds: [],
          subScores: {
            clarity: score(4, `One idea: ${priority} through one pillar.`),
            strategicFit: score(4, `A live pillar ("${pillar.name}") and a real persona (${persona.name}).`),
            timeliness: score(1, 'Evergreen: no news hook, it can run any week.'),
            differentiation: template.differentiation,
            executionReadiness: template.readiness,
          },
        });
      }
    }
  }
  return ideas;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
