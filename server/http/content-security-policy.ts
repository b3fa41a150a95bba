// The pages' Content-Security-Policy. proxy.ts builds one per request, because the nonce that lets
// Next's own inline scripts run must be unguessable and never reused. The headers that do not change
// per request (nosniff, referrer, permissions, framing) live in next.config.mjs `headers()`, which also
// covers the API routes.

export interface ContentSecurityPolicyOptions {
  nonce: string;
  /** `next dev`: React's dev tooling needs eval, and dev CSS arrives as un-nonced <style> tags. */
  development: boolean;
  /** Origins the browser itself talks to besides this app (the Supabase project, for signing in). */
  connectOrigins: readonly string[];
}

export function contentSecurityPolicy({ nonce, development, connectOrigins }: ContentSecurityPolicyOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // 'strict-dynamic': the nonced bootstrap script may load the route chunks it needs; a host
    // allow-list (and 'self') is then ignored by browsers that understand it, so injected markup
    // cannot load a script from the app's own origin either.
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Production CSS is stylesheet files from /_next/static, and the app sets no style attributes; the
    // nonce covers any <style> Next inlines. With a nonce present browsers ignore 'unsafe-inline', so
    // dev mode (styles injected by hot reload, without a nonce) leaves the nonce out.
    ['style-src', "'self'", development ? "'unsafe-inline'" : `'nonce-${nonce}'`],
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...connectOrigins],
    ['frame-ancestors', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['object-src', "'none'"],
  ];
  return directives.map((directive) => directive.join(' ')).join('; ');
}

/**
 * The Supabase project's origin, which the sign-in form calls from the browser. Both variable names
 * are read because the server takes either (SUPABASE_URL for the server, NEXT_PUBLIC_ for a client
 * build); a value that is not an http(s) URL is left out rather than written into the policy.
 */
export function supabaseConnectOrigins(env: Readonly<Record<string, string | undefined>> = process.env): string[] {
  const origins = new Set<string>();
  for (const value of [env.NEXT_PUBLIC_SUPABASE_URL, env.SUPABASE_URL]) {
    if (!value) continue;
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      continue;
    }
    if (url.protocol === 'https:' || url.protocol === 'http:') origins.add(url.origin);
  }
  return [...origins];
}

/** 128 random bits, base64: the CSP nonce of one response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}
