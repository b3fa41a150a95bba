import { describe, expect, it } from 'vitest';
import { expiryAfterDay, formatFullDay, formatWindow } from './dates';

describe('expiryAfterDay', () => {
  it('lets an idea live through the named UTC day', () => {
    expect(expiryAfterDay('2026-12-31')).toEqual(new Date('2027-01-01T00:00:00.000Z'));
    expect(expiryAfterDay('2028-02-29')).toEqual(new Date('2028-03-01T00:00:00.000Z'));
  });

  it('answers null for anything but a real YYYY-MM-DD day', () => {
    for (const day of ['2026-02-30', '2026-13-01', '2026-1-5', '31/12/2026', '2026-12-31T10:00:00Z', '', 'tomorrow']) {
      expect(expiryAfterDay(day), day).toBeNull();
    }
  });
});

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe('formatWindow', () => {
  it('writes a window inside one month as "1–30 Nov 2026" (the end is exclusive)', () => {
    expect(formatWindow(utc('2026-11-01'), utc('2026-12-01'))).toBe('1–30 Nov 2026');
  });

  it('names both months when the window crosses one', () => {
    expect(formatWindow(utc('2026-10-28'), utc('2026-11-04'))).toBe('28 Oct – 3 Nov 2026');
  });

  it('names both years when the window crosses New Year', () => {
    expect(formatWindow(utc('2025-12-29'), utc('2026-01-05'))).toBe('29 Dec 2025 – 4 Jan 2026');
  });

  it('is a single date for a one-day window', () => {
    expect(formatWindow(utc('2026-11-30'), utc('2026-12-01'))).toBe('30 Nov 2026');
  });
});

describe('formatFullDay', () => {
  it('writes a UTC day with its year', () => {
    expect(formatFullDay(new Date('2026-03-09T23:30:00Z'))).toBe('9 Mar 2026');
  });
});
