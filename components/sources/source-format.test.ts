import { describe, expect, it } from 'vitest';
import { formatItemCount, formatLastFetched } from './source-format';

describe('formatLastFetched', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  const earlier = (ms: number) => new Date(now.getTime() - ms);

  it('says Never for a feed not fetched yet, and how long ago otherwise', () => {
    expect(formatLastFetched(null, now)).toBe('Never');
    expect(formatLastFetched(earlier(20_000), now)).toBe('just now');
    expect(formatLastFetched(earlier(5 * 60_000), now)).toBe('5 min ago');
    expect(formatLastFetched(earlier(3 * 3_600_000), now)).toBe('3 h ago');
    expect(formatLastFetched(earlier(26 * 3_600_000), now)).toBe('yesterday');
    expect(formatLastFetched(earlier(9 * 86_400_000), now)).toBe('9 days ago');
    expect(formatLastFetched(new Date('2026-09-01T08:00:00Z'), now)).toBe('on 2026-09-01');
  });

  it('reads a clock slightly behind the server as just now', () => {
    expect(formatLastFetched(new Date(now.getTime() + 5_000), now)).toBe('just now');
  });
});

describe('formatItemCount', () => {
  it('counts items in words', () => {
    expect(formatItemCount(0)).toBe('No items yet');
    expect(formatItemCount(1)).toBe('1 item');
    expect(formatItemCount(12)).toBe('12 items');
  });
});
