import { describe, expect, it } from 'vitest';
import { formatInTimeZone, fromWallTime, isTimeZone, toWallTime } from './time-zones';

describe('wall times on a brand’s clock', () => {
  it('reads 09:00 in Europe/Berlin as 08:00 UTC in winter and 07:00 UTC in summer', () => {
    expect(fromWallTime('2026-12-08T09:00', 'Europe/Berlin')).toEqual(new Date('2026-12-08T08:00:00Z'));
    expect(fromWallTime('2026-07-08T09:00', 'Europe/Berlin')).toEqual(new Date('2026-07-08T07:00:00Z'));
    expect(fromWallTime('2026-12-08T09:00', 'America/New_York')).toEqual(new Date('2026-12-08T14:00:00Z'));
    expect(fromWallTime('2026-12-08T09:00', 'Asia/Kolkata')).toEqual(new Date('2026-12-08T03:30:00Z'));
    expect(fromWallTime('2026-12-08T09:00', 'UTC')).toEqual(new Date('2026-12-08T09:00:00Z'));
  });

  it('has no instant for a time the clocks skip, and the earlier one for a time they repeat', () => {
    expect(fromWallTime('2026-03-29T02:30', 'Europe/Berlin')).toBeNull();
    expect(fromWallTime('2026-10-25T02:30', 'Europe/Berlin')).toEqual(new Date('2026-10-25T00:30:00Z'));
  });

  it('refuses what is not a real date and time', () => {
    for (const wall of ['2026-02-30T09:00', '2026-12-08T24:00', '2026-12-08 09:00', 'tomorrow', '2026-13-01T09:00']) {
      expect(fromWallTime(wall, 'Europe/Berlin')).toBeNull();
    }
  });

  it('shows an instant as the wall time and label people of the brand read', () => {
    const instant = new Date('2026-07-08T07:00:00Z');
    expect(toWallTime(instant, 'Europe/Berlin')).toBe('2026-07-08T09:00');
    expect(fromWallTime(toWallTime(instant, 'Europe/Berlin'), 'Europe/Berlin')).toEqual(instant);
    expect(formatInTimeZone(instant, 'Europe/Berlin')).toBe('Wed, 8 Jul 2026, 09:00 (Europe/Berlin)');
  });

  it('knows IANA zone names and UTC, and nothing else', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});
