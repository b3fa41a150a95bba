import { z } from 'zod';
import type { BrandStrategyView } from '../../../../engines/brand-brain/dto';
import { Channel } from '../../../../engines/enums';

/** Caps on what one F2 prompt may carry; long brand material is trimmed, never dumped whole. */
export const CONTEXT_LIMITS = {
  name: 120,
  positioning: 600,
  tags: 12,
  tag: 40,
  // Every taboo the brand brain allows (30 × 120): the guard rail checks drafts against this list.
  taboos: 30,
  taboo: 120,
  title: 200,
  angle: 800,
  description: 400,
  listItems: 5,
  listItem: 200,
} as const;

/**
 * The bounded context of one package build, assembled from engine DTOs: the brand's voice and limits,
 * the opportunity, and the pillar and persona it serves. Every LLM node of F2 reads a slice of it.
 */
const PersonaContext = z.object({
  name: z.string().max(CONTEXT_LIMITS.name),
  role: z.string().max(CONTEXT_LIMITS.name).nullable(),
  summary: z.string().max(CONTEXT_LIMITS.description),
  priorities: z.array(z.string().max(CONTEXT_LIMITS.listItem)).max(CONTEXT_LIMITS.listItems),
  pains: z.array(z.string().max(CONTEXT_LIMITS.listItem)).max(CONTEXT_LIMITS.listItems),
  channelNotes: z.partialRecord(Channel, z.string().max(CONTEXT_LIMITS.listItem)),
});

export const PackageBuildContext = z.object({
  brandName: z.string().max(CONTEXT_LIMITS.name),
  positioning: z.string().max(CONTEXT_LIMITS.positioning),
  toneTags: z.array(z.string().max(CONTEXT_LIMITS.tag)).max(CONTEXT_LIMITS.tags),
  taboos: z.array(z.string().max(CONTEXT_LIMITS.taboo)).max(CONTEXT_LIMITS.taboos),
  opportunity: z.object({
    title: z.string().max(CONTEXT_LIMITS.title),
    angle: z.string().max(CONTEXT_LIMITS.angle),
    type: z.string().max(40),
    source: z.string().max(CONTEXT_LIMITS.name),
  }),
  pillar: z.object({ name: z.string().max(CONTEXT_LIMITS.name), description: z.string().max(CONTEXT_LIMITS.description) }).nullable(),
  persona: PersonaContext.nullable(),
  channels: z.array(Channel).min(1).max(Channel.options.length),
});
export type PackageBuildContext = z.infer<typeof PackageBuildContext>;

/**
 * What the thesis writer sees: the package context without the persona's per-channel notes, which
 * only the channel's own variant writer needs (six of them would crowd the thesis prompt's cap).
 */
export const ThesisContext = PackageBuildContext.extend({ persona: PersonaContext.omit({ channelNotes: true }).nullable() });
export type ThesisContext = z.infer<typeof ThesisContext>;

export function thesisContext(context: PackageBuildContext): ThesisContext {
  const { persona, ...rest } = context;
  if (!persona) return { ...rest, persona: null };
  const { channelNotes: _channelNotes, ...personaSlice } = persona;
  return { ...rest, persona: personaSlice };
}

/** Trims to `max` characters at a word boundary where one is close, with an ellipsis when cut. */
export function clip(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}

const clipAll = (items: readonly string[], count: number, max: number) => items.slice(0, count).map((item) => clip(item, max));

/** What a package is about: its opportunity, or for regeneration the package itself when that is gone. */
export interface PackageOrigin {
  title: string;
  angle: string;
  type: string;
  source: string;
  pillarId: string | null;
  personaId: string | null;
}

/** The context from the brand's strategy and the origin; the origin's own pillar and persona only. */
export function boundPackageContext(strategy: BrandStrategyView, opportunity: PackageOrigin, channels: Channel[]): PackageBuildContext {
  const pillar = strategy.pillars.find((p) => p.id === opportunity.pillarId);
  const persona = strategy.personas.find((p) => p.id === opportunity.personaId);
  return PackageBuildContext.parse({
    brandName: clip(strategy.brandName, CONTEXT_LIMITS.name),
    positioning: clip(strategy.positioning, CONTEXT_LIMITS.positioning),
    toneTags: clipAll(strategy.toneTags, CONTEXT_LIMITS.tags, CONTEXT_LIMITS.tag),
    taboos: clipAll(strategy.taboos, CONTEXT_LIMITS.taboos, CONTEXT_LIMITS.taboo),
    opportunity: {
      title: clip(opportunity.title, CONTEXT_LIMITS.title),
      angle: clip(opportunity.angle, CONTEXT_LIMITS.angle),
      type: opportunity.type,
      source: clip(opportunity.source, CONTEXT_LIMITS.name),
    },
    pillar: pillar
      ? { name: clip(pillar.name, CONTEXT_LIMITS.name), description: clip(pillar.description, CONTEXT_LIMITS.description) }
      : null,
    persona: persona
      ? {
          name: clip(persona.name, CONTEXT_LIMITS.name),
          role: persona.role ? clip(persona.role, CONTEXT_LIMITS.name) : null,
          summary: clip(persona.summary, CONTEXT_LIMITS.description),
          priorities: clipAll(persona.priorities, CONTEXT_LIMITS.listItems, CONTEXT_LIMITS.listItem),
          pains: clipAll(persona.pains, CONTEXT_LIMITS.listItems, CONTEXT_LIMITS.listItem),
          channelNotes: Object.fromEntries(
            Object.entries(persona.channelBiases).map(([channel, note]) => [channel, clip(note ?? '', CONTEXT_LIMITS.listItem)]),
          ),
        }
      : null,
    channels,
  });
}
