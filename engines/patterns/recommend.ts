import type { Channel } from '../enums';
import type { PatternDTO, PatternRecommendation } from './dto';

/**
 * Scoring policy for pattern recommendations (0–100, one decimal):
 *
 * - Merit starts at the pattern's avgEngagementScore. A pattern never measured starts at
 *   NEUTRAL_PRIOR, the middle of the scale: it is neither buried under every measured pattern nor
 *   put above ones that measure well, so new patterns still get tried.
 * - Experimental patterns lose EXPERIMENTAL_PENALTY: they stay on offer so they can earn a track
 *   record, but an active pattern that engages as well comes first.
 * - A pattern whose category equals the pillar's category (ignoring case) gains PILLAR_CATEGORY_BONUS:
 *   a fit with what the content is about, worth less than a real gap in engagement.
 * - A pattern whose drafts for the brand have rubric scores (variants.eval_score, their mean) moves by
 *   (mean − 50) / 10, at most ±DRAFT_QUALITY_WEIGHT: regeneration prefers patterns whose drafts score
 *   well, but a real gap in engagement still decides.
 * - The result is clamped to 0–100.
 *
 * Only active and experimental patterns that support the channel are candidates; retired ones
 * never are. Order: score, highest first; at equal score the brand's own pattern before a shared one
 * (it was written for this voice); then the more used; then name and id, so the order never flips.
 */
export const NEUTRAL_PRIOR = 50;
export const EXPERIMENTAL_PENALTY = 5;
export const PILLAR_CATEGORY_BONUS = 5;
export const DRAFT_QUALITY_WEIGHT = 5;

export interface RecommendationContext {
  channel: Channel;
  /** The category of the pillar the content serves, if any. */
  pillarCategory: string | null;
  /** The persona's note on this channel, if it has one. */
  persona: { name: string; channelNote: string } | null;
  /** Each pattern's mean draft rubric score (0–100) on the channel, for patterns with evaluated drafts. */
  draftScores?: ReadonlyMap<string, number>;
}

export function isRecommendable(pattern: PatternDTO, channel: Channel): boolean {
  return pattern.status !== 'retired' && pattern.supportedChannels.includes(channel);
}

/** The draft-quality move for a mean rubric score: (mean − 50) / 10, within ±DRAFT_QUALITY_WEIGHT. */
export function draftQualityBoost(meanScore: number | undefined): number {
  if (meanScore === undefined) return 0;
  return Math.max(-DRAFT_QUALITY_WEIGHT, Math.min(DRAFT_QUALITY_WEIGHT, (meanScore - 50) / 10));
}

export function scorePattern(pattern: PatternDTO, context: Pick<RecommendationContext, 'pillarCategory' | 'draftScores'>): number {
  let score = pattern.avgEngagementScore ?? NEUTRAL_PRIOR;
  if (pattern.status === 'experimental') score -= EXPERIMENTAL_PENALTY;
  if (matchesPillar(pattern, context.pillarCategory)) score += PILLAR_CATEGORY_BONUS;
  score += draftQualityBoost(context.draftScores?.get(pattern.id));
  return Math.round(Math.min(100, Math.max(0, score)) * 10) / 10;
}

/** The best `maxResults` candidates for the context, by the policy above. */
export function rankPatterns(
  candidates: readonly PatternDTO[],
  context: RecommendationContext,
  maxResults: number,
): PatternRecommendation[] {
  return candidates
    .filter((pattern) => isRecommendable(pattern, context.channel))
    .map((pattern) => ({ pattern, score: scorePattern(pattern, context) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(a.pattern.isShared) - Number(b.pattern.isShared) ||
        b.pattern.usageCount - a.pattern.usageCount ||
        compare(a.pattern.name.toLowerCase(), b.pattern.name.toLowerCase()) ||
        compare(a.pattern.id, b.pattern.id),
    )
    .slice(0, maxResults)
    .map(({ pattern, score }) => ({ pattern, score, rationale: rationale(pattern, context) }));
}

function matchesPillar(pattern: PatternDTO, pillarCategory: string | null): boolean {
  return pillarCategory !== null && pillarCategory.trim().toLowerCase() === pattern.category;
}

const MAX_NOTE_CHARS = 160;

function rationale(pattern: PatternDTO, context: RecommendationContext): string {
  const owner = pattern.isShared ? 'Shared pattern' : "The brand's own pattern";
  const evidence =
    pattern.avgEngagementScore === null
      ? `not measured yet, so it starts at the neutral ${NEUTRAL_PRIOR}/100`
      : `averages ${pattern.avgEngagementScore}/100 engagement over ${pattern.usageCount} ${pattern.usageCount === 1 ? 'use' : 'uses'}`;
  const sentences = [`${owner} for ${context.channel}; ${evidence}.`];
  if (pattern.status === 'experimental') sentences.push('Experimental, so ranked slightly lower.');
  if (matchesPillar(pattern, context.pillarCategory)) sentences.push(`Fits the pillar's ${pattern.category} focus.`);
  const draftScore = context.draftScores?.get(pattern.id);
  if (draftScore !== undefined) sentences.push(`Its drafts here score ${Math.round(draftScore)}/100 on the rubric.`);
  if (context.persona) {
    const note = context.persona.channelNote.slice(0, MAX_NOTE_CHARS);
    sentences.push(`${context.persona.name} on ${context.channel}: ${note}`);
  }
  return sentences.join(' ');
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
