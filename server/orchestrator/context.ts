import { randomBytes } from 'node:crypto';
import { type DatabaseHandle, type EngineSet, enginesOver, openDatabaseFromEnv } from '../../engines';
import type { Clock } from '../../engines/clock';
import { SingleFlight } from '../../lib/single-flight';
import { type AuthSetup, createAuthSetup, loadAuthSetup } from '../auth/auth-setup';
import { sqlLogger } from '../logging/logger';
import { rateLimitConfigFromEnv } from '../rate-limit/config';
import { createRateLimits, NO_RATE_LIMITS, type RateLimits } from '../rate-limit/limits';
import { createModelRegistry, DEFAULT_MODEL_NAME, type ModelRegistry, modelConfigFromEnv } from './llm/model-registry';
import { OFFLINE_WRITERS } from './llm/nodes';

/** Everything a flow or a procedure works with; one per process, handed to every flow. */
export interface SystemContext extends EngineSet {
  models: ModelRegistry;
  auth: AuthSetup;
  /** Per-user limits on model calls, per-address limits on secret checks, per-key limits on ingest. */
  limits: RateLimits;
  /** Identical reads asked for at once run once (F1's board); every finished mutation is noted here. */
  sharedReads: SingleFlight;
}

export interface SystemContextOptions {
  /** Default: the demo setup with a throwaway key (tests pass their own viewer or keys). */
  auth?: AuthSetup;
  /** Default: the offline model. */
  models?: ModelRegistry;
  /**
   * Default: none, so tests of other behaviour may call a procedure as often as they need; tests of the
   * limits pass `createRateLimits(handle, …)`. The process's context (getSystemContext) always has them.
   */
  limits?: RateLimits;
  clock?: Clock;
}

/** Wires the engines over one open database; tests call it with their own database copy. */
export function createSystemContext(handle: DatabaseHandle, options: SystemContextOptions = {}): SystemContext {
  return {
    ...enginesOver(handle, options.clock),
    models: options.models ?? createModelRegistry({ modelName: DEFAULT_MODEL_NAME }, OFFLINE_WRITERS),
    auth: options.auth ?? throwawayDemoAuth(),
    limits: options.limits ?? NO_RATE_LIMITS,
    sharedReads: new SingleFlight(),
  };
}

function throwawayDemoAuth(): AuthSetup {
  const demoSigningKey = randomBytes(32);
  return createAuthSetup('demo', { hs256Secret: demoSigningKey }, { demoSigningKey });
}

// Next's dev server re-evaluates modules on every edit; keeping the context on globalThis stops each
// reload from opening another database (PGlite allows one opener of its data folder).
const holder = globalThis as typeof globalThis & { kairoSystemContext?: Promise<SystemContext> };

/** The process's context, built on first use from the environment (DATABASE_URL or PGlite, auth, models). */
export function getSystemContext(): Promise<SystemContext> {
  holder.kairoSystemContext ??= buildFromEnv().catch((error: unknown) => {
    holder.kairoSystemContext = undefined;
    throw error;
  });
  return holder.kairoSystemContext;
}

/** Makes `ctx` the process's context: for tests that call route handlers, which take no context. */
export function setSystemContext(ctx: SystemContext): void {
  holder.kairoSystemContext = Promise.resolve(ctx);
}

async function buildFromEnv(): Promise<SystemContext> {
  const [handle, auth] = await Promise.all([openDatabaseFromEnv({ queryLogger: sqlLogger }), loadAuthSetup()]);
  return createSystemContext(handle, {
    auth,
    models: createModelRegistry(modelConfigFromEnv(), OFFLINE_WRITERS),
    limits: createRateLimits(handle, rateLimitConfigFromEnv()),
  });
}
