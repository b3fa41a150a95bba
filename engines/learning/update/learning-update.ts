import { formatFullDay, formatWindow } from '../../../lib/dates';
import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import type { OpportunitiesEngine } from '../../opportunities/engine';
import type { PatternsEngine } from '../../patterns/engine';
import { assertBrandLive, BrandScope } from '../../scope';
import {
  CompleteWindowInput,
  type DecisionWeightResult,
  type FadedOpportunityUpdate,
  type OpportunityScoreResult,
  type OpportunityScoreUpdate,
  type PatternPerformanceResult,
  type PerformanceSummary,
  type VariantPerformanceResult,
  type WindowClaim,
} from '../dto';
import { learnedAdjustment } from '../engagement';
import { dropWindowTotals, materializeWindowTotals, type TotalsSource } from '../scored-variants';
import { LearningWindow } from '../window';
import { storeDecisionWeights } from './decision-weights';
import {
  selectFadedOpportunities,
  selectFadedPatterns,
  selectOpportunityEvidence,
  selectPatternEvidence,
  selectPerformanceSummaries,
} from './evidence-queries';
import { type LearningSignal, writeLearningEvents } from './learning-events';
import { evidenceFingerprint, findWindowCompletion, lockBrandLearning, recordWindowCompletion } from './window-runs';

export interface LearningUpdateDeps {
  patterns: Pick<PatternsEngine, 'recordPatternPerformance'>;
  opportunities: Pick<OpportunitiesEngine, 'applyLearnedAdjustment'>;
}

/**
 * Turns a window's execution events and decisions into learning: per-variant performance, pattern
 * performance, learned opportunity score adjustments and decision weights, each recorded as a learning
 * event per window. Every step derives its figures from the evidence of the window alone — what has
 * no evidence left in the window fades back (an opportunity to its base score, a pattern's engagement
 * figure to none, a decision weight to 0) — so re-running a window sets the same state; the steps are
 * separate calls (the F3 flow records each), and a failed run is repaired by re-running it.
 *
 * One instance serves one transaction (the engines are built per transaction). `claimWindow` reads the
 * window's events once into the run's aggregate; the steps after it in the same transaction read that
 * aggregate instead of scanning the events again, which a brand with a million events would otherwise
 * do once per query.
 */
export class LearningUpdate {
  /** The tenant and window `claimWindow` aggregated in this instance's transaction, if it did. */
  private aggregated: { tenantId: string; window: LearningWindow } | null = null;
  /** The brand `claimWindow` checked and locked in this instance's transaction, if it did. */
  private claimedBrandId: string | null = null;

  constructor(
    private readonly db: Database,
    private readonly deps: LearningUpdateDeps,
    private readonly clock: Clock,
  ) {}

