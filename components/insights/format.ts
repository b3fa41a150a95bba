// Dates are shown in UTC, the zone learning windows are cut in, and formatted the same on the server
// and in the browser so the server-rendered first view hydrates without a mismatch.

const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const STAMP = new Intl.DateTimeFormat('en-GB', {
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

// Shared with the engines' stored explanations (lib/dates.ts), so a page and its explanations read alike.
export { formatWindow } from '@/lib/dates';

export function formatDuration(ms: number): string {
  if (ms < 1_000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1_000)} s`;
}

export function formatSigned(value: number, digits = 0): string {
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text;
}
