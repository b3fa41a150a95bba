// `npm run import:events -- --brand <brand id> <file.csv>`: a platform analytics export into the brand's
// execution events, through the same engine method as the ingest route (idempotent on
// channel + external_event_id, so importing a file twice stores it once). Columns: README, "CSV import".
// With the embedded PGlite database, stop `npm run dev` first: only one process may open its folder.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv, openDatabase } from '../engines/db/client';
import { MAX_EXECUTION_EVENTS_PER_BATCH } from '../engines/learning/dto';
import { InvalidExecutionEventsError } from '../engines/learning/errors';
import { eventsFromCsv } from '../server/ingest/execution-events-csv';
import { createSystemContext } from '../server/orchestrator/context';

const { values, positionals } = parseArgs({ options: { brand: { type: 'string' } }, allowPositionals: true });
const file = positionals[0];
if (!values.brand || !file || positionals.length !== 1) {
  console.error('usage: npm run import:events -- --brand <brand id> <file.csv>');
  process.exit(2);
}

const events = eventsFromCsv(await readFile(file, 'utf8'));
const handle = await openDatabase(databaseConfigFromEnv());
try {
  const { engines } = createSystemContext(handle);
  const { tenantId, brandId } = await engines.learning.findLearningTarget(values.brand);
  const totals = { received: 0, inserted: 0, duplicates: 0 };
  // Each batch lands whole or not at all; a file larger than one batch is imported batch by batch.
  for (let offset = 0; offset < events.length; offset += MAX_EXECUTION_EVENTS_PER_BATCH) {
    const batch = events.slice(offset, offset + MAX_EXECUTION_EVENTS_PER_BATCH);
    try {
      const result = await engines.learning.recordExecutionEvents(tenantId, brandId, batch, 'csv_import');
      totals.received += result.received;
      totals.inserted += result.inserted;
      totals.duplicates += result.duplicates;
    } catch (error) {
      if (!(error instanceof InvalidExecutionEventsError)) throw error;
      console.error(`Rows ${offset + 2}–${offset + batch.length + 1} refused, nothing of them stored:`);
      // Line numbers of the file: the header is line 1.
      for (const issue of error.issues) console.error(`  line ${offset + issue.index + 2}: ${issue.message}`);
      process.exitCode = 1;
      break;
    }
  }
  console.log(JSON.stringify(totals));
} finally {
  await handle.close();
}
