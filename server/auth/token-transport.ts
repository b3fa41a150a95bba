// How an access token reaches the server: an `Authorization: Bearer` header (API clients, scripts), the
// `sb-access-token` cookie this app sets, or the session cookie Supabase's own browser/SSR clients set
// (`sb-<project ref>-auth-token`, possibly split into `.0`, `.1`… chunks). Pages and procedures read it
// the same way.

export const ACCESS_TOKEN_COOKIE = 'sb-access-token';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The bearer token if the request has one, else the access-token cookie, else Supabase's session cookie. */
export function accessTokenFromHeaders(headers: Pick<Headers, 'get'>): string | null {
  const authorization = headers.get('authorization');
  if (authorization) {
    const match = BEARER.exec(authorization);
    if (match?.[1]) return match[1];
  }
  const cookies = parseCookies(headers.get('cookie'));
  return cookies.get(ACCESS_TOKEN_COOKIE) || accessTokenFromSupabaseSessionCookie(cookies);
}

const SUPABASE_SESSION_COOKIE = /^sb-[a-z0-9]+-auth-token(?:\.(\d+))?$/;

/** The access token inside the session cookie @supabase/ssr writes (JSON, optionally `base64-`-encoded). */
function accessTokenFromSupabaseSessionCookie(cookies: Map<string, string>): string | null {
  const chunks: [number, string][] = [];
  for (const [name, value] of cookies) {
    const match = SUPABASE_SESSION_COOKIE.exec(name);
    if (match) chunks.push([match[1] === undefined ? -1 : Number(match[1]), value]);
  }
  if (chunks.length === 0) return null;
  let text = chunks
    .sort((a, b) => a[0] - b[0])
    .map(([, value]) => value)
    .join('');
  try {
    if (text.startsWith('base64-')) text = Buffer.from(text.slice('base64-'.length), 'base64url').toString('utf8');
    const session: unknown = JSON.parse(text);
    const token = Array.isArray(session) ? session[0] : (session as { access_token?: unknown } | null)?.access_token;
    return typeof token === 'string' && token ? token : null;
  } catch {
    return null;
  }
}

function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header?.split(';') ?? []) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const value = part.slice(separator + 1).trim();
    try {
      if (value) cookies.set(part.slice(0, separator).trim(), decodeURIComponent(value));
    } catch {
      // A malformed cookie of some other site or tool is not ours to fail on.
    }
  }
  return cookies;
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
