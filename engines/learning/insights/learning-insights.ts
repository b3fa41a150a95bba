import type { Database } from '../../db/client';
import { assertBrandLive, BrandScope } from '../../scope';
import { type LearningEventDTO, LearningInsights, ListLearningEventsInput } from '../dto';
import { LearningWindow } from '../window';
import {
  listLearningEvents,
  selectEngagementSeries,
  selectPatternInsights,
  selectPillarInsights,
  selectRecentLearningEvents,
  selectScoreChanges,
} from './insights-queries';

/** The insights read model: what learning found, for the insights page and the F3.1 summary. Writes nothing. */
export class LearningInsightsReader {
  constructor(private readonly db: Database) {}

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
    return LearningInsights.parse({ ...days, variantsScored, engagement, patterns, scoreChanges, pillars, learningEvents });
  }

  async listLearningEvents(brand: BrandScope, input: ListLearningEventsInput = {}): Promise<LearningEventDTO[]> {
    const scope = BrandScope.parse(brand);
    await assertBrandLive(this.db, scope);
    return listLearningEvents(this.db, scope, ListLearningEventsInput.parse(input));
  }
}
