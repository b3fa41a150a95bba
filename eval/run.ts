// `npm run eval`: F2 on the reference brands of eval/brands with the configured model (OPENAI_API_KEY,
// OPENAI_BASE_URL, KAIRO_MODEL; the offline model without a key), every package and draft scored by the
// rubric. Prints the figures and appends a dated section to eval/results.md. `--check` exits 1 when a
// target is missed (a taboo, a draft over its channel limit, a build that failed); without it the exit
// code is 0 whatever the figures, since a run against a real model is a measurement, not a gate.
import { existsSync } from 'node:fs';
import { appendFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../engines/db/client';
import { migrate } from '../engines/db/migrator';
import { OFFLINE_PROVIDER } from '../lib/labels';
import { createSystemContext } from '../server/orchestrator/context';
import { PackageBuildOrchestrator } from '../server/orchestrator/flows/package-build';
import { createModelRegistry, type ModelConfig, type ModelRegistry, modelConfigFromEnv } from '../server/orchestrator/llm/model-registry';
import { OFFLINE_WRITERS } from '../server/orchestrator/llm/nodes';
import { OFFLINE_MODEL_ID } from '../server/orchestrator/llm/offline-model';
import { EVAL_BRANDS } from './brands';
import type { EvalBrand } from './brands/types';
import { judgeDrafts } from './judge';
import {
  type BrandRow,
  type BuildRecord,
  brandTable,
  missedTargets,
  problemLines,
  resultsSection,
  summarize,
  summaryLines,
} from './metrics';
import { evalTaboos, scoreBuild } from './score-build';
import { seedBrand } from './seed-brand';

const RESULTS_FILE = path.join(import.meta.dirname, 'results.md');
const RESULTS_HEADER = `# Offline eval results

A log of \`npm run eval\` runs, newest last: F2 on the reference brands of eval/brands, each package and
draft scored by the rubric (engines/content/rubric). See the README's "Offline eval".
`;

/** A failed build's record: timed, with nothing to score. */
const NOT_BUILT = { packageScore: null, packageFailedRules: [], packageTaboos: [], drafts: [], expectationCoverage: null, warnings: [] };

const check = process.argv.includes('--check');
const config = modelConfigFromEnv();
const models = createModelRegistry(config, OFFLINE_WRITERS);
const startedAt = new Date();

const template = await migratedTemplate();
const builds: BuildRecord[] = [];
const brands: BrandRow[] = [];
for (const brand of EVAL_BRANDS) {
  const brandStarted = performance.now();
  const brandBuilds = await evaluateBrand(brand, models, template);
  builds.push(...brandBuilds);
  brands.push({ brand: brand.name, summary: summarize(brandBuilds) });
  const seconds = (performance.now() - brandStarted) / 1000;
  console.log(`${brand.name}: ${brandBuilds.length} builds, ${seconds.toFixed(1)} s with its database`);
}
const total = summarize(builds);
// The offline judge is a heuristic over the deterministic checks: it would measure nothing new.
const judge = models.offline ? 'none (the deterministic checks only; the judge runs with a real model)' : 'the DraftJudge node, same model';
const report = { startedAt, model: modelLabel(config, models), judge, builds, brands, total };

console.log(`\nKairo eval: ${report.model}, ${EVAL_BRANDS.length} brands\n`);
for (const line of summaryLines(total)) console.log(line);
console.log(`\n${brandTable(brands, total)}\n`);
for (const line of problemLines(builds)) console.log(`! ${line}`);
await appendResults(resultsSection(report));
console.log(`\nAppended to ${path.relative(process.cwd(), RESULTS_FILE)}`);

const missed = missedTargets(total);
if (missed.length) console.log(`\nTargets missed: ${missed.join('; ')}`);
if (check && missed.length) process.exitCode = 1;

/**
 * An empty database with every migration applied (PGlite in a temporary folder, no demo data), as a
 * dump each brand's database starts from: restoring a dump takes a fraction of a fresh PGlite's start.
 */
async function migratedTemplate(): Promise<Blob> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'kairo-eval-'));
  const handle = await openDatabase({ dataDir });
  try {
    await migrate(handle);
    return await handle.dumpDataDir!();
  } finally {
    await handle.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/**
 * One brand in its own fresh database (restored from the migrated template), created through the
 * engines; then F2 on each of its opportunities, timed and scored.
 */
async function evaluateBrand(brand: EvalBrand, registry: ModelRegistry, template: Blob): Promise<BuildRecord[]> {
  const handle = await openDatabase({ dataDir: 'memory://', loadDataDir: template });
  try {
    const ctx = createSystemContext(handle, { models: registry });
    const seeded = await seedBrand(ctx.engines, brand);
    const records: BuildRecord[] = [];
    for (const idea of brand.opportunities) {
      const started = performance.now();
      const identity = { brandKey: brand.key, opportunityKey: idea.key };
      try {
        const view = await PackageBuildOrchestrator.createPackageFromOpportunity(ctx, seeded.scope, {
          opportunityId: seeded.opportunityIds.get(idea.key)!,
          channels: idea.channels,
          createdByUserId: seeded.ownerUserId,
        });
        const wallMs = performance.now() - started;
        const judgements = registry.offline ? new Map() : await judgeDrafts(registry, view, evalTaboos(brand, idea));
        records.push({ ...identity, wallMs, error: null, ...scoreBuild(brand, idea, view, judgements) });
      } catch (error) {
        const wallMs = performance.now() - started;
        records.push({ ...identity, wallMs, error: describeError(error), ...NOT_BUILT });
      }
    }
    return records;
  } finally {
    await handle.close();
  }
}

function describeError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) {
    const { name, message } = error as { name?: unknown; message: unknown };
    return `${typeof name === 'string' ? name : 'Error'}: ${String(message)}`;
  }
  return String(error);
}

function modelLabel(modelConfig: ModelConfig, registry: ModelRegistry): string {
  if (registry.offline) return `offline model (${OFFLINE_PROVIDER}/${OFFLINE_MODEL_ID})`;
  return modelConfig.baseUrl ? `${modelConfig.modelName} via ${modelConfig.baseUrl}` : `${modelConfig.modelName} (OpenAI)`;
}

async function appendResults(section: string): Promise<void> {
  if (!existsSync(RESULTS_FILE)) await writeFile(RESULTS_FILE, RESULTS_HEADER);
  await appendFile(RESULTS_FILE, `\n${section}`);
}
