import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/dates';
import { compareBoardOrder } from './board-order';
import { formatAge } from './format';
import { SNOOZE_PRESETS, snoozeUntil } from './snooze-presets';

const card = (id: string, isPinned: boolean, score: number, touched: string) => ({ id, isPinned, score, lastTouchedAt: new Date(touched) });

describe('compareBoardOrder', () => {
  it('puts pinned cards first, then higher scores, then the most recently touched, then the id', () => {
    const cards = [
      card('e', false, 90, '2026-11-20T00:00:00Z'),
      card('d', false, 90, '2026-11-24T00:00:00Z'),
      card('c', true, 10, '2026-11-01T00:00:00Z'),
      card('b', false, 95, '2026-11-01T00:00:00Z'),
      card('a', false, 90, '2026-11-24T00:00:00Z'),
    ];
    expect(cards.sort(compareBoardOrder).map((c) => c.id)).toEqual(['c', 'b', 'a', 'd', 'e']);
  });
});

describe('snoozeUntil', () => {
  const [tomorrow, nextWeek] = SNOOZE_PRESETS;

  it('snoozes until 08:00 local time the next day, even late at night', () => {
    const until = snoozeUntil(tomorrow, new Date(2026, 10, 25, 23, 30));
    expect([until.getFullYear(), until.getMonth(), until.getDate(), until.getHours(), until.getMinutes()]).toEqual([2026, 10, 26, 8, 0]);
  });

  it('snoozes until 08:00 local time a week later, across a month end', () => {
    const until = snoozeUntil(nextWeek, new Date(2026, 10, 28, 9, 15));
    expect([until.getMonth(), until.getDate(), until.getHours()]).toEqual([11, 5, 8]);
  });

  it('always lands in the future', () => {
    const now = new Date(2026, 10, 25, 7, 59);
    for (const preset of SNOOZE_PRESETS) expect(snoozeUntil(preset, now).getTime()).toBeGreaterThan(now.getTime());
  });
});

describe('formatAge', () => {
  const now = new Date('2026-11-25T12:00:00Z');
  const ago = (days: number) => addDays(now, -days);

  it('speaks in days, then weeks, then months', () => {
    expect(formatAge(ago(0.5), now)).toBe('new today');
    expect(formatAge(ago(1), now)).toBe('1 day old');
    expect(formatAge(ago(9), now)).toBe('9 days old');
    expect(formatAge(ago(20), now)).toBe('2 weeks old');
    expect(formatAge(ago(95), now)).toBe('3 months old');
  });

  it('treats a clock skew into the future as new', () => {
    expect(formatAge(new Date(now.getTime() + 60_000), now)).toBe('new today');
  });
});
