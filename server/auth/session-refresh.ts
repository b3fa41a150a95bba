import { z } from 'zod';
import type { SupabaseClientConfig } from './auth-setup';

/** Where the Supabase refresh token is kept: http-only, sent only to the app itself. */
export const REFRESH_TOKEN_COOKIE = 'sb-refresh-token';

/**
 * Supabase refresh tokens do not expire by time, but they are single-use and rotate on every refresh;
 * a browser idle for longer than this signs in again.
 */
export const REFRESH_TOKEN_LIFETIME_DAYS = 30;

export interface RefreshedSession {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.number().positive(),
  expires_at: z.number().positive().optional(),
});

/** Supabase Auth's client settings from the environment; null in demo mode. */
export function supabaseClientConfigFromEnv(env: NodeJS.ProcessEnv = process.env): SupabaseClientConfig | null {
  const anonKey = env.NEXT_PUBLIC_SUPABASE_ANON_KEY || env.SUPABASE_ANON_KEY;
  return env.SUPABASE_URL && anonKey ? { url: env.SUPABASE_URL, anonKey } : null;
}

/**
 * Trades a refresh token for a new session at Supabase Auth (`grant_type=refresh_token`). Null when
 * Supabase refuses it (revoked, already used): the person has to sign in again. A network failure
 * throws, so a flaky connection does not sign anyone out.
 */
export async function refreshSupabaseSession(
  config: SupabaseClientConfig,
  refreshToken: string,
  fetchImpl: typeof fetch = fetch,
): Promise<RefreshedSession | null> {
  const response = await fetchImpl(new URL('/auth/v1/token?grant_type=refresh_token', config.url), {
    method: 'POST',
    headers: { apikey: config.anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ refresh_token: refreshToken }),
  });
  if (response.status >= 400 && response.status < 500) return null;
  if (!response.ok) throw new Error(`Supabase Auth answered ${response.status} to a token refresh`);
  const session = TokenResponse.parse(await response.json());
  const expiresAt = session.expires_at ? new Date(session.expires_at * 1000) : new Date(Date.now() + session.expires_in * 1000);
  return { accessToken: session.access_token, refreshToken: session.refresh_token, expiresAt };
}
