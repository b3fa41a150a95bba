export interface RouteRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | FormData | URLSearchParams;
}

export interface RouteResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON. */
  json?: unknown;
}

/** One request to a route handler, redirects not followed (a sign-in's 303 is the answer). */
export async function sendRequest(baseUrl: string, request: RouteRequest): Promise<RouteResponse> {
  const response = await fetch(baseUrl + request.path, {
    method: request.method,
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(60_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
