import { NextResponse } from 'next/server';
import { z } from 'zod';
import { errorCode } from '@/engines/errors';
import { DAY_MS } from '@/lib/dates';
import { REFRESH_TOKEN_COOKIE, REFRESH_TOKEN_LIFETIME_DAYS } from '@/server/auth/session-refresh';
import { ACCESS_TOKEN_COOKIE, accessTokenCookieOptions } from '@/server/auth/token-transport';
import { answeringErrors } from '@/server/http/errors';
import { declaresJson, sentFromSameOrigin } from '@/server/http/same-origin';
import { getSystemContext } from '@/server/orchestrator/context';
import { clientIp } from '@/server/rate-limit/client-ip';

const Body = z.object({ accessToken: z.string().min(1).max(8_192), refreshToken: z.string().min(1).max(1_024).optional() });

/**
 * After a Supabase sign-in in the browser: the access token is checked by the server's verifier and
 * kept in an http-only cookie, which pages and procedures then read; the refresh token goes into
 * another, from which proxy.ts renews the session when the access token expires.
 */
export const POST = answeringErrors('session', async (request) => {
  // Login CSRF: a cross-site form could otherwise sign the visitor into the attacker's account.
  if (!declaresJson(request.headers)) {
    return NextResponse.json({ error: 'The body must be JSON, sent with Content-Type: application/json' }, { status: 415 });
  }
  if (!sentFromSameOrigin(request)) {
    return NextResponse.json(
      { error: "Sessions are accepted only from Kairo's own pages (the Origin header must be this site)" },
      { status: 403 },
    );
  }
  const body = Body.safeParse(await request.json().catch(() => null));
  if (!body.success) return NextResponse.json({ error: 'accessToken is required' }, { status: 400 });
  const system = await getSystemContext();
  await system.limits.consume('signIns', clientIp(request.headers));
  let expiresAt: Date;
  try {
    ({ expiresAt } = await system.auth.verify(body.data.accessToken));
  } catch (error) {
    if (errorCode(error) === 'invalid_token') return NextResponse.json({ error: 'The access token is not valid' }, { status: 401 });
    throw error;
  }
  const response = new NextResponse(null, { status: 204 });
  response.cookies.set(ACCESS_TOKEN_COOKIE, body.data.accessToken, accessTokenCookieOptions(expiresAt, request.url));
  if (body.data.refreshToken) {
    const refreshExpires = new Date(Date.now() + REFRESH_TOKEN_LIFETIME_DAYS * DAY_MS);
    response.cookies.set(REFRESH_TOKEN_COOKIE, body.data.refreshToken, accessTokenCookieOptions(refreshExpires, request.url));
  }
  return response;
});
