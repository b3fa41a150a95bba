import { type Clock, systemClock } from '../clock';
import type { Database } from '../db/client';
import { LearningInsightsReader } from './insights/learning-insights';
import { ExecutionEventIntake } from './intake/execution-event-intake';
import { LearningUpdate, type LearningUpdateDeps } from './update/learning-update';
import { LearningWalks } from './walk/learning-walks';
import { type LearningWindow, learningWindow } from './window';

export interface LearningEngineDeps extends LearningUpdateDeps {
  clock?: Clock;
}

/**
 * Learning from how published posts performed, in four jobs that share only the window and the
 * engagement formula: execution events in (`intake`), the window's learning update (`update`), the
 * cron's walk over every brand (`walk`) and the insights read model (`insights`). Callers name the job
 * (`engines.learning.update.claimWindow(…)`), so each stays its own module with nothing to forward.
 */
export class LearningEngine {
  readonly intake: ExecutionEventIntake;
  readonly update: LearningUpdate;
  readonly walk: LearningWalks;
  readonly insights: LearningInsightsReader;
  private readonly clock: Clock;

  constructor(db: Database, deps: LearningEngineDeps) {
    this.clock = deps.clock ?? systemClock;
    this.intake = new ExecutionEventIntake(db, this.clock);
    this.update = new LearningUpdate(db, deps, this.clock);
    this.walk = new LearningWalks(db, this.clock);
    this.insights = new LearningInsightsReader(db, this.clock);
  }

  /** The window a run started now covers (whole UTC days, see window.ts), on this engine's clock. */
  windowFor(windowDays: number): LearningWindow {
    return learningWindow(windowDays, this.clock);
  }
}
