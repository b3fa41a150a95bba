// A platform analytics export (CSV) → execution-event inputs for LearningEngine.recordExecutionEvents,
// which validates each entry exactly as the ingest route's are. This module only reads the CSV shape.

import { KairoError } from '../../engines/errors';

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

export class CsvFormatError extends KairoError {
  override readonly name = 'CsvFormatError';
  readonly errorCode = 'bad_input';
}

const normalise = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

/** One CSV record and the file line it starts on (1-based), for messages a person can find. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. Blank lines are
 * skipped. A record's line is the physical line it starts on, which its index is not once a quoted
 * field spans lines or a blank line was skipped.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let quoteLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f !== '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
      // A line break inside a quoted field still ends a line of the file (CRLF counts once, at its LF).
      if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
    } else if (c === '"' && field === '') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else field += c;
  }
  if (quoted) throw new CsvFormatError(`The file ends inside the quoted field opened on line ${quoteLine}`);
  endRecord();
  return records;
}

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
  const byName = new Map(Object.entries(CSV_COLUMNS).flatMap(([field, column]) => [[normalise(column), field as Field], [normalise(field), field as Field]]));
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
