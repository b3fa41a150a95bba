import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { addDays } from '../../lib/dates';
import { type Clock, systemClock } from '../clock';
import type { Database } from '../db/client';
import { contentPillars, opportunities } from '../db/schema';
import { DecisionsEngine } from '../decisions/engine';
import { InvariantViolationError, NotFoundError } from '../errors';
import { assertBrandLive, BrandScope, type Executor, inBrand, rowsOfLiveBrand, type Tx } from '../scope';
import {
  DismissOpportunityInput,
  HIGH_SCORE,
  IngestOpportunityInput,
  type IngestOpportunityResult,
  LearnedAdjustmentInput,
  ListOpportunitiesInput,
  ListSnoozedOpportunitiesInput,
  MAX_PINNED_PER_BRAND,
  MAX_SNOOZE_DAYS,
  type OpportunityDTO,
  OpportunityRef,
  OpportunityTriageInput,
  RescoreOpportunityInput,
  SnoozeOpportunityInput,
  TodayBoard,
  TodayBoardInput,
} from './dto';
import { GenerationBoard, LandCandidatesInput, type LandCandidatesResult, MAX_BOARD_TITLES } from './generation/dto';
import { brandsDueForGeneration, type DueForGenerationInput } from './generation/due-brands';
import { landCandidates } from './generation/land';
import { ingestOpportunity } from './ingest';
import { createManualOpportunity, importOpportunitiesCsv } from './manual';
import { CreateOpportunityInput, ImportOpportunitiesCsvInput, type ImportOpportunitiesResult } from './manual-dto';
import {
  boardOrder,
  loadOpportunityDTO,
  notDismissed,
  notExpired,
  notSnoozed,
  selectBoardMetrics,
  selectBoardPage,
  selectWithHandles,
  toCard,
  toDTO,
} from './queries';

type OpportunityChanges = Omit<PgUpdateSetSource<typeof opportunities>, 'id' | 'tenantId' | 'brandId'>;

export interface OpportunitiesEngineDeps {
  clock?: Clock;
  /** Where pins, snoozes and dismissals are logged (in the same transaction); one over `db` by default. */
  decisions?: Pick<DecisionsEngine, 'record'>;
}

/**
 * The brand's stream of scored content opportunities and the Today board over it. Live means not
 * deleted, not expired and not snoozed. `lastTouchedAt` records a person acting on a card (ingest, pin,
 * snooze), so score changes leave it alone and learning never reorders ties by itself.
 */
export class OpportunitiesEngine {
  private readonly clock: Clock;
  private readonly decisions: Pick<DecisionsEngine, 'record'>;

  constructor(
    private readonly db: Database,
    deps: OpportunitiesEngineDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
    this.decisions = deps.decisions ?? new DecisionsEngine(db, { clock: this.clock });
  }

  /**
   * The top `limit` live opportunities in board order (narrowed by `filter`), with counts over every
   * live one of the brand (the returned page can be shorter than `metrics.total`).
   */
  async getTodayBoard(brand: BrandScope, input: TodayBoardInput = {}): Promise<TodayBoard> {
    const scope = BrandScope.parse(brand);
    const { limit, filter } = TodayBoardInput.parse(input);
    const now = this.clock();
    // Both reads answer only while the brand is live (whileBrandLive), so the board is two statements
    // sent at once; an empty page is the one answer that may hide a brand that is not live.
    const [page, metrics] = await Promise.all([
      selectBoardPage(this.db, scope, now, limit, filter),
      selectBoardMetrics(this.db, scope, now),
    ]);
    const rows = await rowsOfLiveBrand(this.db, scope, page);
    const ranked = rows.map(toCard);
    return TodayBoard.parse({
      opportunities: ranked,
      packages: rows.flatMap((row) => (row.packages ?? []).map((link) => ({ opportunityId: row.card.id, ...link }))),
      metrics,
      highScoreOpportunityIds: ranked.filter((o) => o.score >= HIGH_SCORE).map((o) => o.id),
    });
  }

