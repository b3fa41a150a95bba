import { type Clock, systemClock } from '../../clock';
import type { Database } from '../../db/client';
import { assertBrandLive, BrandScope } from '../../scope';
import { DecisionWeights, type LearningEventDTO, LearningInsights, ListLearningEventsInput } from '../dto';
import { selectDecisionWeights } from '../update/decision-weights';
import { LearningWindow, learningWindow } from '../window';
import {
  listLearningEvents,
  selectEngagementSeries,
  selectPatternInsights,
  selectPillarInsights,
  selectRecentLearningEvents,
  selectScoreChanges,
} from './insights-queries';
import { selectPackagePerformance } from './variant-performance';
import { type PackagePerformance, VariantPerformanceInput } from './variant-performance-dto';

/** The insights read model: what learning found, for the insights page and the F3.1 summary. Writes nothing. */
export class LearningInsightsReader {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock = systemClock,
  ) {}

  /**
   * How the package's published variants did over the last `windowDays` whole UTC days (the learning
   * window's cut), and what the learning update concluded from them (variant-performance.ts).
   */
  async variantPerformance(brand: BrandScope, input: VariantPerformanceInput): Promise<PackagePerformance> {
    const scope = BrandScope.parse(brand);
    const { packageId, windowDays } = VariantPerformanceInput.parse(input);
    await assertBrandLive(this.db, scope);
    return selectPackagePerformance(this.db, scope, packageId, windowDays, learningWindow(windowDays, this.clock));
  }

  /** What learning found in the window: engagement by day and channel, patterns, score changes, pillars, its latest events. */
  async getInsights(brand: BrandScope, window: LearningWindow): Promise<LearningInsights> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    const days = LearningWindow.parse(window);
    const engagement = await selectEngagementSeries(this.db, scope, days);
    const patterns = await selectPatternInsights(this.db, scope, days);
    const scoreChanges = await selectScoreChanges(this.db, scope, days);
    const { pillars, variantsScored } = await selectPillarInsights(this.db, scope, days);
    const learningEvents = await selectRecentLearningEvents(this.db, scope, days);
    const decisionWeights = (await selectDecisionWeights(this.db, scope)).weights.filter(
      (weight): weight is typeof weight & { name: string } => weight.name !== null,
    );
    return LearningInsights.parse({
      ...days,
      variantsScored,
      engagement,
      patterns,
      scoreChanges,
      pillars,
      learningEvents,
      decisionWeights,
    });
  }

  /**
   * The brand's current decision weights by dimension and key, as the last stored learning run left
   * them (the cron's window; an admin preview over another window stores none). For the Today focus
   * and the opportunity generation flow; a key with no weight is left out (read it as 0).
   */
  async getDecisionWeights(brand: BrandScope): Promise<DecisionWeights> {
    const scope = BrandScope.parse(brand);
    // The read checks the brand itself: F1 reads the weights on every Today page view, in one statement.
    const { weights, window } = await selectDecisionWeights(this.db, scope);
    const byDimension = { pillar: {}, persona: {}, channel: {}, pattern: {} } as Record<string, Record<string, number>>;
    for (const weight of weights) byDimension[weight.dimension]![weight.key] = weight.weight;
    return DecisionWeights.parse({
      pillars: byDimension.pillar,
      personas: byDimension.persona,
      channels: byDimension.channel,
      patterns: byDimension.pattern,
      windowStart: window?.windowStart ?? null,
      windowEnd: window?.windowEnd ?? null,
    });
  }

  async listLearningEvents(brand: BrandScope, input: ListLearningEventsInput = {}): Promise<LearningEventDTO[]> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    return listLearningEvents(this.db, scope, ListLearningEventsInput.parse(input));
  }
}
