import { z } from 'zod';
import type { BrandStrategyView } from '../../../../engines/brand-brain/dto';
import { Channel } from '../../../../engines/enums';
import type { GenerationBoard } from '../../../../engines/opportunities/generation/dto';
import type { SignalDTO } from '../../../../engines/sources/dto';
import { CONTEXT_LIMITS, clip } from './package-context';

/**
 * Caps on one generation prompt: every list and string is bounded, so the largest context fits the cap.
 * The brand's name, voice and taboos (all of them: the rubric refuses an idea that breaks one) and a title
 * are capped as F2's context caps them.
 */
export const GENERATION_LIMITS = {
  name: CONTEXT_LIMITS.name,
  positioning: CONTEXT_LIMITS.positioning,
  tags: CONTEXT_LIMITS.tags,
  tag: CONTEXT_LIMITS.tag,
  taboos: CONTEXT_LIMITS.taboos,
  taboo: CONTEXT_LIMITS.taboo,
  title: CONTEXT_LIMITS.title,
  pillars: 8,
  personas: 8,
  description: 300,
  priorities: 3,
  priority: 120,
  board: 30,
  signals: 30,
  signalSummary: 500,
  url: 300,
} as const;

/** A learned decision weight: small, signed; positive means the team keeps choosing it. */
const Weight = z.number().min(-1).max(1);

export const GenerationContext = z.object({
  brandName: z.string().max(GENERATION_LIMITS.name),
  positioning: z.string().max(GENERATION_LIMITS.positioning),
  toneTags: z.array(z.string().max(GENERATION_LIMITS.tag)).max(GENERATION_LIMITS.tags),
  taboos: z.array(z.string().max(GENERATION_LIMITS.taboo)).max(GENERATION_LIMITS.taboos),
  /** The brand's channels, primary first. */
  channels: z.array(Channel).min(1).max(Channel.options.length),
  pillars: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string().max(GENERATION_LIMITS.name),
        description: z.string().max(GENERATION_LIMITS.description),
        dominant: z.boolean(),
        weight: Weight,
      }),
    )
    .max(GENERATION_LIMITS.pillars),
  personas: z
    .array(
      z.object({
        id: z.uuid(),
        name: z.string().max(GENERATION_LIMITS.name),
        role: z.string().max(GENERATION_LIMITS.name).nullable(),
        summary: z.string().max(GENERATION_LIMITS.description),
        priorities: z.array(z.string().max(GENERATION_LIMITS.priority)).max(GENERATION_LIMITS.priorities),
        weight: Weight,
      }),
    )
    .max(GENERATION_LIMITS.personas),
  channelWeights: z.partialRecord(Channel, Weight),
  /** What the board already holds (top live ideas): the model proposes something else. */
  board: z
    .array(z.object({ title: z.string().max(GENERATION_LIMITS.title), pillar: z.string().max(GENERATION_LIMITS.name).nullable() }))
    .max(GENERATION_LIMITS.board),
  /** The newest unused signals; empty for a brand with no sources yet (evergreen ideas from the strategy). */
  signals: z
    .array(
      z.object({
        id: z.uuid(),
        title: z.string().max(GENERATION_LIMITS.title),
        summary: z.string().max(GENERATION_LIMITS.signalSummary),
        url: z.string().max(GENERATION_LIMITS.url).nullable(),
        /** YYYY-MM-DD, or null when the source gave no date. */
        publishedOn: z.string().max(10).nullable(),
      }),
    )
    .max(GENERATION_LIMITS.signals),
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
    brandName: clip(strategy.brandName, GENERATION_LIMITS.name),
    positioning: clip(strategy.positioning, GENERATION_LIMITS.positioning),
    toneTags: strategy.toneTags.slice(0, GENERATION_LIMITS.tags).map((tag) => clip(tag, GENERATION_LIMITS.tag)),
    taboos: strategy.taboos.slice(0, GENERATION_LIMITS.taboos).map((taboo) => clip(taboo, GENERATION_LIMITS.taboo)),
    channels,
    pillars: strategy.pillars.slice(0, GENERATION_LIMITS.pillars).map((pillar) => ({
      id: pillar.id,
      name: clip(pillar.name, GENERATION_LIMITS.name),
      description: clip(pillar.description, GENERATION_LIMITS.description),
      dominant: dominant.has(pillar.id),
      weight: bounded(weights.pillars[pillar.id]),
    })),
    personas: strategy.personas.slice(0, GENERATION_LIMITS.personas).map((persona) => ({
      id: persona.id,
      name: clip(persona.name, GENERATION_LIMITS.name),
      role: persona.role === null ? null : clip(persona.role, GENERATION_LIMITS.name),
      summary: clip(persona.summary, GENERATION_LIMITS.description),
      priorities: persona.priorities.slice(0, GENERATION_LIMITS.priorities).map((p) => clip(p, GENERATION_LIMITS.priority)),
      weight: bounded(weights.personas[persona.id]),
    })),
    channelWeights: Object.fromEntries(channels.map((channel) => [channel, bounded(weights.channels[channel])])),
    board: board.items.slice(0, GENERATION_LIMITS.board).map((item) => ({
      title: clip(item.title, GENERATION_LIMITS.title),
      pillar: item.pillar === null ? null : clip(item.pillar, GENERATION_LIMITS.name),
    })),
    signals: signals.slice(0, GENERATION_LIMITS.signals).map((signal) => ({
      id: signal.id,
      title: clip(signal.title, GENERATION_LIMITS.title),
      summary: clip(signal.summary, GENERATION_LIMITS.signalSummary),
      // A link longer than the cap is no use cut short.
      url: signal.url && signal.url.length <= GENERATION_LIMITS.url ? signal.url : null,
      publishedOn: signal.publishedAt ? signal.publishedAt.toISOString().slice(0, 10) : null,
    })),
  });
}