  /** Any non-deleted opportunity of the brand, live or not (callers check `isSnoozed` and `expiresAt`). */
  async getOpportunity(brand: BrandScope, input: OpportunityRef): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    return loadOpportunityDTO(this.db, scope, OpportunityRef.parse(input).opportunityId, this.clock());
  }

  /** A page of the brand's opportunities in board order; live ones only unless asked otherwise (dismissed ones never). */
  async listOpportunitiesForBrand(brand: BrandScope, input: ListOpportunitiesInput = {}): Promise<OpportunityDTO[]> {
    const scope = BrandScope.parse(brand);
    const { includeSnoozed, includeExpired, limit, offset } = ListOpportunitiesInput.parse(input);
    const now = this.clock();
    await assertBrandLive(this.db, scope);
    const rows = await selectWithHandles(this.db)
      .where(
        and(
          inBrand(opportunities, scope),
          notDismissed(),
          includeExpired ? undefined : notExpired(now),
          includeSnoozed ? undefined : notSnoozed(now),
        ),
      )
      .orderBy(...boardOrder)
      .limit(limit)
      .offset(offset);
    return rows.map(toDTO(now));
  }

  /**
   * The snoozed ideas (not dismissed, not expired), the soonest to return first, so the board's "Snoozed"
   * view can bring one back (snooze until null). A brand snoozes a handful at a time; the brand prefix of
   * opportunities_board_idx finds its rows.
   */
  async listSnoozedOpportunities(brand: BrandScope, input: ListSnoozedOpportunitiesInput = {}): Promise<OpportunityDTO[]> {
    const scope = BrandScope.parse(brand);
    const { limit } = ListSnoozedOpportunitiesInput.parse(input);
    const now = this.clock();
    await assertBrandLive(this.db, scope);
    const rows = await selectWithHandles(this.db)
      .where(and(inBrand(opportunities, scope), notDismissed(), notExpired(now), gt(opportunities.snoozedUntil, now)))
      .orderBy(asc(opportunities.snoozedUntil), asc(opportunities.id))
      .limit(limit);
    return rows.map(toDTO(now));
  }

  /**
   * Pins an opportunity (pinning a pinned one just touches it). At most MAX_PINNED_PER_BRAND
   * unexpired opportunities of a brand are pinned: an expired or dismissed card has left the board for
   * good, so its pin no longer takes a place, and it cannot be pinned. A new pin is logged as a decision.
   */
  async pinOpportunity(brand: BrandScope, input: OpportunityTriageInput): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    const { opportunityId: id, decidedByUserId } = OpportunityTriageInput.parse(input);
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      // Pins of one brand queue on its row: without the lock, two pins at four could both count four.
      await assertBrandLive(tx, scope, { lock: true });
      const [target] = await tx
        .select({ isPinned: opportunities.isPinned, expiresAt: opportunities.expiresAt, dismissedAt: opportunities.dismissedAt })
        .from(opportunities)
        .where(and(eq(opportunities.id, id), inBrand(opportunities, scope)));
      if (!target) throw new NotFoundError('Opportunity', id);
      if (!target.isPinned) {
        if (target.dismissedAt) {
          throw new InvariantViolationError(`Opportunity ${id} was dismissed as not relevant and cannot be pinned`, 'state');
        }
        if (target.expiresAt && target.expiresAt <= now) {
          throw new InvariantViolationError(`Opportunity ${id} has expired and cannot be pinned`, 'state');
        }
        const [pins] = await tx
          .select({ count: sql<number>`count(*)::int` })
          .from(opportunities)
          .where(and(inBrand(opportunities, scope), eq(opportunities.isPinned, true), notExpired(now), notDismissed()));
        if ((pins?.count ?? 0) >= MAX_PINNED_PER_BRAND) {
          throw new InvariantViolationError(`A brand can pin at most ${MAX_PINNED_PER_BRAND} opportunities; unpin one first`, 'state');
        }
      }
      const pinned = await this.change(tx, scope, id, { isPinned: true, lastTouchedAt: now });
      if (!target.isPinned) await this.logDecision(tx, scope, 'pinned', pinned, decidedByUserId);
      return pinned;
    });
  }

  /** Unpins (unpinning an unpinned one just touches it); a pin taken away is logged as a decision. */
  async unpinOpportunity(brand: BrandScope, input: OpportunityTriageInput): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    const { opportunityId: id, decidedByUserId } = OpportunityTriageInput.parse(input);
    return this.db.transaction(async (tx) => {
      const wasPinned = (await this.lockRow(tx, scope, id)).isPinned;
      const unpinned = await this.change(tx, scope, id, { isPinned: false, lastTouchedAt: this.clock() });
      if (wasPinned) await this.logDecision(tx, scope, 'unpinned', unpinned, decidedByUserId);
      return unpinned;
    });
  }

  /** Hides the opportunity from the board until `until`, which must lie within the next MAX_SNOOZE_DAYS. */
  async snoozeOpportunity(brand: BrandScope, input: SnoozeOpportunityInput): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    const { opportunityId: id, until: snoozedUntil, decidedByUserId } = SnoozeOpportunityInput.parse(input);
    const now = this.clock();
    if (snoozedUntil <= now) throw new InvariantViolationError('A snooze must end in the future', 'input');
    if (snoozedUntil > addDays(now, MAX_SNOOZE_DAYS)) {
      throw new InvariantViolationError(`A snooze can last at most ${MAX_SNOOZE_DAYS} days`, 'input');
    }
    return this.db.transaction(async (tx) => {
      if ((await this.lockRow(tx, scope, id)).dismissedAt) {
        throw new InvariantViolationError(`Opportunity ${id} was dismissed as not relevant and cannot be snoozed`, 'state');
      }
      const snoozed = await this.change(tx, scope, id, { snoozedUntil, lastTouchedAt: now });
      await this.logDecision(tx, scope, 'snoozed', snoozed, decidedByUserId);
      return snoozed;
    });
  }

  /**
   * "Not relevant": the idea leaves the board and every count, and its pin is released. The row stays
   * (undeleted) so dedupe still finds it and a feed cannot bring the same title back. Dismissing a
   * dismissed idea returns it unchanged, without a second decision.
   */
  async dismissOpportunity(brand: BrandScope, input: DismissOpportunityInput): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    const { opportunityId: id, reason, decidedByUserId } = DismissOpportunityInput.parse(input);
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      if ((await this.lockRow(tx, scope, id)).dismissedAt) return loadOpportunityDTO(tx, scope, id, now);
      const dismissed = await this.change(tx, scope, id, {
        dismissedAt: now,
        dismissedReason: reason ?? null,
        isPinned: false,
        lastTouchedAt: now,
      });
      await this.logDecision(tx, scope, 'dismissed', dismissed, decidedByUserId, reason);
      return dismissed;
    });
  }

  async unsnoozeOpportunity(brand: BrandScope, input: OpportunityRef): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    return this.change(this.db, scope, OpportunityRef.parse(input).opportunityId, { snoozedUntil: null, lastTouchedAt: this.clock() });
  }

  /**
   * Adds an opportunity from a feed, a person or an LLM proposal; returns `created: false` with the
   * existing one when the brand already has the same normalised title from the same source.
   */
  async ingestOpportunity(brand: BrandScope, input: IngestOpportunityInput): Promise<IngestOpportunityResult> {
    const scope = BrandScope.parse(brand);
    return ingestOpportunity(this.db, scope, IngestOpportunityInput.parse(input), this.clock());
  }

  /**
   * An idea a person typed in: ingested as `manual` with its initial score. A title the brand already
   * has (from any source, dismissed ones included) is a ConflictError naming that idea.
   */
  async createOpportunity(brand: BrandScope, input: CreateOpportunityInput): Promise<IngestOpportunityResult> {
    const scope = BrandScope.parse(brand);
    return createManualOpportunity(this.db, scope, CreateOpportunityInput.parse(input), this.clock());
  }

  /**
   * A CSV file of ideas (columns: manual-dto.ts IDEA_CSV_COLUMNS): every row is checked first and a
   * bad file is refused with every bad line (InvalidImportError), else all rows land in one transaction.
   */
  async importOpportunitiesCsv(brand: BrandScope, input: ImportOpportunitiesCsvInput): Promise<ImportOpportunitiesResult> {
    const scope = BrandScope.parse(brand);
    return importOpportunitiesCsv(this.db, scope, ImportOpportunitiesCsvInput.parse(input), this.clock());
  }

  /**
   * Sets the score outright (an explicit re-score). The new score becomes the base and the learned
   * adjustment restarts at 0; the next learning run applies its adjustment to the new base.
   */
  async updateOpportunityScore(brand: BrandScope, input: RescoreOpportunityInput): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    const { opportunityId, score: newScore, explanation } = RescoreOpportunityInput.parse(input);
    const score = integerIn(newScore, 0, 100, 'A score');
    return this.change(this.db, scope, opportunityId, { score, baseScore: score, learnedAdjustment: 0, scoreExplanation: explanation });
  }

  /**
   * The learning engine's way to move a score: sets the learned adjustment and recomputes the score
   * from the base as clamp(baseScore + adjustment, 0, 100), so re-running learning for the same
   * evidence sets the same score instead of compounding.
   */
  async applyLearnedAdjustment(brand: BrandScope, input: LearnedAdjustmentInput): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    const { opportunityId, adjustment, explanation } = LearnedAdjustmentInput.parse(input);
    const learned = integerIn(adjustment, -100, 100, 'A learned adjustment');
    return this.change(this.db, scope, opportunityId, {
      learnedAdjustment: learned,
      score: sql`greatest(0, least(100, ${opportunities.baseScore} + ${learned}::int))`,
      scoreExplanation: explanation,
    });
  }

  /** The row's triage state, locked until commit so two decisions on one card queue; NotFound when missing. */
  private async lockRow(tx: Tx, scope: BrandScope, id: string) {
    const [row] = await tx
      .select({ isPinned: opportunities.isPinned, dismissedAt: opportunities.dismissedAt })
      .from(opportunities)
      .where(and(eq(opportunities.id, id), inBrand(opportunities, scope)))
      .for('update');
    if (!row) throw new NotFoundError('Opportunity', id);
    return row;
  }

  /** Logs a triage decision with the card's pillar, persona and primary channel as they are now. */
  private async logDecision(
    tx: Tx,
    scope: BrandScope,
    kind: 'pinned' | 'unpinned' | 'snoozed' | 'dismissed',
    opportunity: OpportunityDTO,
    userId: string | null | undefined,
    reason?: string,
  ): Promise<void> {
    await this.decisions.record(
      scope,
      {
        kind,
        opportunityId: opportunity.id,
        pillarId: opportunity.pillarId,
        personaId: opportunity.personaId,
        channel: opportunity.primaryChannel,
        reason: reason ?? null,
        userId: userId ?? null,
      },
      tx,
    );
  }

  /**
   * The generation flow's landing: the candidates that pass the rubric's rules (known pillar and
   * persona, no taboo, not a near-duplicate, within the portfolio cap) become `llm_proposed` ideas
   * stamped with the run; the rest come back with their reasons, and the board is classed.
   */
  async landCandidates(brand: BrandScope, input: LandCandidatesInput): Promise<LandCandidatesResult> {
    const scope = BrandScope.parse(brand);
    return landCandidates(this.db, scope, LandCandidatesInput.parse(input), this.clock());
  }

  /** Brands of every tenant the daily generation is due for (they follow a feed; see due-brands.ts). */
  async brandsDueForGeneration(input: DueForGenerationInput): Promise<BrandScope[]> {
    return brandsDueForGeneration(this.db, input);
  }

  /** What the generation flow shows its model of the board: the top live titles and the dominant pillars. */
  async generationBoard(brand: BrandScope): Promise<GenerationBoard> {
    const scope = BrandScope.parse(brand);
    const board = await this.getTodayBoard(scope, { limit: MAX_BOARD_TITLES });
    const dominant = await this.db
      .select({ id: contentPillars.id })
      .from(contentPillars)
      .where(and(inBrand(contentPillars, scope), eq(contentPillars.isActive, true), eq(contentPillars.isDominant, true)));
    return GenerationBoard.parse({
      items: board.opportunities.map((o) => ({ title: o.title, pillar: o.pillarHandle?.name ?? null })),
      dominantPillarIds: dominant.map((p) => p.id),
    });
  }

  /** Updates one opportunity of the brand and returns it; NotFound when the brand has no such live row. */
  private async change(db: Executor, scope: BrandScope, id: string, changes: OpportunityChanges): Promise<OpportunityDTO> {
    const [updated] = await db
      .update(opportunities)
      .set({ ...changes, updatedAt: sql`now()` })
      .where(and(eq(opportunities.id, id), inBrand(opportunities, scope)))
      .returning({ id: opportunities.id });
    if (!updated) throw new NotFoundError('Opportunity', id);
    return loadOpportunityDTO(db, scope, id, this.clock());
  }
}

function integerIn(value: number, min: number, max: number, what: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new InvariantViolationError(`${what} must be a whole number from ${min} to ${max}; got ${value}`, 'input');
  }
  return value;
}
