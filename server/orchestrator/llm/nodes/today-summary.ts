import { z } from 'zod';
import { defineLlmNode } from '../llm-node';

export const TodaySummaryInput = z.object({
  brandName: z.string().max(120),
  pillarName: z.string().max(120).nullable(),
  personaName: z.string().max(120).nullable(),
  channel: z.string().max(40),
  highScoreCount: z.number().int().min(0),
  liveCount: z.number().int().min(0),
});
export type TodaySummaryInput = z.infer<typeof TodaySummaryInput>;

export const TodayFocusSummaryOutput = z.object({
  summary: z.string().min(10).max(300),
});
export type TodayFocusSummaryOutput = z.infer<typeof TodayFocusSummaryOutput>;

const CHANNEL_LABELS: Record<string, string> = { linkedin: 'LinkedIn', x: 'X', newsletter: 'the newsletter' };

export function channelLabel(channel: string): string {
  return CHANNEL_LABELS[channel] ?? channel;
}

/**
 * The sentence shown when no model answers; also what the offline model writes. It sits under the
 * "Focus on {pillar} / {channel} / {persona} today" heading, so it says what to do next rather than
 * naming the focus again.
 */
export function fallbackTodaySummary(input: TodaySummaryInput): string {
  if (input.liveCount === 0) {
    return `${input.brandName} has no live opportunities today: add or unsnooze ideas to get a focus.`;
  }
  if (input.highScoreCount === 0) {
    return `None of the ${input.liveCount} live ideas scores high yet: draft the strongest one, or generate fresh ideas.`;
  }
  const ideas = input.highScoreCount === 1 ? '1 high-scoring idea is' : `${input.highScoreCount} high-scoring ideas are`;
  return `Draft from the top of the list down; ${ideas} waiting on the board.`;
}

export const todaySummaryNode = defineLlmNode({
  name: 'TodayFocusSummary',
  role: 'summarizer',
  input: TodaySummaryInput,
  output: TodayFocusSummaryOutput,
  instructions:
    'You brief a brand content team. Answer with one or two plain sentences that say what to do first today. The page already shows the pillar, channel and persona as its heading: do not repeat them. No lists, no emoji, no invented facts.',
  prompt: (input) =>
    `Write today's focus for ${input.brandName}: pillar ${input.pillarName ?? 'none'}, persona ${input.personaName ?? 'none'}, channel ${channelLabel(input.channel)}, ${input.highScoreCount} high-score of ${input.liveCount} live opportunities.`,
  offline: (input) => ({ summary: fallbackTodaySummary(input) }),
  failure: 'soft',
  timeoutMs: 15_000,
  maxPromptChars: 2_000,
});
