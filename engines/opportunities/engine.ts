import { and, eq, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { addDays } from '../../lib/dates';
import { type Clock, systemClock } from '../clock';
import type { Database } from '../db/client';
import { opportunities } from '../db/schema';
import { InvariantViolationError, NotFoundError } from '../errors';
import { assertBrandLive, BrandScope, type Executor, inBrand } from '../scope';
import {
  HIGH_SCORE,
  IngestOpportunityInput,
  type IngestOpportunityResult,
  LearnedAdjustmentInput,
  ListOpportunitiesInput,
  MAX_PINNED_PER_BRAND,
  MAX_SNOOZE_DAYS,
  type OpportunityDTO,
  OpportunityRef,
  RescoreOpportunityInput,
  SnoozeOpportunityInput,
  TodayBoard,
  TodayBoardInput,
} from './dto';
import { ingestOpportunity } from './ingest';
import {
  boardOrder,
  loadOpportunityDTO,
  notExpired,
  notSnoozed,
  selectBoardMetrics,
  selectBoardPage,
  selectWithHandles,
  toDTO,
} from './queries';

type OpportunityChanges = Omit<PgUpdateSetSource<typeof opportunities>, 'id' | 'tenantId' | 'brandId'>;

export interface OpportunitiesEngineDeps {
  clock?: Clock;
}

/**
 * The brand's stream of scored content opportunities and the Today board over it. Live means not
 * deleted, not expired and not snoozed. `lastTouchedAt` records a person acting on a card (ingest, pin,
 * snooze), so score changes leave it alone and learning never reorders ties by itself.
 */
export class OpportunitiesEngine {
  private readonly clock: Clock;

  constructor(
    private readonly db: Database,
    deps: OpportunitiesEngineDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  /**
   * The top `limit` live opportunities in board order (narrowed by `filter`), with counts over every
   * live one of the brand (the returned page can be shorter than `metrics.total`).
   */
  async getTodayBoard(brand: BrandScope, input: TodayBoardInput = {}): Promise<TodayBoard> {
    const scope = BrandScope.parse(brand);
    const { limit, filter } = TodayBoardInput.parse(input);
    const now = this.clock();
    await assertBrandLive(this.db, scope);
    const [rows, metrics] = await Promise.all([
      selectBoardPage(this.db, scope, now, limit, filter),
      selectBoardMetrics(this.db, scope, now),
    ]);
    const ranked = rows.map(toDTO(now));
    return TodayBoard.parse({
      opportunities: ranked,
      metrics,
      highScoreOpportunityIds: ranked.filter((o) => o.score >= HIGH_SCORE).map((o) => o.id),
    });
  }

  /** Any non-deleted opportunity of the brand, live or not (callers check `isSnoozed` and `expiresAt`). */
  async getOpportunity(brand: BrandScope, input: OpportunityRef): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    return loadOpportunityDTO(this.db, scope, OpportunityRef.parse(input).opportunityId, this.clock());
  }

  /** A page of the brand's opportunities in board order; live ones only unless asked otherwise. */
  async listOpportunitiesForBrand(brand: BrandScope, input: ListOpportunitiesInput = {}): Promise<OpportunityDTO[]> {
    const scope = BrandScope.parse(brand);
    const { includeSnoozed, includeExpired, limit, offset } = ListOpportunitiesInput.parse(input);
    const now = this.clock();
    await assertBrandLive(this.db, scope);
    const rows = await selectWithHandles(this.db)
      .where(and(inBrand(opportunities, scope), includeExpired ? undefined : notExpired(now), includeSnoozed ? undefined : notSnoozed(now)))
      .orderBy(...boardOrder)
      .limit(limit)
      .offset(offset);
    return rows.map(toDTO(now));
  }

  /**
   * Pins an opportunity (pinning a pinned one just touches it). At most MAX_PINNED_PER_BRAND
   * unexpired opportunities of a brand are pinned: an expired card has left the board for good, so its
   * pin no longer takes a place, and an expired card cannot be pinned.
   */
  async pinOpportunity(brand: BrandScope, input: OpportunityRef): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    const id = OpportunityRef.parse(input).opportunityId;
    const now = this.clock();
    return this.db.transaction(async (tx) => {
      // Pins of one brand queue on its row: without the lock, two pins at four could both count four.
      await assertBrandLive(tx, scope, { lock: true });
      const [target] = await tx
        .select({ isPinned: opportunities.isPinned, expiresAt: opportunities.expiresAt })
        .from(opportunities)
        .where(and(eq(opportunities.id, id), inBrand(opportunities, scope)));
      if (!target) throw new NotFoundError('Opportunity', id);
      if (!target.isPinned) {
        if (target.expiresAt && target.expiresAt <= now) {
          throw new InvariantViolationError(`Opportunity ${id} has expired and cannot be pinned`, 'state');
        }
        const [pins] = await tx
          .select({ count: sql<number>`count(*)::int` })
          .from(opportunities)
          .where(and(inBrand(opportunities, scope), eq(opportunities.isPinned, true), notExpired(now)));
        if ((pins?.count ?? 0) >= MAX_PINNED_PER_BRAND) {
          throw new InvariantViolationError(`A brand can pin at most ${MAX_PINNED_PER_BRAND} opportunities; unpin one first`, 'state');
        }
      }
      return this.change(tx, scope, id, { isPinned: true, lastTouchedAt: now });
    });
  }

  async unpinOpportunity(brand: BrandScope, input: OpportunityRef): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    return this.change(this.db, scope, OpportunityRef.parse(input).opportunityId, { isPinned: false, lastTouchedAt: this.clock() });
  }

  /** Hides the opportunity from the board until `until`, which must lie within the next MAX_SNOOZE_DAYS. */
  async snoozeOpportunity(brand: BrandScope, input: SnoozeOpportunityInput): Promise<OpportunityDTO> {
    const scope = BrandScope.parse(brand);
    const { opportunityId: id, until: snoozedUntil } = SnoozeOpportunityInput.parse(input);
    const now = this.clock();
    if (snoozedUntil <= now) throw new InvariantViolationError('A snooze must end in the future', 'input');
    if (snoozedUntil > addDays(now, MAX_SNOOZE_DAYS)) {
      throw new InvariantViolationError(`A snooze can last at most ${MAX_SNOOZE_DAYS} days`, 'input');
    }
    return this.change(this.db, scope, id, { snoozedUntil, lastTouchedAt: now });
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
