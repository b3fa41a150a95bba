// How an access token reaches the server: the cookie Supabase's auth helpers name `sb-access-token`,
// or an `Authorization: Bearer` header (API clients, scripts). Pages and procedures read it the same way.

export const ACCESS_TOKEN_COOKIE = 'sb-access-token';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The bearer token if the request has one, else the access-token cookie, else null. */
export function accessTokenFromHeaders(headers: Pick<Headers, 'get'>): string | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = BEARER.exec(authorization);
    if (match?.[1]) return match[1];
  }
  return readCookie(headers.get('cookie'), ACCESS_TOKEN_COOKIE);
}

function readCookie(header: string | null, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    if (!value) return null;
    try {
      return decodeURIComponent(value);
    } catch {
      return null;
    }
  }
  return null;
}

export interface AccessTokenCookieOptions {
  httpOnly: true;
  sameSite: 'lax';
  path: '/';
  secure: boolean;
  expires: Date;
}

/**
 * The cookie lives as long as the token, is out of reach of page scripts, and is sent on top-level
 * navigations (lax) so a link into the app arrives signed in. `secure` follows the request's scheme
 * so a local `next start` over http still works.
 */
export function accessTokenCookieOptions(expiresAt: Date, requestUrl: string): AccessTokenCookieOptions {
  return {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: new URL(requestUrl).protocol === 'https:',
    expires: expiresAt,
  };
}
