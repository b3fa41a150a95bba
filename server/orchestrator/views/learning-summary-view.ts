import { z } from 'zod';

/** F3.1: what the last N days taught, in a few sentences. */
export const LearningSummaryView = z.object({
  summary: z.string(),
  /** `fallback`: the model failed and the deterministic summary stands in. */
  source: z.enum(['model', 'fallback']),
  /** The model that wrote it (`offline/…` for the offline model); null for the fallback. */
  model: z.string().nullable(),
  windowDays: z.int(),
});
export type LearningSummaryView = z.infer<typeof LearningSummaryView>;
