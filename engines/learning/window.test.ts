import { describe, expect, it } from 'vitest';
import { learningWindow } from './window';

const at = (iso: string) => () => new Date(iso);

describe('learningWindow', () => {
  it('covers whole UTC days from windowDays − 1 days ago to the start of tomorrow', () => {
    expect(learningWindow(30, at('2026-03-15T17:42:10.123Z'))).toEqual({
      windowStart: new Date('2026-02-14T00:00:00.000Z'),
      windowEnd: new Date('2026-03-16T00:00:00.000Z'),
    });
  });

  it('is today alone for one day', () => {
    expect(learningWindow(1, at('2026-03-15T00:00:00.000Z'))).toEqual({
      windowStart: new Date('2026-03-15T00:00:00.000Z'),
      windowEnd: new Date('2026-03-16T00:00:00.000Z'),
    });
  });

  it('is the same window at the first and the last millisecond of a day', () => {
    expect(learningWindow(7, at('2026-03-15T00:00:00.000Z'))).toEqual(learningWindow(7, at('2026-03-15T23:59:59.999Z')));
    expect(learningWindow(7, at('2026-03-16T00:00:00.000Z')).windowStart).toEqual(new Date('2026-03-10T00:00:00.000Z'));
  });

  it('crosses month and leap-day boundaries by calendar days', () => {
    expect(learningWindow(3, at('2028-03-01T08:00:00Z')).windowStart).toEqual(new Date('2028-02-28T00:00:00.000Z'));
  });

  it('refuses a window that is not a whole number of days between 1 and 365', () => {
    expect(() => learningWindow(0)).toThrow();
    expect(() => learningWindow(1.5)).toThrow();
    expect(() => learningWindow(366)).toThrow();
  });
});
