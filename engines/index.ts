import { BrandBrainEngine } from './brand-brain/engine';
import { StrategyEngine } from './brand-brain/strategy';
import type { Clock } from './clock';
import { ContentEngine } from './content/engine';
import { RubricEngine } from './content/rubric/engine';
import { type Database, type DatabaseConfig, type DatabaseHandle, databaseConfigFromEnv, openDatabase } from './db/client';
import { DecisionsEngine } from './decisions/engine';
import { IngestKeysEngine } from './ingest-keys/engine';
import { LearningEngine } from './learning/engine';
import { OpportunitiesEngine } from './opportunities/engine';
import { PatternsEngine } from './patterns/engine';
import { FlowRunsEngine } from './runs/engine';
import { SourcesEngine } from './sources/engine';
import { TenancyEngine } from './tenancy/engine';
import { TeamEngine } from './tenancy/team';
import { WorkspacesEngine } from './tenancy/workspaces';

// The composition root's way in: the server opens the database and builds the engines here, and so
// never imports engines/db itself.

export type { DatabaseHandle } from './db/client';

export interface Engines {
  tenancy: TenancyEngine;
  workspaces: WorkspacesEngine;
  team: TeamEngine;
  brandBrain: BrandBrainEngine;
  strategy: StrategyEngine;
  opportunities: OpportunitiesEngine;
  decisions: DecisionsEngine;
  patterns: PatternsEngine;
  content: ContentEngine;
  /** The draft and package rubric: evaluations, the thesis guard rail, package scores. */
  rubric: RubricEngine;
  learning: LearningEngine;
  runs: FlowRunsEngine;
  ingestKeys: IngestKeysEngine;
  sources: SourcesEngine;
}

export interface EngineSet {
  engines: Engines;
  /**
   * Runs `work` in one database transaction with engines bound to it: all of its writes land or none
   * do. Inside, use only the engines handed in — on PGlite every other query waits for the transaction.
   */
  transaction<T>(work: (engines: Engines) => Promise<T>): Promise<T>;
}

/** The database the environment names (DATABASE_URL, else PGlite), with the caller's additions. */
export function openDatabaseFromEnv(additions: Partial<DatabaseConfig> = {}): Promise<DatabaseHandle> {
  return openDatabase({ ...databaseConfigFromEnv(), ...additions });
}

/** The engines over one open database. */
export function enginesOver(handle: DatabaseHandle, clock?: Clock): EngineSet {
  return {
    engines: buildEngines(handle.db, clock),
    transaction: (work) => handle.db.transaction((tx) => work(buildEngines(tx as unknown as Database, clock))),
  };
}

function buildEngines(db: Database, clock: Clock | undefined): Engines {
  const patterns = new PatternsEngine(db);
  // One decision log for the engines that record into it (pins, packages, edits, publications).
  const decisions = new DecisionsEngine(db, { clock });
  const opportunities = new OpportunitiesEngine(db, { clock, decisions });
  return {
    tenancy: new TenancyEngine(db),
    workspaces: new WorkspacesEngine(db),
    team: new TeamEngine(db),
    brandBrain: new BrandBrainEngine(db),
    strategy: new StrategyEngine(db),
    opportunities,
    decisions,
    patterns,
    content: new ContentEngine(db, { opportunities, patterns, decisions, clock }),
    rubric: new RubricEngine(db, { clock, decisions }),
    learning: new LearningEngine(db, { patterns, opportunities, clock }),
    runs: new FlowRunsEngine(db, { clock }),
    ingestKeys: new IngestKeysEngine(db, { clock }),
    sources: new SourcesEngine(db, { clock }),
  };
}
