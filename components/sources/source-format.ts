import { DAY_MS, HOUR_MS, MINUTE_MS } from '@/lib/dates';

/** "Never", "just now", "5 min ago", "3 h ago", "2 days ago", then the day itself past a month. */
export function formatLastFetched(lastFetchedAt: Date | null, now: Date): string {
  if (!lastFetchedAt) return 'Never';
  const elapsed = Math.max(0, now.getTime() - lastFetchedAt.getTime());
  if (elapsed < MINUTE_MS) return 'just now';
  if (elapsed < HOUR_MS) return `${Math.floor(elapsed / MINUTE_MS)} min ago`;
  if (elapsed < DAY_MS) return `${Math.floor(elapsed / HOUR_MS)} h ago`;
  const days = Math.floor(elapsed / DAY_MS);
  if (days < 31) return days === 1 ? 'yesterday' : `${days} days ago`;
  return `on ${lastFetchedAt.toISOString().slice(0, 10)}`;
}

/** "No items yet", "1 item", "12 items". */
export function formatItemCount(itemCount: number): string {
  if (itemCount === 0) return 'No items yet';
  return itemCount === 1 ? '1 item' : `${itemCount} items`;
}
