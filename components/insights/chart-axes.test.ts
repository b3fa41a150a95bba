import { describe, expect, it } from 'vitest';
import { dayTicks, rateLabel } from './chart-axes';

describe('rateLabel', () => {
  it('shows whole numbers without decimals, so the axis reads 0, 10, 20', () => {
    expect([0, 10, 20].map(rateLabel)).toEqual(['0', '10', '20']);
  });

  it('keeps the decimals a small tick needs', () => {
    expect([0, 0.5, 1].map(rateLabel)).toEqual(['0', '0.5', '1']);
    expect([0, 0.025, 0.05].map(rateLabel)).toEqual(['0', '0.025', '0.05']);
    expect([0, 2.5, 5].map(rateLabel)).toEqual(['0', '2.5', '5']);
  });
});

describe('dayTicks', () => {
  const start = new Date('2026-11-01T00:00:00Z');

  it('anchors the first label at its start and the last at its end, so the last date is not cut off', () => {
    expect(dayTicks(start, 30)).toEqual([
      { day: new Date('2026-11-01T00:00:00Z'), anchor: 'start' },
      { day: new Date('2026-11-15T00:00:00Z'), anchor: 'middle' },
      { day: new Date('2026-11-30T00:00:00Z'), anchor: 'end' },
    ]);
  });

  it('labels a one-day window once', () => {
    expect(dayTicks(start, 1)).toEqual([{ day: start, anchor: 'start' }]);
  });
});
