import { z } from 'zod';
import { defineLlmNode } from '../llm-node';
import { clip, ThesisContext } from './package-context';

export const PackageThesis = z.object({
  coreArgument: z.string().trim().min(20).max(600),
  supportingPoints: z.array(z.string().trim().min(3).max(300)).min(3).max(5),
  risksToAvoid: z.array(z.string().trim().min(3).max(300)).max(5),
});
export type PackageThesis = z.infer<typeof PackageThesis>;

/**
 * The offline thesis: who it is for, the problem they have and the angle, from the context alone (the
 * package rubric calls a thesis that only repeats the opportunity title invalid). Points from the
 * pillar and persona; the taboos become risks.
 */
export function writeOfflineThesis(context: ThesisContext): PackageThesis {
  const { opportunity, pillar, persona, taboos, brandName, positioning } = context;
  const audience = persona ? `${persona.name}${persona.role ? ` (${persona.role})` : ''}` : `the people ${brandName} writes for`;
  const problem = persona?.pains[0] ?? pillar?.description ?? 'work that takes longer and costs more than it should';
  const lens = pillar ? `through ${pillar.name}` : `in ${brandName}'s own voice`;
  const coreArgument = `For ${audience}, the problem is ${sentenceBody(problem)}. "${opportunity.title}" matters now: ${sentenceBody(opportunity.angle)}. Our angle, ${lens}: show what to change first, and why it pays off.`;
  const points = [
    pillar ? `It advances ${pillar.name}: ${pillar.description}` : null,
    ...(persona?.priorities.slice(0, 2).map((p) => `It serves what ${persona.name} cares about: ${p}`) ?? []),
    persona?.pains[1] ? `It eases another known pain: ${persona.pains[1]}` : null,
    `Why now: ${opportunity.angle}`,
    positioning ? `It fits how ${brandName} shows up: ${positioning}` : null,
    // Always there, so an opportunity with no pillar or persona still gets the three points a thesis needs.
    'Lead with the change a reader can make this week, then the evidence for it',
    `One idea, told the way each channel reads it: ${context.channels.join(', ')}`,
    'Close by inviting readers to share how they handle it today',
  ].filter((p): p is string => !!p);
  return {
    coreArgument: clip(coreArgument, 600),
    supportingPoints: points.slice(0, 5).map((p) => clip(p, 300)),
    risksToAvoid: [
      ...taboos.slice(0, 3).map((taboo) => clip(`Steer clear of "${taboo}"`, 300)),
      'Claims the brand cannot back with evidence',
    ].slice(0, 5),
  };
}

/** A phrase to carry inside a sentence: no closing stop, lower-cased first letter unless an acronym. */
function sentenceBody(text: string): string {
  const trimmed = text.trim().replace(/[.!?\s]+$/u, '');
  return /^\p{Lu}\p{Ll}/u.test(trimmed) ? trimmed[0]!.toLowerCase() + trimmed.slice(1) : trimmed;
}

export const packageThesisNode = defineLlmNode({
  name: 'PackageThesis',
  role: 'thesis_writer',
  input: ThesisContext,
  output: PackageThesis,
  instructions:
    'You are the content strategist of a brand. From the opportunity and the brand context, write the core thesis of a content package: one core argument, three to five supporting points, and the risks to avoid (including the brand taboos). Use only facts from the context; do not invent numbers, customers or quotes.',
  prompt: (context) =>
    `Write the package thesis for "${context.opportunity.title}" for ${context.brandName}, to be published on ${context.channels.join(', ')}.`,
  offline: writeOfflineThesis,
  failure: 'hard',
  timeoutMs: 45_000,
  // Just above the largest valid context, all 30 taboos included (node-caps.test.ts keeps the two in step).
  maxPromptChars: 11_000,
});
