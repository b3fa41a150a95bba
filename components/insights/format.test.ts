import { describe, expect, it } from 'vitest';
import { formatWindow } from './format';

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
