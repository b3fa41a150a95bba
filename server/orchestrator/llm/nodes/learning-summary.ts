import { z } from 'zod';
import { Channel } from '../../../../engines/enums';
import { defineLlmNode } from '../llm-node';

const Name = z.string().max(80);
const Score = z.number().min(0).max(100).nullable();

/** Aggregates only: a few patterns, the pillars and the channels of the window, never rows or texts. */
export const LearningSummaryInput = z.object({
  brandName: z.string().max(120),
  windowDays: z.int().min(1).max(365),
  variantsScored: z.int().nonnegative(),
  patterns: z
    .array(z.object({ name: Name, avgEngagementScore: Score, variantsInWindow: z.int().nonnegative(), trend: z.number().nullable() }))
    .max(6),
  pillars: z.array(z.object({ name: Name, sharePercent: z.number().min(0).max(100), avgEngagementScore: Score })).max(8),
  channels: z.array(z.object({ channel: Channel, ratePer100: z.number().nonnegative().nullable() })).max(6),
});
export type LearningSummaryInput = z.infer<typeof LearningSummaryInput>;

export const LearningSummaryOutput = z.object({
  summary: z.string().min(10).max(600),
});
export type LearningSummaryOutput = z.infer<typeof LearningSummaryOutput>;

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The summary when no model answers; also what the offline model writes. Over-invested: the pillar
 * with the largest share whose engagement is below the window's average. Under-invested: the pillar
 * with the best engagement whose share is below an even split (or one with no posts at all).
 */
export function fallbackLearningSummary(input: LearningSummaryInput): string {
  const days = plural(input.windowDays, 'day');
  if (input.variantsScored === 0) {
    return `No published variants of ${input.brandName} have metrics from the last ${days} yet: send metrics to the ingest route or import a CSV, then run learning.`;
  }
  const sentences: string[] = [];
  const ranked = input.patterns.filter((p) => p.avgEngagementScore !== null && p.variantsInWindow > 0);
  ranked.sort((a, b) => b.avgEngagementScore! - a.avgEngagementScore!);
  const best = ranked[0];
  const worst = ranked.length > 1 ? ranked[ranked.length - 1] : undefined;
  if (best) {
    let sentence = `In the last ${days}, "${best.name}" worked best (${best.avgEngagementScore!.toFixed(0)}/100 over ${plural(best.variantsInWindow, 'post')})`;
    if (worst) sentence += ` and "${worst.name}" did least (${worst.avgEngagementScore!.toFixed(0)}/100)`;
    sentences.push(`${sentence}.`);
  } else {
    sentences.push(`In the last ${days}, ${plural(input.variantsScored, 'post')} were scored, none of them with a pattern.`);
  }
  const scored = input.pillars.filter((p) => p.avgEngagementScore !== null);
  if (input.pillars.length > 1 && scored.length > 0) {
    const average =
      scored.reduce((sum, p) => sum + p.avgEngagementScore! * p.sharePercent, 0) /
      Math.max(
        1,
        scored.reduce((sum, p) => sum + p.sharePercent, 0),
      );
    const even = 100 / input.pillars.length;
    const over = [...scored].sort((a, b) => b.sharePercent - a.sharePercent).find((p) => p.avgEngagementScore! < average);
    const under =
      [...scored].sort((a, b) => b.avgEngagementScore! - a.avgEngagementScore!).find((p) => p.sharePercent < even && p !== over) ??
      input.pillars.find((p) => p.sharePercent === 0);
    if (over) sentences.push(`${over.name} took ${over.sharePercent.toFixed(0)}% of the posts but engaged below average: over-invested.`);
    if (under)
      sentences.push(
        `${under.name} got ${under.sharePercent.toFixed(0)}% of the posts${under.avgEngagementScore !== null ? ` yet engaged at ${under.avgEngagementScore.toFixed(0)}/100` : ''}: under-invested.`,
      );
  }
  return sentences.join(' ').slice(0, 600);
}

export const learningSummaryNode = defineLlmNode({
  name: 'LearningSummary',
  role: 'summarizer',
  input: LearningSummaryInput,
  output: LearningSummaryOutput,
  instructions:
    'You brief a brand content team on what their published posts taught. In two or three plain sentences say which patterns worked in the window and which content pillar looks over- or under-invested. Use only the figures given; no lists, no emoji, no invented numbers.',
  prompt: (input) =>
    `Summarise the last ${input.windowDays} days of ${input.brandName}: ${input.variantsScored} scored posts, ${input.patterns.length} patterns, ${input.pillars.length} pillars.`,
  offline: (input) => ({ summary: fallbackLearningSummary(input) }),
  failure: 'soft',
  timeoutMs: 15_000,
  maxPromptChars: 4_000,
});
