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

const L = CONTEXT_LIMITS;

/**
 * The bounded context of one package build, assembled from engine DTOs: the brand's voice and limits,
 * the opportunity, and the pillar and persona it serves. Every LLM node of F2 reads a slice of it.
 */
const PersonaContext = z.object({
  name: z.string().max(L.name),
  role: z.string().max(L.name).nullable(),
  summary: z.string().max(L.description),
  priorities: z.array(z.string().max(L.listItem)).max(L.listItems),
  pains: z.array(z.string().max(L.listItem)).max(L.listItems),
  channelNotes: z.partialRecord(Channel, z.string().max(L.listItem)),
});

export const PackageBuildContext = z.object({
  brandName: z.string().max(L.name),
  positioning: z.string().max(L.positioning),
  toneTags: z.array(z.string().max(L.tag)).max(L.tags),
  taboos: z.array(z.string().max(L.taboo)).max(L.taboos),
  opportunity: z.object({
    title: z.string().max(L.title),
    angle: z.string().max(L.angle),
    type: z.string().max(40),
    source: z.string().max(L.name),
  }),
  pillar: z.object({ name: z.string().max(L.name), description: z.string().max(L.description) }).nullable(),
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
    brandName: clip(strategy.brandName, L.name),
    positioning: clip(strategy.positioning, L.positioning),
    toneTags: clipAll(strategy.toneTags, L.tags, L.tag),
    taboos: clipAll(strategy.taboos, L.taboos, L.taboo),
    opportunity: {
      title: clip(opportunity.title, L.title),
      angle: clip(opportunity.angle, L.angle),
      type: opportunity.type,
      source: clip(opportunity.source, L.name),
    },
    pillar: pillar ? { name: clip(pillar.name, L.name), description: clip(pillar.description, L.description) } : null,
    persona: persona
      ? {
          name: clip(persona.name, L.name),
          role: persona.role ? clip(persona.role, L.name) : null,
          summary: clip(persona.summary, L.description),
          priorities: clipAll(persona.priorities, L.listItems, L.listItem),
          pains: clipAll(persona.pains, L.listItems, L.listItem),
          channelNotes: Object.fromEntries(
            Object.entries(persona.channelBiases).map(([channel, note]) => [channel, clip(note ?? '', L.listItem)]),
          ),
        }
      : null,
    channels,
  });
}
