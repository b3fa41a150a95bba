import { DAY_MS } from '@/lib/dates';

/** A rate axis label with only the decimals its value needs: "0", "2.5", "10", "0.05". */
export function rateLabel(tick: number): string {
  return String(Number(tick.toPrecision(3)));
}

export interface DayTick {
  day: Date;
  /** The first label starts at its day and the last ends at it, so neither runs off the chart. */
  anchor: 'start' | 'middle' | 'end';
}

/** The first, middle and last day of a window of `days` days (fewer when they coincide). */
export function dayTicks(windowStart: Date, days: number): DayTick[] {
  const last = Math.max(0, days - 1);
  const indexes = [...new Set([0, Math.floor(last / 2), last])];
  return indexes.map((i) => ({
    day: new Date(windowStart.getTime() + i * DAY_MS),
    anchor: i === 0 ? 'start' : i === last ? 'end' : 'middle',
  }));
}
