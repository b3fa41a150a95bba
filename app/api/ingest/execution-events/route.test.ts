import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionEvents } from '@/engines/db/schema';
import { createSystemContext, type SystemContext, setSystemContext } from '@/server/orchestrator/context';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { createTenantFixture, type TenantFixture } from '@/test/fixtures';
import { insertPackage, insertVariant, metricEvents, type VariantFixture } from '@/test/fixtures/learning';
import { MAX_INGEST_BODY_BYTES, POST } from './route';

const NOW = new Date('2026-03-20T12:00:00Z');
const OCCURRED = new Date('2026-03-18T09:00:00Z');
/** Re-using it re-sends the same events. */
const BATCH = randomUUID();

let handle: TestDatabase;
let system: SystemContext;
let fx: TenantFixture;
let variant: VariantFixture;
let key: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  system = createSystemContext(handle, { clock: () => NOW });
  setSystemContext(system);
  fx = await createTenantFixture(handle.db, 'Ingest Co');
  const packageId = await insertPackage(handle.db, fx, { channels: ['linkedin'] });
  variant = await insertVariant(handle.db, fx, { packageId, channel: 'linkedin', publishedAt: new Date('2026-03-17T08:00:00Z') });
  ({ key } = await system.engines.ingestKeys.createKey(fx, { name: 'Test webhook' }));
});
afterAll(() => handle.close());

function post(body: unknown, options: { key?: string | null; headers?: Record<string, string> } = {}): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
  const bearer = options.key === undefined ? key : options.key;
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  return POST(
    new Request('http://localhost/api/ingest/execution-events', {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

async function storedEvents(): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(executionEvents).where(eq(executionEvents.brandId, fx.brandId));
  return Number(row!.n);
}

describe('POST /api/ingest/execution-events', () => {
  it("stores a batch for the key's brand and answers how many were new", async () => {
    const events = metricEvents(variant, { impression: 500, like: 12, comment: 2 }, OCCURRED, BATCH);
    const response = await post({ events });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: 3, inserted: 3, duplicates: 0 });
    expect(await storedEvents()).toBe(3);
  });

  it('is idempotent: the same batch again stores nothing and says so', async () => {
    const events = metricEvents(variant, { impression: 500, like: 12, comment: 2 }, OCCURRED, BATCH);
    const response = await post({ events });
    expect(await response.json()).toEqual({ received: 3, inserted: 0, duplicates: 3 });
    expect(await storedEvents()).toBe(3);
  });

  it('resolves a variant by its external post id', async () => {
    const [event] = metricEvents(variant, { share: 4 }, OCCURRED, randomUUID());
    const { variantId: _, ...byPost } = event!;
    const response = await post({ events: [{ ...byPost, externalPostId: variant.externalPostId }] });
    expect(await response.json()).toEqual({ received: 1, inserted: 1, duplicates: 0 });
  });

  it('refuses a malformed batch whole with a 400 naming every bad entry, storing nothing', async () => {
    const before = await storedEvents();
    const good = metricEvents(variant, { like: 1 }, OCCURRED, randomUUID());
    const response = await post({
      events: [
        ...good,
        { ...good[0], externalEventId: 'bad-type', eventType: 'retweet' },
        { ...good[0], externalEventId: 'bad-count', count: 0 },
      ],
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((i: { index: number }) => i.index)).toEqual([1, 2]);
    expect(body.issues[0].message).toMatch(/eventType/);
    expect(body.issues[1].message).toMatch(/count/);
    expect(await storedEvents()).toBe(before);
  });

  it('answers 400 for a NUL character in an id, which the database could not store, storing nothing', async () => {
    const before = await storedEvents();
    const [event] = metricEvents(variant, { like: 1 }, OCCURRED, randomUUID());
    const { variantId: _, ...byPost } = event!;
    // JSON.stringify writes the NUL as \u0000, as a platform's JSON would.
    const response = await post({
      events: [
        { ...event, externalEventId: `evt-\u0000` },
        { ...byPost, externalPostId: `${variant.externalPostId}\u0000` },
      ],
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.issues.map((i: { index: number }) => i.index)).toEqual([0, 1]);
    expect(body.issues[0].message).toMatch(/externalEventId: must not contain the NUL character/);
    expect(body.issues[1].message).toMatch(/externalPostId: must not contain the NUL character/);
    expect(await storedEvents()).toBe(before);
  });

  it('answers 400 for a body that is not JSON or not a batch', async () => {
    expect((await post('{"events": [')).status).toBe(400);
    expect((await post({ rows: [] })).status).toBe(400);
    expect((await post({ events: [] })).status).toBe(400);
  });

  it('answers 401 without a key, with an unknown key and with a revoked key', async () => {
    const events = metricEvents(variant, { like: 1 }, OCCURRED);
    expect((await post({ events }, { key: null })).status).toBe(401);
    expect((await post({ events }, { key: 'kik_not-a-real-key' })).status).toBe(401);
    const revoked = await system.engines.ingestKeys.createKey(fx, { name: 'Old webhook' });
    await system.engines.ingestKeys.revokeKey(fx, { id: revoked.id });
    expect((await post({ events }, { key: revoked.key })).status).toBe(401);
  });

  it("cannot write into another brand: a key only reaches its own brand's variants", async () => {
    const other = await createTenantFixture(handle.db, 'Other Ingest Co');
    const { key: otherKey } = await system.engines.ingestKeys.createKey(other, { name: 'Theirs' });
    const response = await post({ events: metricEvents(variant, { like: 1 }, OCCURRED) }, { key: otherKey });
    expect(response.status).toBe(400);
    expect((await response.json()).issues[0].message).toMatch(/not found in this brand/);
  });

  it('answers 413 when Content-Length declares too much, before reading', async () => {
    const response = await post(
      { events: metricEvents(variant, { like: 1 }, OCCURRED) },
      { headers: { 'content-length': String(MAX_INGEST_BODY_BYTES + 1) } },
    );
    expect(response.status).toBe(413);
  });

  it('answers 413 when the body itself is too big, whatever the headers say', async () => {
    const before = await storedEvents();
    const padding = 'x'.repeat(MAX_INGEST_BODY_BYTES);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"events":[],"pad":"${padding}"}`));
        controller.close();
      },
    });
    const request = new Request('http://localhost/api/ingest/execution-events', {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect((await POST(request)).status).toBe(413);
    expect(await storedEvents()).toBe(before);
  });

  it('answers 413 for more events than one batch may hold', async () => {
    const events = Array.from({ length: 5_001 }, (_, i) => ({
      ...metricEvents(variant, { like: 1 }, OCCURRED)[0],
      externalEventId: `many-${i}`,
    }));
    expect((await post({ events })).status).toBe(413);
  });
});
