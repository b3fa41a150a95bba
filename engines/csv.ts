// An RFC 4180 CSV reader that keeps each record's file line, for imports that refuse bad rows by line
// number (execution events, opportunity ideas). Engines parse imports themselves, so it lives here.

import { type Info, parse } from 'csv-parse/sync';
import { KairoError } from './errors';

export class CsvFormatError extends KairoError {
  override readonly name = 'CsvFormatError';
  readonly errorCode = 'bad_input';
}

/** A header name as matched: case, spaces, dashes and underscores ignored. */
export const normaliseHeader = (name: string) => name.toLowerCase().replace(/[\s_-]/g, '');

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
