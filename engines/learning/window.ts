import { z } from 'zod';
import { addDays, startOfUtcDay } from '../../lib/dates';
import { type Clock, systemClock } from '../clock';

export const WindowDays = z.int().min(1).max(365);
export type WindowDays = z.infer<typeof WindowDays>;

/** A learning window: events with `windowStart <= occurredAt < windowEnd`. */
export const LearningWindow = z
  .object({ windowStart: z.date(), windowEnd: z.date() })
  .refine((w) => w.windowStart < w.windowEnd, { message: 'windowStart must be before windowEnd', path: ['windowEnd'] });
export type LearningWindow = z.infer<typeof LearningWindow>;

/**
 * Whole UTC days, so every run on the same day covers the same window and its learning events dedupe:
 * from 00:00 UTC of the day `windowDays − 1` days ago up to (excluding) 00:00 UTC tomorrow.
 */
export function learningWindow(windowDays: number, clock: Clock = systemClock): LearningWindow {
  const days = WindowDays.parse(windowDays);
  const today = startOfUtcDay(clock());
  return { windowStart: addDays(today, -(days - 1)), windowEnd: addDays(today, 1) };
}
