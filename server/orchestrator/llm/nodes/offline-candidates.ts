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

export function writeOfflineCandidates(context: GenerationContext): { candidates: GenerationCandidate[] } {
  const pillars = byWeight(context.pillars);
  const personas = byWeight(context.personas);
  if (pillars.length === 0 || personas.length === 0) return { candidates: [] };
  const boardWords = words(context.board.map((item) => item.title).join(' '));
  // The model is told never to touch a taboo; the offline one passes over such signals the same way.
  const usable = context.signals.filter((s) => mentionedTaboos(`${s.title}\n${s.summary}`, context.taboos).length === 0);
  const fromSignals = usable
    .slice(0, MAX_FROM_SIGNALS)
    .map((signal, turn) =>
      signalIdea(
        context,
        signal,
        turn,
        usable.length,
        pillars[turn % pillars.length]!,
        personas[(turn + Math.floor(turn / pillars.length)) % personas.length]!,
        boardWords,
      ),
    );
  const wanted = Math.max(MIN_CANDIDATES, fromSignals.length);
  const evergreen = evergreenIdeas(context, pillars, personas, fromSignals.length).slice(
    0,
    Math.max(0, Math.min(MAX_CANDIDATES, wanted) - fromSignals.length),
  );
  return { candidates: [...fromSignals, ...evergreen] };
}

function signalIdea(
  context: GenerationContext,
  signal: Signal,
  turn: number,
  batch: number,
  pillar: Pillar,
  persona: Persona,
  boardWords: Set<string>,
): GenerationCandidate {
  const signalWords = words(`${signal.title} ${signal.summary}`);
  const fits = shares(signalWords, words(`${pillar.name} ${pillar.description}`));
  const onBoard = shares(words(signal.title), boardWords);
  const newest = turn < Math.ceil(batch / 3);
  const subScores: SubScores = {
    clarity: signal.summary
      ? score(4, 'One signal, one argument, and the summary says what happened.')
      : score(3, 'Only a headline to go on: the argument needs a sentence of context.'),
    strategicFit: fits
      ? score(4, `The signal speaks to "${pillar.name}" in its own words, for ${persona.name}.`)
      : score(3, `Placed under "${pillar.name}" for ${persona.name}, though the signal does not name it.`),
    timeliness: !signal.publishedOn
      ? score(2, 'The source gave no date: it may not be news any more.')
      : newest
        ? score(4, `Among the newest signals (${signal.publishedOn}).`)
        : score(3, `A recent signal (${signal.publishedOn}).`),
    differentiation: onBoard
      ? score(2, 'The board already touches this topic: the angle must set it apart.')
      : score(3, "A topic the board does not cover yet, read through the brand's own pillar."),
    executionReadiness:
      signal.summary.length >= 120
        ? score(4, 'The summary gives a writer enough to start today.')
        : score(3, 'A writer can start, but will read the source first.'),
  };
  const summary = signal.summary ? clip(signal.summary, 300) : clip(signal.title, 200);
  return {
    title: clip(`What "${clip(signal.title, 110)}" means for ${pillar.name}`, 200),
    angle: clip(
      `For ${persona.name} (${personaLabel(persona)}): ${summary} Argue what it changes for ${pillar.name.toLowerCase()}: ${pillar.description}`,
      1_000,
    ),
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
