import { createRemoteJWKSet } from 'jose';
import { loadDemoSecret } from './demo-secret';
import { createTokenVerifier, type TokenVerifier, type VerificationKeys } from './verifier';

export type AuthMode = 'supabase' | 'demo';

/** What the browser needs to sign in through Supabase Auth (both values are public). */
export interface SupabaseClientConfig {
  url: string;
  anonKey: string;
}

/** How this process authenticates requests: built once, at start-up, from the environment. */
export interface AuthSetup {
  mode: AuthMode;
  verify: TokenVerifier;
  /** The key demo tokens are signed with; null whenever the demo sign-in is not allowed. */
  demoSigningKey: Uint8Array | null;
  /** Supabase mode with a URL and an anon key: the sign-in page signs in through Supabase. */
  supabaseClient: SupabaseClientConfig | null;
}

export interface AuthSetupOptions {
  /** Where a generated demo secret is kept (default `.data`, git-ignored). */
  dataDir?: string;
}

/** Supabase counts as configured once either its URL or its JWT secret is set. */
export function supabaseConfigured(env: NodeJS.ProcessEnv): boolean {
  return !!(env.SUPABASE_URL || env.SUPABASE_JWT_SECRET);
}

/**
 * The demo sign-in hands out tokens to anyone who clicks, so a production build refuses it.
 * KAIRO_ALLOW_DEMO_IN_PRODUCTION=1 lifts that for a local `next start` of the demo (the end-to-end
 * tests); a deployment never sets it.
 */
export function demoSignInAllowed(env: NodeJS.ProcessEnv): boolean {
  if (supabaseConfigured(env)) return false;
  return env.NODE_ENV !== 'production' || env.KAIRO_ALLOW_DEMO_IN_PRODUCTION === '1';
}

export function createAuthSetup(
  mode: AuthMode,
  keys: VerificationKeys,
  extra: { demoSigningKey?: Uint8Array | null; supabaseClient?: SupabaseClientConfig | null } = {},
): AuthSetup {
  return {
    mode,
    verify: createTokenVerifier(keys),
    demoSigningKey: extra.demoSigningKey ?? null,
    supabaseClient: extra.supabaseClient ?? null,
  };
}

/**
 * Supabase mode: HS256 tokens verify with SUPABASE_JWT_SECRET and asymmetric ones with the project's
 * JWKS (fetched lazily and cached by jose). Demo mode: only tokens signed with the demo secret, and
 * none at all where the demo sign-in is refused, since nothing legitimate could have issued one.
 */
export async function loadAuthSetup(env: NodeJS.ProcessEnv = process.env, options: AuthSetupOptions = {}): Promise<AuthSetup> {
  if (supabaseConfigured(env)) {
    const url = env.SUPABASE_URL;
    const anonKey = env.NEXT_PUBLIC_SUPABASE_ANON_KEY || env.SUPABASE_ANON_KEY;
    return createAuthSetup(
      'supabase',
      {
        hs256Secret: env.SUPABASE_JWT_SECRET ? new TextEncoder().encode(env.SUPABASE_JWT_SECRET) : undefined,
        jwks: url ? createRemoteJWKSet(new URL('/auth/v1/.well-known/jwks.json', url)) : undefined,
      },
      { supabaseClient: url && anonKey ? { url: env.NEXT_PUBLIC_SUPABASE_URL || url, anonKey } : null },
    );
  }
  if (!demoSignInAllowed(env)) return createAuthSetup('demo', {});
  const demoSigningKey = await loadDemoSecret(env.KAIRO_DEMO_JWT_SECRET, options.dataDir ?? '.data');
  return createAuthSetup('demo', { hs256Secret: demoSigningKey }, { demoSigningKey });
}
