import superjson from 'superjson';

export type ProcedureKind = 'query' | 'mutation';

export interface TrpcCallOptions {
  /** Sent as `Authorization: Bearer`; omit for an anonymous call. */
  token?: string;
  /** The whole request body or `input` parameter as sent, bypassing superjson (for malformed input). */
  rawInput?: string;
  /** The query string as sent, unencoded (for malformed percent-encoding). */
  rawQuery?: string;
  /** Another method than the procedure's kind calls for. */
  method?: 'GET' | 'POST';
  /** Another body type than JSON. */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface TrpcError {
  message: string;
  code: string;
  httpStatus: number;
}

export interface TrpcHttpResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: unknown;
  /** The procedure's result, superjson-deserialized, when it succeeded. */
  data?: unknown;
  /** The tRPC error shape, superjson-deserialized, when it failed with one. */
  error?: TrpcError;
}

/**
 * One procedure call the way the app's browser client makes it without batching: a query is
 * `GET /api/trpc/<path>?input=<superjson JSON>`, a mutation a `POST` of the same JSON.
 */
export async function callProcedure(
  baseUrl: string,
  procedurePath: string,
  kind: ProcedureKind,
  input: unknown,
  options: TrpcCallOptions = {},
): Promise<TrpcHttpResponse> {
  const encoded = options.rawInput ?? (input === undefined ? undefined : JSON.stringify(superjson.serialize(input)));
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let url = `${baseUrl}/api/trpc/${procedurePath}`;
  let init: RequestInit;
  if ((options.method ?? (kind === 'query' ? 'GET' : 'POST')) === 'GET') {
    if (options.rawQuery !== undefined) url += `?${options.rawQuery}`;
    else if (encoded !== undefined) url += `?input=${encodeURIComponent(encoded)}`;
    init = { method: 'GET', headers };
  } else {
    init = { method: 'POST', headers: { 'content-type': options.contentType ?? 'application/json', ...headers }, body: encoded ?? '' };
  }
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: kept as text so the assertion shows what came back.
  }
  return { status: response.status, headers: response.headers, body, ...unpack(body) };
}

function unpack(body: unknown): Pick<TrpcHttpResponse, 'data' | 'error'> {
  if (!body || typeof body !== 'object') return {};
  const envelope = body as { result?: { data?: unknown }; error?: unknown };
  if (envelope.error !== undefined) {
    const shape = deserialize(envelope.error) as {
      message?: unknown;
      code?: unknown;
      data?: { code?: unknown; httpStatus?: unknown };
    } | null;
    return {
      error: {
        message: typeof shape?.message === 'string' ? shape.message : '',
        code: typeof shape?.data?.code === 'string' ? shape.data.code : String(shape?.code ?? ''),
        httpStatus: typeof shape?.data?.httpStatus === 'number' ? shape.data.httpStatus : 0,
      },
    };
  }
  if (envelope.result && 'data' in envelope.result) return { data: deserialize(envelope.result.data) };
  return {};
}

function deserialize(value: unknown): unknown {
  if (value && typeof value === 'object' && 'json' in value) {
    return superjson.deserialize(value as Parameters<typeof superjson.deserialize>[0]);
  }
  return value;
}
