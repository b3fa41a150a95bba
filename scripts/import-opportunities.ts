// `npm run import:opportunities -- --brand <brand id> --file ideas.csv`: a CSV file of ideas into the
// brand's opportunities, through the same engine operation as "Import CSV" on the Today page: every row
// is checked first, and a file with any bad row is refused with its line numbers, nothing stored.
// Columns: README, "Importing ideas". Runs against the configured database (DATABASE_URL, else PGlite);
// with the embedded PGlite database, stop `npm run dev` first: only one process may open its folder.
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { databaseConfigFromEnv, openDatabase } from '../engines/db/client';
import { errorCode } from '../engines/errors';
import { createSystemContext } from '../server/orchestrator/context';

const { values } = parseArgs({ options: { brand: { type: 'string' }, file: { type: 'string' } } });
if (!values.brand || !values.file) {
  console.error('usage: npm run import:opportunities -- --brand <brand id> --file <ideas.csv>');
  process.exit(2);
}

const csv = await readFile(values.file, 'utf8');
const handle = await openDatabase(databaseConfigFromEnv());
try {
  const { engines } = createSystemContext(handle);
  const brand = await engines.learning.walk.findTarget(values.brand);
  const result = await engines.opportunities.importOpportunitiesCsv(brand, { csv });
  console.log(`${values.file}: imported ${result.imported} idea(s) into brand ${values.brand}.`);
} catch (error) {
  const code = errorCode(error);
  if (code !== 'bad_input' && code !== 'conflict' && code !== 'not_found') throw error;
  // The engine's message lists every refused line ("line 7: type must be one of …").
  console.error(`${values.file}: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  await handle.close();
}
