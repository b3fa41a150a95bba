// Which limits exist, what they allow by default, and how an operator changes them. Defaults are
// generous for a person and tight for a script: a person builds a few packages an hour, a script
// builds hundreds; each model call costs money, each secret check is a guess.

export interface Allowance {
  /** Attempts allowed (or failures, for the guess limits) per window. */
  points: number;
  /** The window in seconds; it starts with the first attempt. */
  seconds: number;
}

interface LimitDefinition extends Allowance {
  /** The environment variable that overrides the default, as `<points>/<seconds>`. */
  env: string;
  /** Plural noun for the refusal message: "Too many <what>: try again in 42 s". */
  what: string;
}

export const LIMITS = {
  // Per signed-in user: procedures that call a model.
  packageBuilds: { env: 'KAIRO_RATE_LIMIT_PACKAGE_BUILDS', what: 'package builds', points: 10, seconds: 600 },
  regenerations: { env: 'KAIRO_RATE_LIMIT_REGENERATIONS', what: 'draft regenerations', points: 20, seconds: 600 },
  summaries: { env: 'KAIRO_RATE_LIMIT_SUMMARIES', what: 'summaries', points: 30, seconds: 600 },
  strategyDrafts: { env: 'KAIRO_RATE_LIMIT_STRATEGY_DRAFTS', what: 'strategy drafts', points: 10, seconds: 600 },
  // One run proposes up to twenty ideas; a person asks a few times a day, not every minute.
  generations: { env: 'KAIRO_RATE_LIMIT_GENERATIONS', what: 'idea generations', points: 10, seconds: 3600 },
  // Per signed-in user: each "Fetch now" makes the server call out to another site.
  sourceFetches: { env: 'KAIRO_RATE_LIMIT_SOURCE_FETCHES', what: 'feed fetches', points: 30, seconds: 600 },
  // Per signed-in user: each workspace is a new tenant; a person makes one or two, a script thousands.
  workspaceCreations: { env: 'KAIRO_RATE_LIMIT_WORKSPACE_CREATIONS', what: 'new workspaces', points: 10, seconds: 3600 },
  // Per client IP: every sign-in attempt (session and demo), failed ingest keys, failed cron secrets.
  signIns: { env: 'KAIRO_RATE_LIMIT_SIGN_INS', what: 'sign-in attempts', points: 10, seconds: 60 },
  ingestKeyGuesses: { env: 'KAIRO_RATE_LIMIT_INGEST_KEY_GUESSES', what: 'requests with an invalid ingest key', points: 20, seconds: 600 },
  cronSecretGuesses: {
    env: 'KAIRO_RATE_LIMIT_CRON_SECRET_GUESSES',
    what: 'requests with an invalid cron secret',
    points: 10,
    seconds: 600,
  },
  // Per ingest key: batches it sends.
  ingestBatches: { env: 'KAIRO_RATE_LIMIT_INGEST_BATCHES', what: 'ingest batches', points: 600, seconds: 60 },
} as const satisfies Record<string, LimitDefinition>;

export type LimitName = keyof typeof LIMITS;
export const LIMIT_NAMES = Object.keys(LIMITS) as LimitName[];

export type RateLimitConfig = Record<LimitName, Allowance>;

export const DEFAULT_RATE_LIMITS: RateLimitConfig = Object.fromEntries(
  LIMIT_NAMES.map((name) => [name, { points: LIMITS[name].points, seconds: LIMITS[name].seconds }]),
) as RateLimitConfig;

const ALLOWANCE = /^\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*$/;

/** `"10/600"` → 10 per 600 s. Both numbers are whole and positive; anything else names the variable. */
export function parseAllowance(text: string, variable: string): Allowance {
  const match = ALLOWANCE.exec(text);
  const points = Number(match?.[1]);
  const seconds = Number(match?.[2]);
  if (!match || points < 1 || seconds < 1) {
    throw new Error(`${variable}="${text}" is not a rate limit: write <attempts>/<seconds>, e.g. "10/600" for 10 per 10 minutes`);
  }
  return { points, seconds };
}

/** The defaults, with each limit whose variable is set (and not blank) replaced by its value. */
export function rateLimitConfigFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): RateLimitConfig {
  const config = { ...DEFAULT_RATE_LIMITS };
  for (const name of LIMIT_NAMES) {
    const value = env[LIMITS[name].env];
    if (value?.trim()) config[name] = parseAllowance(value, LIMITS[name].env);
  }
  return config;
}
