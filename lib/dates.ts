// Time arithmetic shared by the engines, the seed, the server and the browser. Days are UTC days, the
// ones learning windows are cut in. No imports, so client components can use it.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** 00:00:00.000 UTC of the day `date` falls in. */
export function startOfUtcDay(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

/**
 * An expiry given as a calendar day ("2026-12-31") means the idea lives through that UTC day: it
 * expires at the start of the next one. Null when `day` is not a real YYYY-MM-DD date.
 */
export function expiryAfterDay(day: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  const start = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== day) return null;
  return addDays(start, 1);
}

const DAY_NUMBER = new Intl.DateTimeFormat('en-GB', { day: 'numeric', timeZone: 'UTC' });
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const FULL_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A UTC day as people write it: "30 Nov 2026". */
export const formatFullDay = (date: Date): string => FULL_DAY.format(date);

/**
 * A window of UTC days as people write dates: "1–30 Nov 2026", "28 Oct – 3 Nov 2026", "29 Dec 2025 – 4 Jan 2026"
 * (the end is exclusive midnight, so the last day shown is the day before it; one day is just that day).
 * The same on the server and in the browser, so stored explanations and the pages read alike.
 */
export function formatWindow(windowStart: Date, windowEnd: Date): string {
  const last = new Date(windowEnd.getTime() - 1);
  if (windowStart.getUTCFullYear() !== last.getUTCFullYear()) return `${FULL_DAY.format(windowStart)} – ${FULL_DAY.format(last)}`;
  if (windowStart.getUTCMonth() !== last.getUTCMonth()) return `${DAY_MONTH.format(windowStart)} – ${FULL_DAY.format(last)}`;
  if (windowStart.getUTCDate() === last.getUTCDate()) return FULL_DAY.format(last);
  return `${DAY_NUMBER.format(windowStart)}–${FULL_DAY.format(last)}`;
}
