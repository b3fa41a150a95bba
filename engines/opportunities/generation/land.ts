import { and, eq, gte, inArray, or, sql } from 'drizzle-orm';
import { addDays } from '../../../lib/dates';
import { mentionedTaboos } from '../../../lib/taboo-match';
import type { Database } from '../../db/client';
import { brands, contentPillars, opportunities, personas, signals } from '../../db/schema';
import { NotFoundError } from '../../errors';
import { assertBrandLive, type BrandScope, type Executor, inBrand, liveBrand } from '../../scope';
import { ingestOpportunity } from '../ingest';
import { isLiveOnBoard } from '../queries';
import { type DroppedIdea, type GenerationCandidate, HARD_RULES, type LandCandidatesResult, type LandedIdea } from './dto';
import {
  type BoardItem,
  classifyBoard,
  generatedExpiry,
  NEAR_DUPLICATE_SIMILARITY,
  portfolioCapDrops,
  rubricExplanation,
  rubricScore,
  titleSimilarity,
} from './rubric';

/** Generated ideas name this as their source; the signals they rest on are kept beside it. */
export const GENERATION_SOURCE = 'Kairo idea generation';
/** Ideas from this far back (dismissed ones included) still count as "already had" for near-duplicates. */
export const RECENT_DAYS = 30;

interface Resolved {
  index: number;
  candidate: GenerationCandidate;
  pillarId: string;
  personaId: string;
  score: number;
  signalIds: string[];
  /** An earlier generated idea this one replaces (a near-duplicate with a lower score). */
  replaces?: ExistingIdea;
}

interface ExistingIdea {
  id: string;
  title: string;
  score: number;
  live: boolean;
  replaceable: boolean;
  dismissed: boolean;
}

/**
 * Stores the generation run's candidates that pass the rubric's rules, in one transaction with the
 * brand row locked (two runs of one brand land one after the other, so the second sees the first's
 * ideas as duplicates). Every candidate that is not stored is returned with its rule and reason.
 */
