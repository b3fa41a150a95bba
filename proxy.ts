import { type NextRequest, NextResponse } from 'next/server';
import { REFRESH_TOKEN_COOKIE, REFRESH_TOKEN_LIFETIME_DAYS, refreshSupabaseSession, supabaseClientConfigFromEnv } from './server/auth/session-refresh';
import { ACCESS_TOKEN_COOKIE, accessTokenCookieOptions } from './server/auth/token-transport';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps a Supabase session alive: the access-token cookie expires with its token (an hour on
 * Supabase), and when a request arrives without it but with the refresh-token cookie, the session is
 * refreshed here, before the page or procedure reads the token. The matcher below makes this run only
 * for such requests, so a signed-in request pays nothing.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const config = supabaseClientConfigFromEnv();
  const refreshToken = request.cookies.get(REFRESH_TOKEN_COOKIE)?.value;
  if (!config || !refreshToken) return NextResponse.next();

  let session;
  try {
    session = await refreshSupabaseSession(config, refreshToken);
  } catch (error) {
    console.error('Supabase session refresh failed:', error);
    return NextResponse.next();
  }
  if (!session) {
    const response = NextResponse.next();
    response.cookies.delete({ name: REFRESH_TOKEN_COOKIE, path: '/' });
    return response;
  }

  // The page rendering this request must see the new token too, not only the next request.
  request.cookies.set(ACCESS_TOKEN_COOKIE, session.accessToken);
  const response = NextResponse.next({ request: { headers: request.headers } });
  response.cookies.set(ACCESS_TOKEN_COOKIE, session.accessToken, accessTokenCookieOptions(session.expiresAt, request.url));
  response.cookies.set(
    REFRESH_TOKEN_COOKIE,
    session.refreshToken,
    accessTokenCookieOptions(new Date(Date.now() + REFRESH_TOKEN_LIFETIME_DAYS * DAY_MS), request.url),
  );
  return response;
}

// Next reads the matcher at build time, so it takes literals: REFRESH_TOKEN_COOKIE, ACCESS_TOKEN_COOKIE.
export const config = {
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico|api/auth).*)',
      has: [{ type: 'cookie', key: 'sb-refresh-token' }],
      missing: [{ type: 'cookie', key: 'sb-access-token' }],
    },
  ],
};
