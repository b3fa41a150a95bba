import { NextResponse } from 'next/server';
import { REFRESH_TOKEN_COOKIE } from '@/server/auth/session-refresh';
import { ACCESS_TOKEN_COOKIE } from '@/server/auth/token-transport';

/** Clears the session cookies and goes back to the sign-in page. */
export function POST(): Response {
  const response = new NextResponse(null, { status: 303, headers: { Location: '/sign-in' } });
  response.cookies.delete({ name: ACCESS_TOKEN_COOKIE, path: '/' });
  response.cookies.delete({ name: REFRESH_TOKEN_COOKIE, path: '/' });
  return response;
}