  async computeVariantPerformanceSummary(brand: BrandScope, window: LearningWindow): Promise<PerformanceSummary[]> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const days = LearningWindow.parse(window);
    return selectPerformanceSummaries(this.db, scope, days, this.totalsSource(scope, days));
  }

  /** Scores the window's variants and records one variant_performance_summary event per variant. */
  async recordVariantPerformanceSummaries(brand: BrandScope, window: LearningWindow): Promise<VariantPerformanceResult> {
    const scope = BrandScope.parse(brand);
    await this.assertClaimedOrLive(scope);
    const days = LearningWindow.parse(window);
    const summaries = await selectPerformanceSummaries(this.db, scope, days, this.totalsSource(scope, days));
    const learningEventsWritten = await writeLearningEvents(
      this.db,
      scope,
      days,
      this.clock(),
      summaries.map(({ variantId, publishedAt: _, ...summary }) => ({
        signalType: 'variant_performance_summary',
        subject: { variantId },
        payload: summary,
      })),
    );
    return { summaries, learningEventsWritten };
  }

  /**
   * Writes usage and engagement to every pattern the brand's scored variants used in the window, and
   * clears the engagement figure of a pattern no scored variant used in it (evidence-queries.ts:
   * `selectFadedPatterns`), keeping its usage.
   */
  async updatePatternPerformanceFromEvents(brand: BrandScope, window: LearningWindow): Promise<PatternPerformanceResult> {
    const scope = BrandScope.parse(brand);
    await this.assertClaimedOrLive(scope);
    const days = LearningWindow.parse(window);
    const source = this.totalsSource(scope, days);
    const updates = await selectPatternEvidence(this.db, scope, days, source);
    for (const update of updates) {
      await this.deps.patterns.recordPatternPerformance(scope, {
        patternId: update.patternId,
        usageCount: update.usageCount,
        lastUsedAt: update.lastUsedAt,
        avgEngagementScore: update.avgEngagementScore,
      });
    }
    const faded = await selectFadedPatterns(this.db, scope, days, source);
    for (const pattern of faded) {
      await this.deps.patterns.recordPatternPerformance(scope, {
        patternId: pattern.patternId,
        usageCount: pattern.usageCount,
        lastUsedAt: pattern.lastUsedAt,
        avgEngagementScore: null,
      });
    }
    const learningEventsWritten = await writeLearningEvents(this.db, scope, days, this.clock(), [
      ...updates.map(
        ({ patternId, lastUsedAt, ...figures }): LearningSignal => ({
          signalType: 'pattern_performance_update',
          subject: { patternId },
          payload: { ...figures, lastUsedAt: lastUsedAt?.toISOString() ?? null },
        }),
      ),
      ...faded.map(
        ({ patternId, lastUsedAt, ...figures }): LearningSignal => ({
          signalType: 'pattern_performance_update',
          subject: { patternId },
          payload: { ...figures, lastUsedAt: lastUsedAt?.toISOString() ?? null, avgEngagementScore: null, variantsScored: 0, faded: true },
        }),
      ),
    ]);
    return { updates, faded: faded.map((pattern) => pattern.patternId), learningEventsWritten };
  }

  /**
   * Moves each opportunity whose packages' variants were scored in the window by a learned adjustment
   * (engagement.ts: `learnedAdjustment`), applied to its base score by the opportunities engine, and
   * returns every other opportunity that still carried one to its base score (`faded`).
   */
  async updateOpportunityScoresFromEvents(brand: BrandScope, window: LearningWindow): Promise<OpportunityScoreResult> {
    const scope = BrandScope.parse(brand);
    await this.assertClaimedOrLive(scope);
    const days = LearningWindow.parse(window);
    const evidence = await selectOpportunityEvidence(this.db, scope, days, this.totalsSource(scope, days));
    const updates: OpportunityScoreUpdate[] = [];
    for (const { opportunityId, avgEngagementScore, variantsScored, packageIds } of evidence) {
      const adjustment = learnedAdjustment(avgEngagementScore);
      const explanation = explainAdjustment(adjustment, avgEngagementScore, variantsScored, days);
      const opportunity = await this.deps.opportunities.applyLearnedAdjustment(scope, { opportunityId, adjustment, explanation });
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
    const faded: FadedOpportunityUpdate[] = [];
    for (const { opportunityId, previousAdjustment } of await selectFadedOpportunities(
      this.db,
      scope,
      evidence.map((e) => e.opportunityId),
    )) {
      const explanation = explainFading(previousAdjustment, days);
      const opportunity = await this.deps.opportunities.applyLearnedAdjustment(scope, { opportunityId, adjustment: 0, explanation });
      faded.push({ opportunityId, previousAdjustment, explanation, baseScore: opportunity.baseScore, score: opportunity.score });
    }
    const learningEventsWritten = await writeLearningEvents(this.db, scope, days, this.clock(), [
      ...updates.map(
        ({ opportunityId, ...figures }): LearningSignal => ({
          signalType: 'opportunity_score_update',
          subject: { opportunityId },
          payload: figures,
        }),
      ),
      ...faded.map(
        ({ opportunityId, ...figures }): LearningSignal => ({
          signalType: 'opportunity_score_update',
          subject: { opportunityId },
          payload: { ...figures, adjustment: 0, variantsScored: 0, packageIds: [] },
        }),
      ),
    ]);
    return { updates, faded, learningEventsWritten };
  }

  /**
   * Turns the brand's decisions in the window into its decision weights (decision-weights.ts has the
   * table of values and the ±0.5 bound) and records one learning event per weight that changed,
   * including those that faded to 0 because their decisions left the window.
   */
  async updateDecisionWeightsFromDecisions(brand: BrandScope, window: LearningWindow): Promise<DecisionWeightResult> {
    const scope = BrandScope.parse(brand);
    await this.assertClaimedOrLive(scope);
    const days = LearningWindow.parse(window);
    const changes = await storeDecisionWeights(this.db, scope, days);
    const learningEventsWritten = await writeLearningEvents(
      this.db,
      scope,
      days,
      this.clock(),
      changes.map(({ id, ...weight }) => ({ signalType: 'decision_weight_update', subject: { decisionWeightId: id }, payload: weight })),
    );
    return { updates: changes.map(({ id: _, ...weight }) => weight), learningEventsWritten };
  }

  /**
   * Starts a window update: takes the brand's learning lock for the rest of the caller's transaction,
   * aggregates the window's events once for the steps that follow (`materializeWindowTotals`), and
   * tells whether a run already completed this window over the same evidence. A second run that
   * waited on the lock therefore finds the first one's completion and does nothing.
   */
  async claimWindow(brand: BrandScope, window: LearningWindow): Promise<WindowClaim> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const days = LearningWindow.parse(window);
    await lockBrandLearning(this.db, scope.brandId);
    // Aggregated after the lock, so a run that waited for another reads the events that one left.
    if (this.aggregated !== null) await dropWindowTotals(this.db);
    await materializeWindowTotals(this.db, scope.tenantId, days);
    this.aggregated = { tenantId: scope.tenantId, window: days };
    this.claimedBrandId = scope.brandId;
    const [fingerprint, completion] = await Promise.all([
      evidenceFingerprint(this.db, scope, days),
      findWindowCompletion(this.db, scope, days),
    ]);
    return { fingerprint, alreadyDone: completion?.fingerprint === fingerprint, completedByRunId: completion?.runId ?? null };
  }

  /**
   * The brand check of a step: the brand whose window this transaction claimed was checked by the
   * claim, so the steps after it do not ask again (a round trip each). A brand archived while its
   * update runs (a second at most) gets that update and no further one. Any other brand is checked.
   */
  private async assertClaimedOrLive(scope: BrandScope): Promise<void> {
    if (this.claimedBrandId === scope.brandId && this.aggregated?.tenantId === scope.tenantId) return;
    await assertBrandLive(this.db, scope);
  }

  private totalsSource(scope: BrandScope, window: LearningWindow): TotalsSource {
    return sameWindow(this.aggregated, scope, window) ? 'run aggregate' : 'events';
  }

  /** Records that `runId` brought the window up to date with the evidence `fingerprint` names. */
  async completeWindow(brand: BrandScope, input: CompleteWindowInput): Promise<void> {
    const scope = BrandScope.parse(brand);
    await this.assertClaimedOrLive(scope);
    const { window, fingerprint, runId } = CompleteWindowInput.parse(input);
    await recordWindowCompletion(this.db, scope, window, { fingerprint, runId, completedAt: this.clock() });
  }
}

