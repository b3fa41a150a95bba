// A platform analytics export (CSV) → execution-event inputs for the learning engine's intake (intake.recordExecutionEvents),
// which validates each entry exactly as the ingest route's are. This module only reads the CSV shape.

import { CsvFormatError, normaliseHeader as normalise, parseCsv } from '../../engines/csv';

export { CsvFormatError, parseCsv };

/** Columns, in any order; header names are matched ignoring case, spaces, dashes and underscores. */
export const CSV_COLUMNS = {
  channel: 'channel',
  externalEventId: 'external_event_id',
  variantId: 'variant_id',
  externalPostId: 'external_post_id',
  eventType: 'event_type',
  count: 'count',
  eventValue: 'event_value',
  occurredAt: 'occurred_at',
} as const;

type Field = keyof typeof CSV_COLUMNS;
const REQUIRED: Field[] = ['channel', 'externalEventId', 'eventType', 'count', 'occurredAt'];

/** One event input per data row, with the file line its record starts on. */
export interface CsvEventRow {
  line: number;
  event: Record<string, unknown>;
}

/**
 * One event input per data row. Empty optional cells are left out; `count` and `event_value` become
 * numbers (or stay text the engine then refuses, naming the row), so a bad row is reported, not guessed.
 */
export function eventsFromCsv(text: string): CsvEventRow[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!header) throw new CsvFormatError('The file is empty');
  const index = new Map<Field, number>();
  const byName = new Map(
    Object.entries(CSV_COLUMNS).flatMap(([field, column]) => [
      [normalise(column), field as Field],
      [normalise(field), field as Field],
    ]),
  );
  header.fields.forEach((name, i) => {
    const field = byName.get(normalise(name));
    if (field) index.set(field, i);
  });
  const missing: string[] = REQUIRED.filter((field) => !index.has(field)).map((field) => CSV_COLUMNS[field]);
  if (!index.has('variantId') && !index.has('externalPostId')) missing.push('variant_id or external_post_id');
  if (missing.length > 0) throw new CsvFormatError(`Missing column(s) in the header on line ${header.line}: ${missing.join(', ')}`);

  return rows.map(({ line, fields }) => {
    const event: Record<string, unknown> = {};
    for (const [field, i] of index) {
      const cell = (fields[i] ?? '').trim();
      if (cell === '') continue;
      event[field] = field === 'count' || field === 'eventValue' ? toNumber(cell) : cell;
    }
    return { line, event };
  });
}

function toNumber(cell: string): number | string {
  const value = Number(cell);
  return Number.isFinite(value) ? value : cell;
}
