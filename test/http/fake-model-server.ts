import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OFFLINE_WRITERS } from '../../server/orchestrator/llm/nodes';
import { CONTEXT_CLOSE, CONTEXT_OPEN } from '../../server/orchestrator/llm/offline-model';

// A local OpenAI-compatible chat-completions server for tests: the real @ai-sdk/openai provider (or a
// production build with OPENAI_BASE_URL pointed here) talks to it over loopback. By default it answers
// each structured-output request with what the app's own offline writer of that schema name writes
// from the request's context block, so the shapes are never described twice; a test scripts other
// behaviour per call.

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string | { type: string; text?: string }[] }[];
  response_format?: { type: string; json_schema?: { name?: string; schema?: unknown } };
}

/** One request as the server saw it: the node (the structured output's name) and the node's context. */
export interface ModelCall {
  schemaName: string;
  context: Record<string, unknown>;
  request: ChatRequest;
}

export type ModelBehaviour =
  /** A valid answer, as the offline writer of the schema writes it. */
  | { kind: 'answer' }
  /** A valid answer after `ms` (a slow model; the caller may still time out first). */
  | { kind: 'delay'; ms: number }
  /** An OpenAI-style error body with this status (429, 500, …). */
  | { kind: 'status'; status: number }
  /** Never answers; the request stays open until the caller gives up or the server closes. */
  | { kind: 'stall' }
  /**
   * A 200 that is no usable answer: `prose` is message content that is not JSON, `off-schema` is JSON
   * the schema refuses, `broken-body` is an HTTP body that is not JSON at all.
   */
  | { kind: 'garbage'; what: 'prose' | 'off-schema' | 'broken-body' };

export type ModelScript = (call: ModelCall) => ModelBehaviour;

export interface FakeModelServer {
  /** The OpenAI base URL, ending in /v1 (OPENAI_BASE_URL). */
  readonly baseUrl: string;
  /** Every request received, in order. */
  readonly calls: ModelCall[];
  /** How the following calls are answered; `answer` for every call until a test says otherwise. */
  script(script: ModelScript): void;
  /** Back to answering every call, with the call log cleared. */
  reset(): void;
  /** The first call (already received or still to come) that matches, e.g. to act while it is stalled. */
  nextCall(matches: (call: ModelCall) => boolean): Promise<ModelCall>;
  close(): Promise<void>;
}

const answerAll: ModelScript = () => ({ kind: 'answer' });

export async function startFakeModelServer(): Promise<FakeModelServer> {
  let script = answerAll;
  const calls: ModelCall[] = [];
  const waiters: { matches: (call: ModelCall) => boolean; resolve: (call: ModelCall) => void }[] = [];
  const open = new Set<ServerResponse>();

  const record = (call: ModelCall) => {
    calls.push(call);
    for (const waiter of [...waiters]) {
      if (waiter.matches(call)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(call);
      }
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return sendError(res, 404, 'only POST /v1/chat/completions is served');
    const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
    const call: ModelCall = { schemaName: request.response_format?.json_schema?.name ?? '', context: contextOf(request), request };
    record(call);
    const behaviour = script(call);
    switch (behaviour.kind) {
      case 'answer':
        return sendAnswer(res, call, calls.length);
      case 'delay': {
        open.add(res);
        const timer = setTimeout(() => {
          open.delete(res);
          if (!res.destroyed) sendAnswer(res, call, calls.length);
        }, behaviour.ms);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'status':
        return sendError(res, behaviour.status, `scripted ${behaviour.status}`);
      case 'stall':
        open.add(res);
        res.on('close', () => open.delete(res));
        return;
      case 'garbage':
        if (behaviour.what === 'broken-body') {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end('{"id": "chatcmpl-broken", "choices": [');
          return;
        }
        return sendCompletion(
          res,
          call,
          calls.length,
          behaviour.what === 'prose' ? 'Sure! Here is a great draft for you.' : JSON.stringify({ answer: 'n/a' }),
        );
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 400, `the fake model server could not read the request: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    calls,
    script(next) {
      script = next;
    },
    reset() {
      script = answerAll;
      calls.length = 0;
    },
    nextCall(matches) {
      const seen = calls.find(matches);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ matches, resolve }));
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function contextOf(request: ChatRequest): Record<string, unknown> {
  const text = request.messages
    .map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => p.text ?? '').join('')))
    .join('\n');
  const start = text.lastIndexOf(CONTEXT_OPEN);
  const end = text.lastIndexOf(CONTEXT_CLOSE);
  return start < 0 || end < start ? {} : (JSON.parse(text.slice(start + CONTEXT_OPEN.length, end)) as Record<string, unknown>);
}

function sendAnswer(res: ServerResponse, call: ModelCall, n: number): void {
  const writer = OFFLINE_WRITERS.get(call.schemaName);
  if (writer) sendCompletion(res, call, n, JSON.stringify(writer(call.context)));
  else sendError(res, 400, `no writer for the structured output "${call.schemaName}"`);
}

function sendCompletion(res: ServerResponse, call: ModelCall, n: number, content: string): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: `chatcmpl-${n}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: call.request.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 111, completion_tokens: 22, total_tokens: 133 },
    }),
  );
}

function sendError(res: ServerResponse, status: number, message: string): void {
  // retry-after-ms keeps the SDK's backoff between its retries short (it honours the header).
  res.writeHead(status, { 'content-type': 'application/json', 'retry-after-ms': '5' });
  res.end(JSON.stringify({ error: { message, type: 'test_error', code: String(status) } }));
}
