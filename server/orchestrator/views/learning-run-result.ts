import { z } from 'zod';
import { DecisionWeight } from '../../../engines/learning/dto';

const Count = z.int().nonnegative();

/** What F3 reports, for one brand (`learning.run`) or for every brand (the cron). */
export const LearningRunResult = z.object({
  /** The flow run that recorded this: the brand's run, or the global run over the brands' runs. */
  runId: z.uuid(),
  /** Brands brought up to date for the window, including those that already were. */
  brandsProcessed: Count,
  windowStart: z.date(),
  windowEnd: z.date(),
  variantsScored: Count,
  patternsUpdated: Count,
  opportunitiesRescored: Count,
  /** Opportunities whose learned adjustment faded back to their base score: no evidence left in the window. */
  adjustmentsFaded: Count,
  /**
   * True for a run over another window than the cron's: everything was computed and nothing stored
   * (learning-update.ts). The figures say what a stored run over that window would do.
   */
  preview: z.boolean(),
  /** The brand's decision weights the run learned (a brand run; empty for the cron's walk), named. */
  decisionWeights: z.array(DecisionWeight),
  /** New learning events; a re-run of an unchanged window writes none. */
  learningEventsWritten: Count,
  /** Brands already done for the window over the same evidence, so left as they were. */
  skipped: Count,
  /** Brands whose update failed and was rolled back (each recorded in its own run). */
  brandsFailed: Count,
  /** False when a time budget stopped a global run; the window's next global run resumes after `resumeAfter`. */
  complete: z.boolean(),
  resumeAfter: z.uuid().nullable(),
});
export type LearningRunResult = z.infer<typeof LearningRunResult>;

export const LearningTrigger = z.enum(['admin', 'cron', 'script']);
export type LearningTrigger = z.infer<typeof LearningTrigger>;
