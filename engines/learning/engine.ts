import { and, asc, eq, gt, isNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import { type Clock, systemClock } from '../clock';
import type { Database } from '../db/client';
import { brands, tenants } from '../db/schema';
import { ExecutionSource } from '../enums';
import { InvariantViolationError, NotFoundError } from '../errors';
import type { OpportunitiesEngine } from '../opportunities/engine';
import type { PatternsEngine } from '../patterns/engine';
import {
  type LearningEventDTO,
  LearningInsights,
  LearningTarget,
  LearningWalk,
  ListLearningEventsInput,
  ListLearningTargetsInput,
  MAX_EXECUTION_EVENTS_PER_BATCH,
  type OpportunityScoreResult,
  type OpportunityScoreUpdate,
  type PatternPerformanceResult,
  type PerformanceSummary,
  type RecordExecutionEventsResult,
  type VariantPerformanceResult,
} from './dto';
import { learnedAdjustment } from './engagement';
import { selectEngagementSeries, selectPatternInsights, selectPillarInsights, selectRecentLearningEvents, selectScoreChanges } from './insights-query';
import { listLearningEvents, writeLearningEvents } from './learning-events';
import { selectOpportunityEvidence, selectPatternEvidence, selectPerformanceSummaries } from './performance-query';
import { recordExecutionEvents } from './record-events';
import { LearningWindow, learningWindow } from './window';
import { advanceLearningWalk, endLearningWalkPass, startLearningWalk } from './walks';
import { evidenceFingerprint, findWindowCompletion, lockBrandLearning, recordWindowCompletion } from './window-runs';

export interface LearningEngineDeps {
  patterns: Pick<PatternsEngine, 'recordPatternPerformance'>;
  opportunities: Pick<OpportunitiesEngine, 'applyLearnedAdjustment'>;
  clock?: Clock;
}

const Ids = z.object({ tenantId: z.uuid(), brandId: z.uuid() });

export interface WindowClaim {
  /** Digest of the evidence the window's learning reads (window-runs.ts). */
  fingerprint: string;
  /** A run already completed this window over the same evidence: nothing to do. */
  alreadyDone: boolean;
  completedByRunId: string | null;
}

/**
 * Turns execution events into learning: per-variant performance, pattern performance and learned
 * opportunity score adjustments, each recorded as a learning event per window. Every step derives
 * its figures from the events of the window alone, so re-running a window sets the same state; the
 * steps are separate calls (the F3 flow records each), and a failed run is repaired by re-running it.
 */
export class LearningEngine {
  private readonly clock: Clock;

  constructor(
    private readonly db: Database,
    private readonly deps: LearningEngineDeps,
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  /** Stores a batch of metrics for the brand's variants, whole or not at all (see record-events.ts). */
  async recordExecutionEvents(
    tenantId: string,
    brandId: string,
    events: readonly unknown[],
    source: ExecutionSource,
  ): Promise<RecordExecutionEventsResult> {
    const scope = await this.brandScope(tenantId, brandId);
    const validSource = ExecutionSource.parse(source);
    if (events.length > MAX_EXECUTION_EVENTS_PER_BATCH) {
      throw new InvariantViolationError(
        `A batch holds at most ${MAX_EXECUTION_EVENTS_PER_BATCH} execution events, got ${events.length}`,
        'input',
      );
    }
    return recordExecutionEvents(this.db, scope, events, validSource, this.clock());
  }

  async computeVariantPerformanceSummary(tenantId: string, brandId: string, window: LearningWindow): Promise<PerformanceSummary[]> {
    const scope = await this.brandScope(tenantId, brandId);
    return selectPerformanceSummaries(this.db, scope.tenantId, scope.brandId, LearningWindow.parse(window));
  }

  /** Scores the window's variants and records one variant_performance_summary event per variant. */
  async recordVariantPerformanceSummaries(tenantId: string, brandId: string, window: LearningWindow): Promise<VariantPerformanceResult> {
    const scope = await this.brandScope(tenantId, brandId);
    const w = LearningWindow.parse(window);
    const summaries = await selectPerformanceSummaries(this.db, scope.tenantId, scope.brandId, w);
    const learningEventsWritten = await writeLearningEvents(
      this.db,
      scope,
      w,
      this.clock(),
      summaries.map(({ variantId, publishedAt: _, ...summary }) => ({
        signalType: 'variant_performance_summary',
        subject: { variantId },
        payload: summary,
      })),
    );
    return { summaries, learningEventsWritten };
  }

  /** Writes usage and engagement to every pattern the brand's scored variants used in the window. */
  async updatePatternPerformanceFromEvents(tenantId: string, brandId: string, window: LearningWindow): Promise<PatternPerformanceResult> {
    const scope = await this.brandScope(tenantId, brandId);
    const w = LearningWindow.parse(window);
    const updates = await selectPatternEvidence(this.db, scope.tenantId, scope.brandId, w);
    for (const update of updates) {
      await this.deps.patterns.recordPatternPerformance(scope.tenantId, scope.brandId, update.patternId, {
        usageCount: update.usageCount,
        lastUsedAt: update.lastUsedAt,
        avgEngagementScore: update.avgEngagementScore,
      });
    }
    const learningEventsWritten = await writeLearningEvents(
      this.db,
      scope,
      w,
      this.clock(),
      updates.map(({ patternId, lastUsedAt, ...figures }) => ({
        signalType: 'pattern_performance_update',
        subject: { patternId },
        payload: { ...figures, lastUsedAt: lastUsedAt?.toISOString() ?? null },
      })),
    );
    return { updates, learningEventsWritten };
  }

  /**
   * Moves each opportunity whose packages' variants were scored in the window by a learned adjustment
   * (engagement.ts: `learnedAdjustment`), applied to its base score by the opportunities engine.
   */
  async updateOpportunityScoresFromEvents(tenantId: string, brandId: string, window: LearningWindow): Promise<OpportunityScoreResult> {
    const scope = await this.brandScope(tenantId, brandId);
    const w = LearningWindow.parse(window);
    const evidence = await selectOpportunityEvidence(this.db, scope.tenantId, scope.brandId, w);
    const updates: OpportunityScoreUpdate[] = [];
    for (const { opportunityId, avgEngagementScore, variantsScored, packageIds } of evidence) {
      const adjustment = learnedAdjustment(avgEngagementScore);
      const explanation = explainAdjustment(adjustment, avgEngagementScore, variantsScored, w);
      const opportunity = await this.deps.opportunities.applyLearnedAdjustment(
        scope.tenantId,
        scope.brandId,
        opportunityId,
        adjustment,
        explanation,
      );
      updates.push({
        opportunityId,
        avgEngagementScore,
        variantsScored,
        adjustment,
        explanation,
        baseScore: opportunity.baseScore,
        score: opportunity.score,
        packageIds,
      });
    }
    const learningEventsWritten = await writeLearningEvents(
      this.db,
      scope,
      w,
      this.clock(),
      updates.map(({ opportunityId, ...figures }) => ({
        signalType: 'opportunity_score_update',
        subject: { opportunityId },
        payload: figures,
      })),
    );
    return { updates, learningEventsWritten };
  }

  /** The window a run started now covers (whole UTC days, see window.ts), on this engine's clock. */
  windowFor(windowDays: number): LearningWindow {
    return learningWindow(windowDays, this.clock);
  }

  /**
   * Starts a window update: takes the brand's learning lock for the rest of the caller's transaction
   * and tells whether a run already completed this window over the same evidence. A second run that
   * waited on the lock therefore finds the first one's completion and does nothing.
   */
  async claimWindow(tenantId: string, brandId: string, window: LearningWindow): Promise<WindowClaim> {
    const scope = await this.brandScope(tenantId, brandId);
    const w = LearningWindow.parse(window);
    await lockBrandLearning(this.db, scope.brandId);
    const [fingerprint, completion] = await Promise.all([evidenceFingerprint(this.db, scope, w), findWindowCompletion(this.db, scope, w)]);
    return { fingerprint, alreadyDone: completion?.fingerprint === fingerprint, completedByRunId: completion?.runId ?? null };
  }

  /** Records that `runId` brought the window up to date with the evidence `fingerprint` names. */
  async completeWindow(tenantId: string, brandId: string, window: LearningWindow, fingerprint: string, runId: string | null): Promise<void> {
    const scope = await this.brandScope(tenantId, brandId);
    await recordWindowCompletion(this.db, scope, LearningWindow.parse(window), { fingerprint, runId, completedAt: this.clock() });
  }

  /**
   * Every live brand of every tenant, by id after `after`: the learning cron's walk, one page at a
   * time so a run cut short resumes from a cursor. The one cross-tenant read; only the cron uses it.
   */
  async listLearningTargets(input: ListLearningTargetsInput = {}): Promise<LearningTarget[]> {
    const { after, through, limit } = ListLearningTargetsInput.parse(input);
    const found = await this.db
      .select({ tenantId: brands.tenantId, brandId: brands.id })
      .from(brands)
      .innerJoin(tenants, and(eq(tenants.id, brands.tenantId), isNull(tenants.deletedAt)))
      .where(and(isNull(brands.deletedAt), after ? gt(brands.id, after) : undefined, through ? lte(brands.id, through) : undefined))
      .orderBy(asc(brands.id))
      .limit(limit);
    return found.map((row) => LearningTarget.parse(row));
  }

  /**
   * The cron's walk over every brand for the window, begun if no call has begun it: then after the
   * brand where the previous window's walk stopped, if that walk did not complete (walks.ts).
   */
  async startLearningWalk(window: LearningWindow): Promise<LearningWalk> {
    return startLearningWalk(this.db, LearningWindow.parse(window));
  }

  /** The walk's next brands: those after its cursor in the current pass. */
  async listWalkTargets(walk: LearningWalk, limit: number): Promise<LearningTarget[]> {
    const { startAfter, wrapped, lastBrandId } = LearningWalk.parse(walk);
    return wrapped
      ? this.listLearningTargets({ after: lastBrandId, through: startAfter, limit })
      : this.listLearningTargets({ after: lastBrandId ?? startAfter, limit });
  }

  /** The walk for the window is done with this brand, and resumes after it. */
  async advanceLearningWalk(window: LearningWindow, brandId: string): Promise<LearningWalk> {
    return advanceLearningWalk(this.db, LearningWindow.parse(window), z.uuid().parse(brandId));
  }

  /** The walk's current pass found no further brand: it comes round to the first, or is complete. */
  async endLearningWalkPass(window: LearningWindow): Promise<LearningWalk> {
    return endLearningWalkPass(this.db, LearningWindow.parse(window), this.clock());
  }

  /** The live brand with this id, whichever tenant owns it: for operator tools (the CSV import). */
  async findLearningTarget(brandId: string): Promise<LearningTarget> {
    const id = z.uuid().parse(brandId);
    const [found] = await this.db
      .select({ tenantId: brands.tenantId, brandId: brands.id })
      .from(brands)
      .innerJoin(tenants, and(eq(tenants.id, brands.tenantId), isNull(tenants.deletedAt)))
      .where(and(eq(brands.id, id), isNull(brands.deletedAt)));
    if (!found) throw new NotFoundError('Brand', id);
    return LearningTarget.parse(found);
  }

  /** What learning found in the window: engagement by day and channel, patterns, score changes, pillars, its latest events. */
  async getInsights(tenantId: string, brandId: string, window: LearningWindow): Promise<LearningInsights> {
    const scope = await this.brandScope(tenantId, brandId);
    const w = LearningWindow.parse(window);
    const engagement = await selectEngagementSeries(this.db, scope, w);
    const patterns = await selectPatternInsights(this.db, scope, w);
    const scoreChanges = await selectScoreChanges(this.db, scope, w);
    const { pillars, variantsScored } = await selectPillarInsights(this.db, scope, w);
    const learningEvents = await selectRecentLearningEvents(this.db, scope, w);
    return LearningInsights.parse({ ...w, variantsScored, engagement, patterns, scoreChanges, pillars, learningEvents });
  }

  async listLearningEvents(tenantId: string, brandId: string, input: ListLearningEventsInput = {}): Promise<LearningEventDTO[]> {
    const scope = await this.brandScope(tenantId, brandId);
    return listLearningEvents(this.db, scope, ListLearningEventsInput.parse(input));
  }

  /** The brand, if it is live and belongs to the tenant; otherwise NotFound, whichever it was. */
  private async brandScope(tenantId: string, brandId: string): Promise<{ tenantId: string; brandId: string }> {
    const ids = Ids.parse({ tenantId, brandId });
    const [found] = await this.db
      .select({ id: brands.id })
      .from(brands)
      .where(and(eq(brands.id, ids.brandId), eq(brands.tenantId, ids.tenantId), isNull(brands.deletedAt)));
    if (!found) throw new NotFoundError('Brand', brandId);
    return ids;
  }
}

function explainAdjustment(adjustment: number, avgEngagementScore: number, variantsScored: number, window: LearningWindow): string {
  const lastDay = new Date(window.windowEnd.getTime() - 1).toISOString().slice(0, 10);
  const firstDay = window.windowStart.toISOString().slice(0, 10);
  const signed = adjustment > 0 ? `+${adjustment}` : String(adjustment);
  const posts = variantsScored === 1 ? '1 published variant' : `${variantsScored} published variants`;
  return `Learned ${signed}: ${posts} averaged ${avgEngagementScore.toFixed(0)}/100 engagement for their channels (${firstDay} to ${lastDay}).`;
}
