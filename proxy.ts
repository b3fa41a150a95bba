import { type NextRequest, NextResponse } from 'next/server';
import { REQUEST_PATH_HEADER } from './lib/next-path';
import { renewSessionIfDue, writeSessionCookies } from './server/auth/session-refresh';
import { contentSecurityPolicy, createNonce, supabaseConnectOrigins } from './server/http/content-security-policy';
import { REQUEST_ID_HEADER, requestIdFrom, withRequestId } from './server/logging/logger';

/**
 * Runs before every page (and before API routes whose session needs renewing):
 * - names the request (x-request-id, kept when a proxy in front gave a plain one), so its log lines and
 *   the page's or route's share one id;
 * - renews an expired Supabase session from the refresh-token cookie (server/auth/session-refresh.ts);
 * - gives each page response its own CSP nonce. Next reads the policy from the request headers while
 *   rendering and puts the nonce on its own scripts; the browser reads it from the response;
 * - tells the page which path was asked for (REQUEST_PATH_HEADER, always overwritten here so a client
 *   cannot supply it), so a signed-out visitor is sent to /sign-in?next=<that path> (server/auth/sign-in-redirect.ts).
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const requestId = requestIdFrom(request.headers);
  const renewal = await withRequestId(requestId, () => renewSessionIfDue(request));
  // Read after the renewal: it may have put a new access-token cookie on the request.
  const requestHeaders = new Headers(request.headers);
  // The page or route handler logs under the same id as this proxy did.
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const policy = isPage(request) ? pagePolicy() : null;
  if (policy) {
    requestHeaders.set('content-security-policy', policy.header);
    requestHeaders.set('x-nonce', policy.nonce);
    requestHeaders.set(REQUEST_PATH_HEADER, requestedPath(request));
  }
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  if (policy) response.headers.set('content-security-policy', policy.header);
  writeSessionCookies(response, renewal, request.url);
  return response;
}

// API routes answer JSON, not documents: next.config.mjs gives them nosniff and the other fixed headers.
const isPage = (request: NextRequest) => !request.nextUrl.pathname.startsWith('/api/');

/** The page's path and query as the person asked for it: without `_rsc`, Next's marker on its own navigation fetches. */
function requestedPath(request: NextRequest): string {
  const params = new URLSearchParams(request.nextUrl.search);
  params.delete('_rsc');
  const query = params.toString();
  return query ? `${request.nextUrl.pathname}?${query}` : request.nextUrl.pathname;
}

function pagePolicy(): { nonce: string; header: string } {
  const nonce = createNonce();
  const header = contentSecurityPolicy({
    nonce,
    development: process.env.NODE_ENV === 'development',
    connectOrigins: supabaseConnectOrigins(),
  });
  return { nonce, header };
}

// Next reads the matcher at build time, so it takes literals: the cookies are REFRESH_TOKEN_COOKIE and
// ACCESS_TOKEN_COOKIE. Static files need neither a nonce nor a session.
export const config = {
  matcher: [
    '/((?!api/|_next/static|_next/image|favicon.ico).*)',
    // API routes only when the session is due for renewal; the auth routes set the cookies themselves.
    {
      source: '/api/((?!auth/).*)',
      has: [{ type: 'cookie', key: 'sb-refresh-token' }],
      missing: [{ type: 'cookie', key: 'sb-access-token' }],
    },
  ],
};
