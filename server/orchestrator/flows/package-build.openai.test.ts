import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTenantFixture, type TenantFixture } from '../../../test/fixtures';
import { insertContentOpportunity, insertContentPattern } from '../../../test/fixtures/content';
import { createTestDatabase, type TestDatabase } from '../../../test/database';
import { createSystemContext, type SystemContext } from '../context';
import { createModelRegistry } from '../llm/model-registry';
import { CONTEXT_CLOSE, CONTEXT_OPEN } from '../llm/offline-model';
import { OFFLINE_WRITERS } from '../llm/nodes';
import { PackageBuildOrchestrator } from './package-build';

// The real @ai-sdk/openai provider against a small OpenAI-compatible chat-completions server run by
// the test. The server answers each structured-output request with what the offline writer of that
// schema name writes from the request's context, unless a test scripts a failure status.

interface ChatRequest {
  model: string;
  messages: { role: string; content: string | { type: string; text?: string }[] }[];
  response_format?: { type: string; json_schema?: { name?: string } };
}

type Failure = (request: ChatRequest, context: Record<string, unknown>) => number | null;

let server: Server;
let baseUrl: string;
let failure: Failure = () => null;
const requests: ChatRequest[] = [];

function contextOf(request: ChatRequest): Record<string, unknown> {
  const text = request.messages
    .map((m) => (typeof m.content === 'string' ? m.content : m.content.map((p) => p.text ?? '').join('')))
    .join('\n');
  return JSON.parse(text.slice(text.lastIndexOf(CONTEXT_OPEN) + CONTEXT_OPEN.length, text.lastIndexOf(CONTEXT_CLOSE))) as Record<string, unknown>;
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
  requests.push(request);
  const context = contextOf(request);
  const status = req.url === '/v1/chat/completions' ? failure(request, context) : 404;
  if (status) {
    // retry-after-ms keeps the SDK's backoff short in tests.
    res.writeHead(status, { 'content-type': 'application/json', 'retry-after-ms': '5' });
    res.end(JSON.stringify({ error: { message: `scripted ${status}`, type: 'test_error', code: String(status) } }));
    return;
  }
  const name = request.response_format?.json_schema?.name ?? '';
  const content = JSON.stringify(OFFLINE_WRITERS.get(name)!(context));
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({
      id: `chatcmpl-${requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: request.model,
      choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
      usage: { prompt_tokens: 111, completion_tokens: 22, total_tokens: 133 },
    }),
  );
}

let db: TestDatabase;
let ctx: SystemContext;
let fx: TenantFixture;

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  db = await createTestDatabase();
  fx = await createTenantFixture(db.db, 'OpenAI Co');
  await insertContentPattern(db.db, fx, { supportedChannels: ['linkedin', 'x'] });
  ctx = createSystemContext(db, {
    models: createModelRegistry({ apiKey: 'test-key', baseUrl, modelName: 'kairo-test-model' }, OFFLINE_WRITERS),
  });
});
afterAll(async () => {
  await db.close();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  failure = () => null;
  requests.length = 0;
});

async function build(channels: ('linkedin' | 'x')[]) {
  const opportunityId = await insertContentOpportunity(db.db, fx);
  return PackageBuildOrchestrator.createPackageFromOpportunity(ctx, fx.tenantId, fx.brandId, opportunityId, channels, fx.ownerUserId);
}

describe('F2 through the @ai-sdk/openai provider', () => {
  it('round-trips structured output and records the model and token usage', async () => {
    const view = await build(['linkedin', 'x']);
    expect(requests.map((r) => r.response_format?.json_schema?.name).sort()).toEqual(['PackageThesis', 'VariantDrafts', 'VariantDrafts']);
    expect(requests[0]).toMatchObject({ model: 'kairo-test-model', response_format: { type: 'json_schema' } });
    expect(view.package.keyPoints.length).toBeGreaterThanOrEqual(3);
    const linkedin = view.variantsByChannel.linkedin!;
    expect(linkedin.length).toBeGreaterThanOrEqual(1);
    expect(linkedin[0]!.generatedByModel).toMatch(/kairo-test-model$/);
    expect(linkedin[0]!.generatedByModel).not.toMatch(/^kairo-offline/);
    const [run] = await ctx.engines.runs.listRuns(fx.tenantId, fx.brandId, { limit: 1 });
    expect(run!.events.find((e) => e.node === 'thesis')?.payload).toMatchObject({ usage: { inputTokens: 111, outputTokens: 22 } });
  });

  it('retries after a 429 and succeeds', async () => {
    let limited = 0;
    failure = (request) => (request.response_format?.json_schema?.name === 'PackageThesis' && limited++ === 0 ? 429 : null);
    const view = await build(['linkedin']);
    expect(limited).toBe(2);
    expect(view.package.coreArgument).toBeTruthy();
    expect(view.warnings).toEqual([]);
  });

  it('turns a channel whose server keeps answering 500 into a soft error', async () => {
    failure = (request, context) => (request.response_format?.json_schema?.name === 'VariantDrafts' && context.channel === 'x' ? 500 : null);
    const view = await build(['linkedin', 'x']);
    expect(view.variantsByChannel.linkedin!.length).toBeGreaterThanOrEqual(1);
    expect(view.variantsByChannel.x).toEqual([]);
    expect(view.warnings).toEqual([expect.objectContaining({ channel: 'x', node: 'variant_plan:x' })]);
  });
});
