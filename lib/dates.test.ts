import { describe, expect, it } from 'vitest';
import { expiryAfterDay } from './dates';

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
