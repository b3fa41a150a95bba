/**
 * The page a signed-out visitor asked for, carried through sign-in as `?next=<path>` so they land where
 * they meant to go. Only a path on this site is ever followed: anything that could leave the origin
 * (`https://…`, `//evil.example`, `/\evil.example`, a `javascript:` URL) is dropped, so the parameter
 * cannot be used as an open redirect.
 */

/** The query parameter on /sign-in and the form field the sign-in routes read. */
export const NEXT_PARAM = 'next';

/** The request header proxy.ts sets on every page request: its path and query, for the sign-in redirect. */
export const REQUEST_PATH_HEADER = 'x-kairo-path';

const MAX_NEXT_LENGTH = 2_048;
// Any origin works as the base: a relative path resolves against it and keeps it, an absolute URL does not.
const PROBE_ORIGIN = 'https://kairo.invalid';

/** `raw` when it is a same-origin relative path (path, query and hash kept), else null. */
export function safeNextPath(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_NEXT_LENGTH) return null;
  // A single leading slash only: `//host` and `/\host` are protocol-relative to browsers.
  if (!raw.startsWith('/') || raw.startsWith('//')) return null;
  // Browsers read a backslash as a slash and drop tabs and newlines inside URLs.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\\\u0000-\u001f\u007f]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PROBE_ORIGIN) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Back to the sign-in page after signing in would be a loop.
  if (url.pathname === '/sign-in') return null;
  return path;
}

/** The sign-in page, returning to `path` afterwards when it is safe to follow. */
export function signInHref(path: string | null | undefined): string {
  const next = safeNextPath(path);
  return next && next !== '/' ? `/sign-in?${NEXT_PARAM}=${encodeURIComponent(next)}` : '/sign-in';
}
