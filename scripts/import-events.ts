// `npm run import:events -- --brand <brand id> <file.csv>`: a platform analytics export into the brand's
// execution events, through the same engine method as the ingest route (idempotent on
// channel + external_event_id, so importing a file twice stores it once). Columns: README, "CSV import".
// With the embedded PGlite database, stop `npm run dev` first: only one process may open its folder.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv, openDatabase } from '../engines/db/client';
import { errorCode } from '../engines/errors';
import { MAX_EXECUTION_EVENTS_PER_BATCH } from '../engines/learning/dto';
import { isInvalidExecutionEvents } from '../engines/learning/intake/errors';
import { type CsvEventRow, eventsFromCsv } from '../server/ingest/execution-events-csv';
import { createSystemContext } from '../server/orchestrator/context';

const { values, positionals } = parseArgs({ options: { brand: { type: 'string' } }, allowPositionals: true });
const file = positionals[0];
if (!values.brand || !file || positionals.length !== 1) {
  console.error('usage: npm run import:events -- --brand <brand id> <file.csv>');
  process.exit(2);
}

let rows: CsvEventRow[];
try {
  rows = eventsFromCsv(await readFile(file, 'utf8'));
} catch (error) {
  if (errorCode(error) !== 'bad_input') throw error;
  console.error(`${file}: ${(error as Error).message}. Nothing was imported.`);
  process.exit(1);
}
const handle = await openDatabase(databaseConfigFromEnv());
try {
  const { engines } = createSystemContext(handle);
  const brand = await engines.learning.walk.findTarget(values.brand);
  const totals = { received: 0, inserted: 0, duplicates: 0 };
  // Each batch lands whole or not at all; a file larger than one batch is imported batch by batch.
  for (let offset = 0; offset < rows.length; offset += MAX_EXECUTION_EVENTS_PER_BATCH) {
    const batch = rows.slice(offset, offset + MAX_EXECUTION_EVENTS_PER_BATCH);
    try {
      const result = await engines.learning.intake.recordExecutionEvents(brand, {
        events: batch.map((row) => row.event),
        source: 'csv_import',
      });
      totals.received += result.received;
      totals.inserted += result.inserted;
      totals.duplicates += result.duplicates;
    } catch (error) {
      if (!isInvalidExecutionEvents(error)) throw error;
      console.error(`The rows on lines ${batch[0]!.line}–${batch.at(-1)!.line} were refused, nothing of them stored:`);
      for (const issue of error.issues) console.error(`  line ${batch[issue.index]!.line}: ${issue.message}`);
      process.exitCode = 1;
      break;
    }
  }
  console.log(JSON.stringify(totals));
} finally {
  await handle.close();
}
