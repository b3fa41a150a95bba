import type { NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import { DAY_MS } from '../../lib/dates';
import { logger } from '../logging/logger';
import type { SupabaseClientConfig } from './auth-setup';
import { ACCESS_TOKEN_COOKIE, accessTokenCookieOptions } from './token-transport';

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
 * throws, so a flaky connection does not sign anyone out. Not supabase-js's `refreshSession`: it
 * retries every 5xx and network failure with back-off for about 25 seconds (made for the browser's
 * background refresh), which here would hold up every page during an outage of Supabase Auth.
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

/** What the proxy did about one request's session, for the cookies of its response. */
export type SessionRenewal = { kind: 'not-due' } | { kind: 'refused' } | { kind: 'renewed'; session: RefreshedSession };

/**
 * Keeps a Supabase session alive: the access-token cookie expires with its token (an hour on
 * Supabase), and a request that arrives without it but with the refresh-token cookie has its session
 * refreshed here, before the page or procedure reads the token. Every other request pays nothing: no
 * call to Supabase. A network failure leaves the cookies alone, so a flaky connection signs nobody out.
 */
export async function renewSessionIfDue(request: NextRequest, env: NodeJS.ProcessEnv = process.env): Promise<SessionRenewal> {
  // Next's cookie matchers count an empty cookie as missing; so does this.
  const refreshToken = request.cookies.get(REFRESH_TOKEN_COOKIE)?.value;
  if (!refreshToken || request.cookies.get(ACCESS_TOKEN_COOKIE)?.value) return { kind: 'not-due' };
  const config = supabaseClientConfigFromEnv(env);
  if (!config) return { kind: 'not-due' };

  let session: RefreshedSession | null;
  try {
    session = await refreshSupabaseSession(config, refreshToken);
  } catch (error) {
    logger.error({ err: error }, 'Supabase session refresh failed');
    return { kind: 'not-due' };
  }
  if (!session) return { kind: 'refused' };
  // The page rendering this request must see the new token too, not only the next request.
  request.cookies.set(ACCESS_TOKEN_COOKIE, session.accessToken);
  return { kind: 'renewed', session };
}

/** Hands the outcome of `renewSessionIfDue` to the browser: the new cookies, or the dead refresh token removed. */
export function writeSessionCookies(response: NextResponse, renewal: SessionRenewal, requestUrl: string): void {
  if (renewal.kind === 'refused') {
    response.cookies.delete({ name: REFRESH_TOKEN_COOKIE, path: '/' });
  } else if (renewal.kind === 'renewed') {
    const { session } = renewal;
    response.cookies.set(ACCESS_TOKEN_COOKIE, session.accessToken, accessTokenCookieOptions(session.expiresAt, requestUrl));
    response.cookies.set(
      REFRESH_TOKEN_COOKIE,
      session.refreshToken,
      accessTokenCookieOptions(new Date(Date.now() + REFRESH_TOKEN_LIFETIME_DAYS * DAY_MS), requestUrl),
    );
  }
}
