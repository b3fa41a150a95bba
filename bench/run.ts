// `npm run bench`: how the heaviest reads scale, on an in-memory PGlite: the Today board (the engine
// query and the whole F1 flow) and the learning aggregation. It prints timings only; there are no
// thresholds to pass.
import { sql } from 'drizzle-orm';
import { openDatabase } from '../engines/db/client';
import { migrate } from '../engines/db/migrator';
import { LearningEngine } from '../engines/learning/engine';
import { learningWindow } from '../engines/learning/window';
import { OpportunitiesEngine } from '../engines/opportunities/engine';
import { PatternsEngine } from '../engines/patterns/engine';
import { createSystemContext } from '../server/orchestrator/context';
import { TodayBoardOrchestrator } from '../server/orchestrator/flows/today-board';
import { createTenantFixture } from '../test/fixtures';
import { addExecutionEvents, addOpportunities } from './bench-data';
import { formatTable, type Measurement, measure } from './measure';

const OPPORTUNITIES = 10_000;
const EXECUTION_EVENTS = 100_000;
const WINDOW_DAYS = 30;

const handle = await openDatabase({ dataDir: 'memory://' });
try {
  await migrate(handle);
  const { db } = handle;

  const board = await createTenantFixture(db, 'Bench board');
  await addOpportunities(db, board, OPPORTUNITIES);
  const learning = await createTenantFixture(db, 'Bench learning');
  await addExecutionEvents(db, learning, { packages: 100, events: EXECUTION_EVENTS, days: WINDOW_DAYS });

  const opportunitiesEngine = new OpportunitiesEngine(db);
  const learningEngine = new LearningEngine(db, { opportunities: opportunitiesEngine, patterns: new PatternsEngine(db) });
  const window = learningWindow(WINDOW_DAYS);

  const measureBoth = async (statistics: string, learningRuns: { iterations: number; warmup: number }) => [
    await measure(`OpportunitiesEngine.getTodayBoard, limit 50 (${statistics})`, OPPORTUNITIES, () =>
      opportunitiesEngine.getTodayBoard(board, { limit: 50 }),
    ),
    await measure(
      `LearningEngine.computeVariantPerformanceSummary, ${WINDOW_DAYS} days (${statistics})`,
      EXECUTION_EVENTS,
      () => learningEngine.update.computeVariantPerformanceSummary(learning, window),
      learningRuns,
    ),
  ];

  // PGlite runs no autovacuum, so a freshly loaded table has no planner statistics until someone runs
  // ANALYZE; PostgreSQL gathers them by itself. Both states are measured because the plans differ.
  const results: Measurement[] = await measureBoth('no statistics', { iterations: 5, warmup: 1 });
  await db.execute(sql`analyze`);
  results.push(...(await measureBoth('after ANALYZE', { iterations: 20, warmup: 3 })));
  const system = createSystemContext(handle);
  results.push(
    await measure('F1 TodayBoardOrchestrator.buildTodayView, limit 50 (after ANALYZE)', OPPORTUNITIES, () =>
      TodayBoardOrchestrator.buildTodayView(system, board),
    ),
  );

  console.log(`Kairo bench: PGlite in memory, Node ${process.version}\n`);
  console.log(formatTable(results));
} finally {
  await handle.close();
}
