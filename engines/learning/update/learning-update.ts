import type { Clock } from '../../clock';
import type { Database } from '../../db/client';
import type { OpportunitiesEngine } from '../../opportunities/engine';
import type { PatternsEngine } from '../../patterns/engine';
import { assertBrandLive, BrandScope } from '../../scope';
import {
  CompleteWindowInput,
  type OpportunityScoreResult,
  type OpportunityScoreUpdate,
  type PatternPerformanceResult,
  type PerformanceSummary,
  type VariantPerformanceResult,
  type WindowClaim,
} from '../dto';
import { learnedAdjustment } from '../engagement';
import { LearningWindow } from '../window';
import { selectOpportunityEvidence, selectPatternEvidence, selectPerformanceSummaries } from './evidence-queries';
import { writeLearningEvents } from './learning-events';
import { evidenceFingerprint, findWindowCompletion, lockBrandLearning, recordWindowCompletion } from './window-runs';

export interface LearningUpdateDeps {
  patterns: Pick<PatternsEngine, 'recordPatternPerformance'>;
  opportunities: Pick<OpportunitiesEngine, 'applyLearnedAdjustment'>;
}

/**
 * Turns a window's execution events into learning: per-variant performance, pattern performance and
 * learned opportunity score adjustments, each recorded as a learning event per window. Every step
 * derives its figures from the events of the window alone, so re-running a window sets the same state;
 * the steps are separate calls (the F3 flow records each), and a failed run is repaired by re-running it.
 */
export class LearningUpdate {
  constructor(
    private readonly db: Database,
    private readonly deps: LearningUpdateDeps,
    private readonly clock: Clock,
  ) {}

  async computeVariantPerformanceSummary(brand: BrandScope, window: LearningWindow): Promise<PerformanceSummary[]> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    return selectPerformanceSummaries(this.db, scope, LearningWindow.parse(window));
  }

  /** Scores the window's variants and records one variant_performance_summary event per variant. */
  async recordVariantPerformanceSummaries(brand: BrandScope, window: LearningWindow): Promise<VariantPerformanceResult> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const days = LearningWindow.parse(window);
    const summaries = await selectPerformanceSummaries(this.db, scope, days);
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

  /** Writes usage and engagement to every pattern the brand's scored variants used in the window. */
  async updatePatternPerformanceFromEvents(brand: BrandScope, window: LearningWindow): Promise<PatternPerformanceResult> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const days = LearningWindow.parse(window);
    const updates = await selectPatternEvidence(this.db, scope, days);
    for (const update of updates) {
      await this.deps.patterns.recordPatternPerformance(scope, {
        patternId: update.patternId,
        usageCount: update.usageCount,
        lastUsedAt: update.lastUsedAt,
        avgEngagementScore: update.avgEngagementScore,
      });
    }
    const learningEventsWritten = await writeLearningEvents(
      this.db,
      scope,
      days,
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
  async updateOpportunityScoresFromEvents(brand: BrandScope, window: LearningWindow): Promise<OpportunityScoreResult> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const days = LearningWindow.parse(window);
    const evidence = await selectOpportunityEvidence(this.db, scope, days);
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
    const learningEventsWritten = await writeLearningEvents(
      this.db,
      scope,
      days,
      this.clock(),
      updates.map(({ opportunityId, ...figures }) => ({
        signalType: 'opportunity_score_update',
        subject: { opportunityId },
        payload: figures,
      })),
    );
    return { updates, learningEventsWritten };
  }

  /**
   * Starts a window update: takes the brand's learning lock for the rest of the caller's transaction
   * and tells whether a run already completed this window over the same evidence. A second run that
   * waited on the lock therefore finds the first one's completion and does nothing.
   */
  async claimWindow(brand: BrandScope, window: LearningWindow): Promise<WindowClaim> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const days = LearningWindow.parse(window);
    await lockBrandLearning(this.db, scope.brandId);
    const [fingerprint, completion] = await Promise.all([
      evidenceFingerprint(this.db, scope, days),
      findWindowCompletion(this.db, scope, days),
    ]);
    return { fingerprint, alreadyDone: completion?.fingerprint === fingerprint, completedByRunId: completion?.runId ?? null };
  }

  /** Records that `runId` brought the window up to date with the evidence `fingerprint` names. */
  async completeWindow(brand: BrandScope, input: CompleteWindowInput): Promise<void> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const { window, fingerprint, runId } = CompleteWindowInput.parse(input);
    await recordWindowCompletion(this.db, scope, window, { fingerprint, runId, completedAt: this.clock() });
  }
}

function explainAdjustment(adjustment: number, avgEngagementScore: number, variantsScored: number, window: LearningWindow): string {
  const lastDay = new Date(window.windowEnd.getTime() - 1).toISOString().slice(0, 10);
  const firstDay = window.windowStart.toISOString().slice(0, 10);
  const signed = adjustment > 0 ? `+${adjustment}` : String(adjustment);
  const posts = variantsScored === 1 ? '1 published variant' : `${variantsScored} published variants`;
  return `Learned ${signed}: ${posts} averaged ${avgEngagementScore.toFixed(0)}/100 engagement for their channels (${firstDay} to ${lastDay}).`;
}
