// Dates are shown in UTC, the zone learning windows are cut in, and formatted the same on the server
// and in the browser so the server-rendered first view hydrates without a mismatch.

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const STAMP = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

export const formatDay = (date: Date) => DAY.format(date);
export const formatStamp = (date: Date) => `${STAMP.format(date)} UTC`;

/** The last day a window covers (its end is exclusive midnight). */
export const lastDayOf = (windowEnd: Date) => new Date(windowEnd.getTime() - 1);

const DAY_NUMBER = new Intl.DateTimeFormat('en-GB', { day: 'numeric', timeZone: 'UTC' });
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const FULL_DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * A learning window as people write dates: "1–30 Nov 2026", "28 Oct – 3 Nov 2026", "29 Dec 2025 – 4 Jan 2026"
 * (the end is exclusive midnight, so the last day shown is the day before it; one day is just that day).
 */
export function formatWindow(windowStart: Date, windowEnd: Date): string {
  const last = lastDayOf(windowEnd);
  const [startYear, lastYear] = [windowStart.getUTCFullYear(), last.getUTCFullYear()];
  if (startYear !== lastYear) return `${FULL_DAY.format(windowStart)} – ${FULL_DAY.format(last)}`;
  if (windowStart.getUTCMonth() !== last.getUTCMonth()) return `${DAY_MONTH.format(windowStart)} – ${FULL_DAY.format(last)}`;
  if (windowStart.getUTCDate() === last.getUTCDate()) return FULL_DAY.format(last);
  return `${DAY_NUMBER.format(windowStart)}–${FULL_DAY.format(last)}`;
}

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

export function formatSigned(value: number, digits = 0): string {
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text;
}
