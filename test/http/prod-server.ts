import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { LIMITS } from '../../server/rate-limit/config';

/**
 * The HTTP suite's own build folder, so it never disturbs the e2e's `.next` (next.config.mjs reads it);
 * KAIRO_HTTP_DIST_DIR gives one developer's run a folder of its own while others build in the same tree.
 */
export const HTTP_DIST_DIR = process.env.KAIRO_HTTP_DIST_DIR || '.next-http';

/** Fixed so tests can mint tokens the server accepts (at least 32 characters, see demo-secret.ts). */
export const TEST_JWT_SECRET = 'kairo-http-suite-demo-secret-0123456789abcdef';

export const TEST_CRON_SECRET = 'kairo-http-suite-cron-secret-0123456789';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

// The suite sends thousands of requests as a handful of users from one address; limits meant for
// people would turn its answers into 429s. Tests of the limits pass their own low values in `env`.
const GENEROUS_RATE_LIMITS: Record<string, string> = Object.fromEntries(Object.values(LIMITS).map((limit) => [limit.env, '100000000/60']));

const ROOT = path.resolve(import.meta.dirname, '../..');
const NEXT_BIN = path.join(ROOT, 'node_modules/next/dist/bin/next');

/** The `node` devDependency's Node 22, whatever Node runs the tests. */
function nodeBinary(): string {
  const local = path.join(ROOT, 'node_modules/.bin/node');
  return existsSync(local) ? local : process.execPath;
}

/** The PostgreSQL server the suite makes its databases on. */
export function baseDatabaseUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
}

/**
 * `next build` into .next-http, once per run. KAIRO_HTTP_REUSE_BUILD=1 serves an existing build
 * instead (local iteration only: it is whatever the tree was when that build ran).
 */
export async function buildProductionApp(): Promise<void> {
  if (process.env.KAIRO_HTTP_REUSE_BUILD === '1' && existsSync(path.join(ROOT, HTTP_DIST_DIR, 'BUILD_ID'))) return;
  const child = spawn(nodeBinary(), [NEXT_BIN, 'build'], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', KAIRO_NEXT_DIST_DIR: HTTP_DIST_DIR },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`next build failed (exit ${code}):\n${output.slice(-8_000)}`);
}

export interface ProductionServer {
  baseUrl: string;
  pid: number;
  databaseUrl: string;
  /** Everything the server wrote to stdout and stderr so far. */
  logs(): string;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s; resolves once it has exited. */
  stop(): Promise<void>;
  /** Sends a signal to the server's process group without waiting. */
  kill(signal: NodeJS.Signals): void;
}

export interface ProductionServerOptions {
  databaseUrl: string;
  /** Added to (and overriding) the server's environment; an empty string unsets a variable. */
  env?: Record<string, string>;
}

/**
 * `next start` of the .next-http build on a free loopback port. Its readiness probe fetches a static
 * chunk, which the router serves without loading any page or route module: the suite's first real
 * request decides which bundle layer builds the process's context.
 */
export async function startProductionServer({ databaseUrl, env = {} }: ProductionServerOptions): Promise<ProductionServer> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(nodeBinary(), [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: ROOT,
    // Its own process group, so stop() and kill() reach any worker next start forks.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: serverEnvironment(databaseUrl, env),
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const pid = child.pid!;

  const server: ProductionServer = {
    baseUrl,
    pid,
    databaseUrl,
    logs: () => output,
    kill: (signal) => signalGroup(child, signal),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      signalGroup(child, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };

  try {
    await waitUntilReady(baseUrl, staticChunkPath(), exited);
  } catch (error) {
    await server.stop();
    throw new Error(`next start did not become ready: ${(error as Error).message}\n${output.slice(-4_000)}`);
  }
  return server;
}

/**
 * The suite's environment with the server's settings on top. A blank value unsets a variable: some
 * libraries treat a blank as a value (the AI SDK refuses a blank OPENAI_BASE_URL).
 */
function serverEnvironment(databaseUrl: string, overrides: Record<string, string>): NodeJS.ProcessEnv {
  const merged: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    KAIRO_NEXT_DIST_DIR: HTTP_DIST_DIR,
    DATABASE_URL: databaseUrl,
    KAIRO_SEED_DEMO: '',
    KAIRO_ALLOW_DEMO_IN_PRODUCTION: '1',
    KAIRO_DEMO_JWT_SECRET: TEST_JWT_SECRET,
    CRON_SECRET: TEST_CRON_SECRET,
    // No model, no auth provider: the offline model and the demo tokens, never the network.
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    KAIRO_MODEL: '',
    SUPABASE_URL: '',
    SUPABASE_ANON_KEY: '',
    SUPABASE_JWT_SECRET: '',
    NEXT_PUBLIC_SUPABASE_URL: '',
    NEXT_PUBLIC_SUPABASE_ANON_KEY: '',
    ...GENEROUS_RATE_LIMITS,
    ...overrides,
  };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined && value !== '')) as NodeJS.ProcessEnv;
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function staticChunkPath(): string {
  const dir = path.join(ROOT, HTTP_DIST_DIR, 'static/chunks');
  const chunk = readdirSync(dir).find((file) => file.endsWith('.js'));
  if (!chunk) throw new Error(`no static chunk in ${dir}: run buildProductionApp() first`);
  return `/_next/static/chunks/${chunk}`;
}

async function waitUntilReady(baseUrl: string, probePath: string, exited: Promise<number | null>, timeoutMs = 90_000): Promise<void> {
  let stoppedWith: number | null | undefined;
  void exited.then((code) => (stoppedWith = code));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stoppedWith !== undefined) throw new Error(`the server exited with code ${stoppedWith}`);
    try {
      const response = await fetch(baseUrl + probePath, { signal: AbortSignal.timeout(2_000) });
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${baseUrl}${probePath} within ${timeoutMs / 1000} s`);
}
