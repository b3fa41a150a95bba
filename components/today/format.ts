import { DAY_MS } from '@/lib/dates';

/** How long an opportunity has been on the board: "new today", "1 day old", "3 weeks old". */
export function formatAge(createdAt: Date, now: Date): string {
  const days = Math.max(0, Math.floor((now.getTime() - createdAt.getTime()) / DAY_MS));
  if (days === 0) return 'new today';
  if (days < 14) return days === 1 ? '1 day old' : `${days} days old`;
  if (days < 60) return `${Math.floor(days / 7)} weeks old`;
  return `${Math.floor(days / 30)} months old`;
}

const UNTIL_FORMAT = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});

/** When a snooze ends, in the person's own time: "Tue 1 Dec, 08:00". */
export function formatUntil(until: Date): string {
  return UNTIL_FORMAT.format(until);
}
