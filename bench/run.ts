// `npm run bench`: every hot path beside its reference measured in the same run (issue 13, P1–P8), on
// PostgreSQL (a database of its own, created and dropped) and PGlite. It prints the machine and one
// table, appends the table to bench/results.md and exits 0; `--check` exits 1 when a target is missed;
// `--quick` uses small sizes (CI's smoke run) and skips what needs a production build it does not have.
import './dist-dir';
import { appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchDatabase, createPgliteBenchDatabase, createPostgresBenchDatabase, serverVersion } from './databases';
import { measureLearningGrowth, measurePackageBuild, measurePlanTrap } from './measures/in-process';
import { atMost, type BenchRow, missedTargets, renderMarkdown, renderText } from './report';
import { FULL_SIZES, QUICK_SIZES } from './sizes';

const args = new Set(process.argv.slice(2));
const quick = args.has('--quick');
const check = args.has('--check');
const only = process.argv
  .slice(2)
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const sizes = quick ? QUICK_SIZES : FULL_SIZES;
const wanted = (id: string) => !only || only.includes(id);

const rows: BenchRow[] = [];
const versions: string[] = [];

/** Runs one measure on a database of its own, so one measure's rows never skew another's plans. */
async function onDatabase(driver: BenchDatabase['driver'], run: (db: BenchDatabase) => Promise<BenchRow[]>, id: string, measure: string) {
  const db = driver === 'PostgreSQL' ? await createPostgresBenchDatabase() : await createPgliteBenchDatabase();
  try {
    if (!versions.some((v) => v.startsWith(driver))) versions.push(`${driver} ${await serverVersion(db.handle)}`);
    rows.push(...(await run(db)));
  } catch (error) {
    console.error(`${id} ${driver} failed:`, error);
    rows.push(failedRow(`${id} ${driver}`, measure, error));
  } finally {
    await db.drop();
  }
}

function failedRow(id: string, measure: string, error: unknown): BenchRow {
  const message = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 80) : String(error);
  return {
    id,
    measure,
    median: null,
    p95: null,
    reference: null,
    unit: 'ms',
    ratio: null,
    target: atMost(0, '–'),
    note: `failed: ${message}`,
  };
}

const inProcess = [
  { id: 'P2', measure: 'F3 runForBrand', run: measureLearningGrowth },
  { id: 'P3', measure: 'F2 package build', run: measurePackageBuild },
  { id: 'P6', measure: 'reads after a bulk ingest', run: measurePlanTrap },
];

const startedAt = Date.now();
for (const { id, measure, run } of inProcess) {
  if (!wanted(id)) continue;
  for (const driver of ['PostgreSQL', 'PGlite'] as const) {
    console.error(`… ${id} on ${driver}`);
    await onDatabase(driver, (db) => run(db, sizes), id, measure);
  }
}

rows.sort((a, b) => a.id.slice(0, 2).localeCompare(b.id.slice(0, 2), 'en', { numeric: true }));
const machine = [
  `${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, load ${os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ')}`,
  `Node ${process.version}; ${versions.join('; ')}`,
  `${quick ? 'quick sizes (smoke run, figures not comparable)' : 'full sizes'}; took ${Math.round((Date.now() - startedAt) / 1000)} s`,
];
console.log(`Kairo bench\n${machine.join('\n')}\n`);
console.log(renderText(rows));

const resultsPath = path.join(import.meta.dirname, 'results.md');
appendFileSync(
  resultsPath,
  `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (--quick)' : ''}\n\n${machine.map((line) => `${line}  `).join('\n')}\n\n${renderMarkdown(rows)}\n`,
);

const missed = missedTargets(rows);
if (missed.length > 0) console.log(`\n${missed.length} target(s) missed: ${missed.map((row) => `${row.id} ${row.measure}`).join('; ')}`);
if (check && (missed.length > 0 || rows.some((row) => row.note?.startsWith('failed')))) process.exitCode = 1;