/** The same tenant and window as the aggregate: its steps read it; anything else reads the events. */
function sameWindow(aggregated: { tenantId: string; window: LearningWindow } | null, scope: BrandScope, window: LearningWindow): boolean {
  return (
    aggregated !== null &&
    aggregated.tenantId === scope.tenantId &&
    aggregated.window.windowStart.getTime() === window.windowStart.getTime() &&
    aggregated.window.windowEnd.getTime() === window.windowEnd.getTime()
  );
}

function explainFading(previousAdjustment: number, window: LearningWindow): string {
  const signed = previousAdjustment > 0 ? `+${previousAdjustment}` : String(previousAdjustment);
  return `Learned ${signed} faded: no published variant of it was scored from ${formatFullDay(window.windowStart)} on, so it is back to its base score.`;
}

function explainAdjustment(adjustment: number, avgEngagementScore: number, variantsScored: number, window: LearningWindow): string {
  const signed = adjustment > 0 ? `+${adjustment}` : String(adjustment);
  const posts = variantsScored === 1 ? '1 published variant' : `${variantsScored} published variants`;
  return `Learned ${signed}: ${posts} averaged ${avgEngagementScore.toFixed(0)}/100 engagement for their channels (${formatWindow(window.windowStart, window.windowEnd)}).`;
}
