// `npm run bench`: every hot path beside its reference measured in the same run (issue 13, P1–P8), on
// PostgreSQL (a database of its own, created and dropped) and PGlite. It prints the machine and one
// table, appends the table to bench/results.md and exits 0; `--check` exits 1 when a target is missed;
// `--quick` uses small sizes (CI's smoke run) and skips what needs a production build it does not have.
import './dist-dir';
import { appendFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BenchDatabase, createPgliteBenchDatabase, createPostgresBenchDatabase, serverVersion } from './databases';
import { measureTodayPage } from './measures/browser';
import { buildProductionApp, measureCronWalk, measureIngestOverHttp, measureTodayOverHttp } from './measures/http';
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

/** A row without figures, saying only why: a measure that failed or did not run. */
function rowWithoutFigures(id: string, measure: string, note: string): BenchRow {
  return { id, measure, median: null, p95: null, reference: null, unit: 'ms', ratio: null, target: atMost(0, '–'), note };
}

function failedRow(id: string, measure: string, error: unknown): BenchRow {
  const message = error instanceof Error ? error.message.split('\n')[0]!.slice(0, 80) : String(error);
  return rowWithoutFigures(id, measure, `failed: ${message}`);
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

// The production build: built into the bench's own folder, except in a quick run, which uses one only if
// it exists (CI's smoke run must stay short) and `--reuse-build`, which serves the last build as it is.
const distDir = path.join(import.meta.dirname, '..', process.env.KAIRO_HTTP_DIST_DIR!, 'BUILD_ID');
const httpIds = ['P1', 'P4', 'P5', 'P7', 'P8'].filter(wanted);
let served = false;
if (httpIds.length > 0) {
  if (quick || args.has('--reuse-build')) {
    served = existsSync(distDir);
    process.env.KAIRO_HTTP_REUSE_BUILD = '1';
  } else {
    console.error('… next build into', process.env.KAIRO_HTTP_DIST_DIR);
    await buildProductionApp();
    served = true;
  }
}
const notServed = (id: string, measure: string) => rowWithoutFigures(id, measure, 'skipped: no production build (quick run)');

const overHttp = [
  { id: 'P1', measure: 'today.get over HTTP', drivers: ['PostgreSQL', 'PGlite'] as const, run: measureTodayOverHttp },
  { id: 'P4', measure: 'Today page in Chromium', drivers: ['PostgreSQL'] as const, run: measureTodayPage },
  { id: 'P7', measure: 'ingest over HTTP', drivers: ['PostgreSQL'] as const, run: measureIngestOverHttp },
];
for (const { id, measure, drivers, run } of overHttp) {
  if (!wanted(id) && !(id === 'P1' && wanted('P5'))) continue;
  for (const driver of drivers) {
    if (!served) {
      rows.push(notServed(`${id} ${driver}`, measure));
      continue;
    }
    console.error(`… ${id} on ${driver}`);
    await onDatabase(driver, (db) => run(db, sizes), id, measure);
  }
}
if (wanted('P8')) {
  if (!served) rows.push(notServed('P8 PostgreSQL', 'cron walk'));
  else {
    console.error('… P8 on PostgreSQL');
    try {
      rows.push(...(await measureCronWalk(() => createPostgresBenchDatabase(), sizes)));
    } catch (error) {
      console.error('P8 failed:', error);
      rows.push(failedRow('P8 PostgreSQL', 'cron walk', error));
    }
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

// KAIRO_BENCH_RESULTS=/dev/null keeps a smoke run out of the history.
const resultsPath = process.env.KAIRO_BENCH_RESULTS || path.join(import.meta.dirname, 'results.md');
appendFileSync(
  resultsPath,
  `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC${quick ? ' (--quick)' : ''}\n\n${machine.map((line) => `${line}  `).join('\n')}\n\n${renderMarkdown(rows)}\n`,
);

const missed = missedTargets(rows);
if (missed.length > 0) console.log(`\n${missed.length} target(s) missed: ${missed.map((row) => `${row.id} ${row.measure}`).join('; ')}`);
if (check && (missed.length > 0 || rows.some((row) => row.note?.startsWith('failed')))) process.exitCode = 1;
