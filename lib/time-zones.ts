// Wall-clock times in a brand's time zone, for the engines (validating and converting a schedule) and
// the browser (showing it back). Plain Intl, no imports, so client components can use it.

/** The IANA zones this runtime knows; 'UTC' is valid everywhere though Intl does not list it. */
export function timeZoneNames(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone')];
}

export function isTimeZone(name: string): boolean {
  return name === 'UTC' || Intl.supportedValuesOf('timeZone').includes(name);
}

/** A `<input type="datetime-local">` value: YYYY-MM-DDTHH:mm (seconds allowed, ignored). */
export const WALL_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?$/;

/** The wall-clock parts of `instant` in `timeZone`. */
function wallParts(instant: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(instant);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** `instant` as the wall time YYYY-MM-DDTHH:mm it reads in `timeZone` (a datetime-local value). */
export function toWallTime(instant: Date, timeZone: string): string {
  const { year, month, day, hour, minute } = wallParts(instant, timeZone);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
}

/**
 * The instant a wall time YYYY-MM-DDTHH:mm names in `timeZone`; null when it is malformed or does not
 * exist there (the hour skipped when clocks go forward). In the hour repeated when clocks go back, the
 * earlier instant.
 */
export function fromWallTime(wall: string, timeZone: string): Date | null {
  const match = WALL_TIME.exec(wall);
  if (!match) return null;
  const [, year, month, day, hour, minute] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  if (Number.isNaN(asUtc)) return null;
  // The zone's offset at a nearby instant, applied twice: the second pass settles a clock change
  // between the guess and the answer. Offsets before the guess are tried first for the earlier instant.
  const offsetAt = (instant: number) => {
    const parts = wallParts(new Date(instant), timeZone);
    return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute) - Math.floor(instant / 60_000) * 60_000;
  };
  const candidates = [asUtc - offsetAt(asUtc - 86_400_000), asUtc - offsetAt(asUtc), asUtc - offsetAt(asUtc + 86_400_000)];
  // Compared with the wall time as written, so 30 February or 24:00 match nothing.
  const matching = candidates.filter((instant) => toWallTime(new Date(instant), timeZone) === wall.slice(0, 16));
  if (matching.length === 0) return null;
  return new Date(Math.min(...matching));
}

/** "Tue, 8 Dec 2026, 09:00 (Europe/Berlin)": an instant as people of the brand read it. */
export function formatInTimeZone(instant: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
  return `${text} (${timeZone})`;
}
