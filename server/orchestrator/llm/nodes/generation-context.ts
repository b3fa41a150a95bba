import { z } from 'zod';
import type { BrandStrategyView } from '../../../../engines/brand-brain/dto';
import { Channel } from '../../../../engines/enums';
import type { GenerationBoard } from '../../../../engines/opportunities/generation/dto';
import type { SignalDTO } from '../../../../engines/sources/dto';
import { clip } from './package-context';

/** Caps on one generation prompt: every list and string is bounded, so the largest context fits the cap. */
export const GENERATION_LIMITS = {
  name: 120,
  positioning: 600,
  tags: 12,
  tag: 40,
  taboos: 30,
  taboo: 120,
  pillars: 8,
  personas: 8,
  description: 300,
  priorities: 3,
  priority: 120,
  board: 30,
  title: 200,
  signals: 30,
  signalSummary: 500,
  url: 300,
} as const;

const L = GENERATION_LIMITS;
/** A learned decision weight: small, signed; positive means the team keeps choosing it. */
const Weight = z.number().min(-1).max(1);

export const GenerationContext = z.object({
  brandName: z.string().max(L.name),
  positioning: z.string().max(L.positioning),
  toneTags: z.array(z.string().max(L.tag)).max(L.tags),
  taboos: z.array(z.string().max(L.taboo)).max(L.taboos),
  /** The brand's channels, primary first. */
  channels: z.array(Channel).min(1).max(Channel.options.length),
  pillars: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string().max(L.name),
        description: z.string().max(L.description),
        dominant: z.boolean(),
        weight: Weight,
      }),
    )
    .max(L.pillars),
  personas: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string().max(L.name),
        role: z.string().max(L.name).nullable(),
        summary: z.string().max(L.description),
        priorities: z.array(z.string().max(L.priority)).max(L.priorities),
        weight: Weight,
      }),
    )
    .max(L.personas),
  channelWeights: z.partialRecord(Channel, Weight),
  /** What the board already holds (top live ideas): the model proposes something else. */
  board: z.array(z.object({ title: z.string().max(L.title), pillar: z.string().max(L.name).nullable() })).max(L.board),
  /** The newest unused signals; empty for a brand with no sources yet (evergreen ideas from the strategy). */
  signals: z
    .array(
      z.object({
        id: z.uuid(),
        title: z.string().max(L.title),
        summary: z.string().max(L.signalSummary),
        url: z.string().max(L.url).nullable(),
        /** YYYY-MM-DD, or null when the source gave no date. */
        publishedOn: z.string().max(10).nullable(),
      }),
    )
    .max(L.signals),
});
export type GenerationContext = z.infer<typeof GenerationContext>;

/** The decision weights the flow hands the model, by pillar id, persona id and channel (0 when unknown). */
export interface LearnedWeights {
  pillars: Record<string, number>;
  personas: Record<string, number>;
  channels: Record<string, number>;
}

const bounded = (weight: number | undefined) => Math.max(-1, Math.min(1, weight ?? 0));

/** The generation prompt's context from engine DTOs only, cut to GENERATION_LIMITS. */
export function boundGenerationContext(
  strategy: BrandStrategyView,
  board: GenerationBoard,
  signals: SignalDTO[],
  weights: LearnedWeights,
): GenerationContext {
  const dominant = new Set(board.dominantPillarIds);
  const channels = [strategy.primaryChannel, ...strategy.channels.map((c) => c.channel).filter((c) => c !== strategy.primaryChannel)];
  return GenerationContext.parse({
    brandName: clip(strategy.brandName, L.name),
    positioning: clip(strategy.positioning, L.positioning),
    toneTags: strategy.toneTags.slice(0, L.tags).map((tag) => clip(tag, L.tag)),
    taboos: strategy.taboos.slice(0, L.taboos).map((taboo) => clip(taboo, L.taboo)),
    channels,
    pillars: strategy.pillars.slice(0, L.pillars).map((pillar) => ({
      id: pillar.id,
      name: clip(pillar.name, L.name),
      description: clip(pillar.description, L.description),
      dominant: dominant.has(pillar.id),
      weight: bounded(weights.pillars[pillar.id]),
    })),
    personas: strategy.personas.slice(0, L.personas).map((persona) => ({
      id: persona.id,
      name: clip(persona.name, L.name),
      role: persona.role === null ? null : clip(persona.role, L.name),
      summary: clip(persona.summary, L.description),
      priorities: persona.priorities.slice(0, L.priorities).map((p) => clip(p, L.priority)),
      weight: bounded(weights.personas[persona.id]),
    })),
    channelWeights: Object.fromEntries(channels.map((channel) => [channel, bounded(weights.channels[channel])])),
    board: board.items.slice(0, L.board).map((item) => ({
      title: clip(item.title, L.title),
      pillar: item.pillar === null ? null : clip(item.pillar, L.name),
    })),
    signals: signals.slice(0, L.signals).map((signal) => ({
      id: signal.id,
      title: clip(signal.title, L.title),
      summary: clip(signal.summary, L.signalSummary),
      // A link longer than the cap is no use cut short.
      url: signal.url && signal.url.length <= L.url ? signal.url : null,
      publishedOn: signal.publishedAt ? signal.publishedAt.toISOString().slice(0, 10) : null,
    })),
  });
}
