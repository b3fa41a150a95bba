// A platform analytics export (CSV) → execution-event inputs for the learning engine's intake (intake.recordExecutionEvents),
// which validates each entry exactly as the ingest route's are. This module only reads the CSV shape.

import { type Info, parse } from 'csv-parse/sync';
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

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** The 1-based line of a byte offset, walking the file once as offsets grow (CRLF counts once). */
function lineCounter(input: Buffer) {
  let position = 0;
  let line = 1;
  return (offset: number) => {
    for (; position < offset; position++) {
      const byte = input[position];
      if (byte === LF || (byte === CR && input[position + 1] !== LF)) line++;
    }
    return line;
  };
}

/**
 * RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. Blank lines are
 * skipped. A record's line is the physical line it starts on, which its index is not once a quoted
 * field spans lines or a blank line was skipped; csv-parse counts a CRLF inside quotes as two lines and
 * reports where a record ends, so the lines are counted here from the byte offsets it reports.
 */
export function parseCsv(text: string): CsvRecord[] {
  const input = Buffer.from(text);
  const lineAt = lineCounter(input);
  let recordStart = 0;
  try {
    const options = {
      info: true,
      skip_empty_lines: true,
      relax_quotes: true,
      relax_column_count: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    };
    // csv-parse's types do not follow `info: true`, which wraps each record with where it ended.
    const parsed = parse(input, options) as unknown as { record: string[]; info: Info }[];
    return parsed.flatMap(({ record, info }) => {
      // Blank lines before a record are skipped by the parser but lie between the two offsets.
      while (input[recordStart] === LF || input[recordStart] === CR) recordStart++;
      const line = lineAt(recordStart);
      recordStart = info.bytes;
      return record.some((field) => field !== '') ? [{ line, fields: record }] : [];
    });
  } catch (error) {
    const { code, bytes } = error as { code?: unknown; bytes?: number };
    if (code !== 'CSV_QUOTE_NOT_CLOSED') throw error;
    // The parser's offset is the last field or record boundary before the quote it could not close.
    const quoteAt = input.indexOf(QUOTE, bytes);
    throw new CsvFormatError(`The file ends inside the quoted field opened on line ${lineAt(quoteAt)}`);
  }
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
