// Checks for routes a browser page of Kairo calls with fetch and another site must not: a cross-site
// <form> can post text/plain or form bodies but never JSON, and its requests carry the other site's
// Origin (browsers send Origin on every POST and do not let a page forge it).

/** Whether the body is declared as JSON (`application/json`, with or without parameters such as charset). */
export function declaresJson(headers: Pick<Headers, 'get'>): boolean {
  const mediaType = headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json';
}

/**
 * The origin the browser addressed. Behind a proxy (Vercel, a load balancer) the server sees its own
 * host; the proxy passes the public one in X-Forwarded-Host / X-Forwarded-Proto (the first entry when
 * proxies chain). Trusting them is safe here: a cross-site page cannot set either header on a request
 * that reaches this route (custom headers need a CORS preflight, which Kairo never grants).
 */
export function requestOrigin(request: Request): string | null {
  const url = new URL(request.url);
  const host = firstEntry(request.headers.get('x-forwarded-host')) ?? request.headers.get('host') ?? url.host;
  const proto = firstEntry(request.headers.get('x-forwarded-proto')) ?? url.protocol.replace(/:$/, '');
  try {
    return new URL(`${proto}://${host}`).origin;
  } catch {
    return null;
  }
}

/** Whether the request's Origin header names this site. A missing or opaque (`null`) Origin is not. */
export function sentFromSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin');
  if (!origin || origin === 'null') return false;
  let claimed: string;
  try {
    claimed = new URL(origin).origin;
  } catch {
    return false;
  }
  return claimed === requestOrigin(request);
}

function firstEntry(header: string | null): string | null {
  return header?.split(',')[0]?.trim() || null;
}