export async function landCandidates(
  db: Database,
  scope: BrandScope,
  request: { runId: string; candidates: GenerationCandidate[] },
  now: Date,
): Promise<LandCandidatesResult> {
  return db.transaction(async (tx) => {
    await assertBrandLive(tx, scope, { lock: true });
    const strategy = await loadStrategy(tx, scope);
    const dropped: DroppedIdea[] = [];
    const drop = (candidate: GenerationCandidate, rule: DroppedIdea['rule'], reason: string) =>
      dropped.push({ title: candidate.title || '(no title)', rule, reason });

    const knownSignals = await brandSignals(
      tx,
      scope,
      request.candidates.flatMap((c) => c.signalIds),
    );
    const valid: Resolved[] = [];
    for (const [index, candidate] of request.candidates.entries()) {
      const checked = checkHardRules(candidate, strategy);
      if ('rule' in checked) {
        drop(candidate, checked.rule, checked.reason);
        continue;
      }
      const signalIds = [...new Set(candidate.signalIds)].filter((id) => knownSignals.has(id));
      valid.push({ index, candidate, ...checked, score: rubricScore(candidate.subScores), signalIds });
    }

    // Highest score first: of two near-duplicates, the one kept is always the higher.
    valid.sort((a, b) => b.score - a.score || a.index - b.index);
    const existing = await existingIdeas(tx, scope, now);
    const kept: Resolved[] = [];
    for (const idea of valid) {
      const twin = kept.find((other) => titleSimilarity(other.candidate.title, idea.candidate.title) >= NEAR_DUPLICATE_SIMILARITY);
      if (twin) {
        drop(idea.candidate, 'duplicate', `Near-duplicate of "${twin.candidate.title}" from this run, which scored ${twin.score}.`);
        continue;
      }
      const earlier = existing.find((other) => titleSimilarity(other.title, idea.candidate.title) >= NEAR_DUPLICATE_SIMILARITY);
      if (!earlier) {
        kept.push(idea);
      } else if (earlier.replaceable && idea.score > earlier.score && !kept.some((k) => k.replaces?.id === earlier.id)) {
        kept.push({ ...idea, replaces: earlier });
      } else {
        const where = earlier.dismissed
          ? 'dismissed as not relevant'
          : earlier.live
            ? 'already on the board'
            : 'proposed in the last 30 days';
        drop(idea.candidate, 'duplicate', `Near-duplicate of "${earlier.title}" (${where}, score ${earlier.score}).`);
      }
    }

    const live = existing.filter((idea) => idea.live && !kept.some((k) => k.replaces?.id === idea.id));
    const livePillars = await livePillarCounts(tx, scope, now, new Set(kept.flatMap((k) => (k.replaces ? [k.replaces.id] : []))));
    const capped = portfolioCapDrops(livePillars, live.length, kept, strategy.dominantPillarIds);
    const landed: LandedIdea[] = [];
    const replaced: LandCandidatesResult['replaced'] = [];
    for (const [position, idea] of kept.entries()) {
      const { candidate } = idea;
      if (capped.has(position)) {
        const pillar = strategy.pillars.find((p) => p.id === idea.pillarId)?.name ?? candidate.pillar;
        drop(
          candidate,
          'portfolio_cap',
          `"${pillar}" would hold more than 60% of the board, and this was its lowest-scoring new idea (${idea.score}).`,
        );
        continue;
      }
      if (idea.replaces) {
        await tx.update(opportunities).set({ deletedAt: now, updatedAt: sql`now()` }).where(eq(opportunities.id, idea.replaces.id));
        replaced.push({ opportunityId: idea.replaces.id, title: idea.replaces.title, byTitle: candidate.title });
      }
      const [primaryChannel, ...others] = candidate.channels as [
        GenerationCandidate['channels'][number],
        ...GenerationCandidate['channels'],
      ];
      const sourceUrl = idea.signalIds.map((id) => knownSignals.get(id)).find((url) => url) ?? null;
      const { opportunity, created } = await ingestOpportunity(
        tx as unknown as Database,
        scope,
        {
          type: candidate.type,
          title: candidate.title,
          angle: candidate.angle,
          source: GENERATION_SOURCE,
          sourceUrl,
          personaId: idea.personaId,
          pillarId: idea.pillarId,
          primaryChannel,
          suggestedChannels: [primaryChannel, ...others],
          score: idea.score,
          scoreExplanation: rubricExplanation(candidate.subScores, idea.score),
          createdVia: 'llm_proposed',
          expiresAt: generatedExpiry(candidate.type, now),
          metadata: {},
          createdByUserId: null,
        },
        now,
      );
      if (!created) {
        drop(candidate, 'duplicate', `The board already has an idea titled "${opportunity.title}" from idea generation.`);
        continue;
      }
      await tx
        .update(opportunities)
        .set({
          whyNow: candidate.whyNow || null,
          subScores: candidate.subScores,
          signalIds: idea.signalIds,
          generationRunId: request.runId,
        })
        .where(eq(opportunities.id, opportunity.id));
      landed.push({ opportunityId: opportunity.id, title: opportunity.title, score: idea.score });
    }

    const hardFailures = dropped.filter((d) => HARD_RULES.includes(d.rule)).length;
    const board = await liveBoardItems(tx, scope, now);
    return { landed, dropped, replaced, boardClass: classifyBoard(board, { proposed: request.candidates.length, hardFailures }) };
  });
}

type Strategy = Awaited<ReturnType<typeof loadStrategy>>;

/** The rubric's hard rules: a title, an angle, a live pillar and a persona of the brand, no taboo. */
function checkHardRules(
  candidate: GenerationCandidate,
  strategy: Strategy,
): { rule: DroppedIdea['rule']; reason: string } | { pillarId: string; personaId: string } {
  if (!candidate.title) return { rule: 'empty_title', reason: 'The idea has no title.' };
  if (!candidate.angle) return { rule: 'empty_angle', reason: 'The idea has no angle: nothing says what the post would argue.' };
  const pillarId = resolve(strategy.pillars, candidate.pillar);
  if (!pillarId) return { rule: 'unknown_pillar', reason: `"${candidate.pillar}" is not one of the brand's active pillars.` };
  const personaId = resolve(strategy.personas, candidate.persona);
  if (!personaId) return { rule: 'unknown_persona', reason: `"${candidate.persona}" is not one of the brand's personas.` };
  const taboos = mentionedTaboos(`${candidate.title}\n${candidate.angle}\n${candidate.whyNow}`, strategy.taboos);
  if (taboos.length) {
    return {
      rule: 'taboo',
      reason: `It touches the brand's taboo${taboos.length > 1 ? 's' : ''} ${taboos.map((t) => `"${t}"`).join(', ')}.`,
    };
  }
  return { pillarId, personaId };
}

interface Named {
  id: string;
  name: string;
}

/** By id, else by name ignoring case and surrounding space. */
function resolve(items: Named[], reference: string): string | undefined {
  const key = reference.trim().toLowerCase();
  return items.find((item) => item.id === reference.trim() || item.name.trim().toLowerCase() === key)?.id;
}

async function loadStrategy(tx: Executor, scope: BrandScope) {
  const [brand] = await tx.select({ taboos: brands.taboos }).from(brands).where(liveBrand(scope));
  if (!brand) throw new NotFoundError('Brand', scope.brandId);
  const [pillarRows, personaRows] = await Promise.all([
    tx
      .select({ id: contentPillars.id, name: contentPillars.name, isDominant: contentPillars.isDominant })
      .from(contentPillars)
      .where(and(inBrand(contentPillars, scope), eq(contentPillars.isActive, true))),
    tx.select({ id: personas.id, name: personas.name }).from(personas).where(inBrand(personas, scope)),
  ]);
  return {
    taboos: brand.taboos,
    pillars: pillarRows,
    personas: personaRows,
    dominantPillarIds: new Set(pillarRows.filter((p) => p.isDominant).map((p) => p.id)),
  };
}

/** The brand's signals among `ids`, with their links. */
async function brandSignals(tx: Executor, scope: BrandScope, ids: string[]): Promise<Map<string, string | null>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await tx
    .select({ id: signals.id, url: signals.url })
    .from(signals)
    .where(and(inBrand(signals, scope), inArray(signals.id, unique)));
  return new Map(rows.map((row) => [row.id, row.url]));
}

/** Every live idea of the brand and every idea of the last 30 days, dismissed ones included. */
async function existingIdeas(tx: Executor, scope: BrandScope, now: Date): Promise<ExistingIdea[]> {
  const since = addDays(now, -RECENT_DAYS);
  const rows = await tx
    .select({
      id: opportunities.id,
      title: opportunities.title,
      score: opportunities.score,
      live: sql<boolean>`coalesce(${isLiveOnBoard(now)}, false)`,
      isPinned: opportunities.isPinned,
      createdVia: opportunities.createdVia,
      dismissedAt: opportunities.dismissedAt,
    })
    .from(opportunities)
    .where(
      and(
        inBrand(opportunities, scope),
        or(isLiveOnBoard(now), gte(opportunities.createdAt, since), gte(opportunities.dismissedAt, since)),
      ),
    );
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    score: row.score,
    live: row.live,
    dismissed: row.dismissedAt !== null,
    // Only a live generated idea no one has pinned gives way to a better version of itself: a person's
    // own idea, a pinned one and a dismissed one stay as they are.
    replaceable: row.live && row.createdVia === 'llm_proposed' && !row.isPinned,
  }));
}

async function livePillarCounts(tx: Executor, scope: BrandScope, now: Date, leaving: Set<string>): Promise<Map<string, number>> {
  const rows = await tx
    .select({ id: opportunities.id, pillarId: opportunities.pillarId })
    .from(opportunities)
    .where(and(inBrand(opportunities, scope), isLiveOnBoard(now)));
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (!row.pillarId || leaving.has(row.id)) continue;
    counts.set(row.pillarId, (counts.get(row.pillarId) ?? 0) + 1);
  }
  return counts;
}

/** The live board as the class reads it: each idea's score, pillar and persona. */
export async function liveBoardItems(db: Executor, scope: BrandScope, now: Date): Promise<BoardItem[]> {
  return db
    .select({ score: opportunities.score, pillarId: opportunities.pillarId, personaId: opportunities.personaId })
    .from(opportunities)
    .where(and(inBrand(opportunities, scope), isLiveOnBoard(now)));
}
