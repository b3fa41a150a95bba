import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createTenantFixture, type TenantFixture } from '../../test/fixtures';
import { errorCode } from '../errors';
import { MAX_UNUSED_SIGNALS, SIGNAL_SUMMARY_CAP } from './dto';
import { SourcesEngine } from './engine';

let handle: TestDatabase;
let fx: TenantFixture;
let other: TenantFixture;
let now = new Date('2026-11-30T09:00:00Z');
let engine: SourcesEngine;

beforeAll(async () => {
  handle = await createTestDatabase();
  fx = await createTenantFixture(handle.db, 'Sources Co');
  other = await createTenantFixture(handle.db, 'Other Co');
  engine = new SourcesEngine(handle.db, { clock: () => now });
});
afterAll(() => handle.close());

const scope = () => ({ tenantId: fx.tenantId, brandId: fx.brandId });
const otherScope = () => ({ tenantId: other.tenantId, brandId: other.brandId });

const item = (n: number, extra: Record<string, unknown> = {}) => ({
  guid: `urn:item:${n}`,
  link: `https://news.example/${n}`,
  title: `Item ${n}`,
  summary: `Summary ${n}`,
  publishedAt: new Date(Date.UTC(2026, 10, n)),
  ...extra,
});

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return errorCode(error);
  }
}

describe('feeds', () => {
  it('adds a feed once: the same address again is a conflict', async () => {
    const feed = await engine.addFeed(scope(), { url: 'https://news.example/feed.xml', createdByUserId: fx.ownerUserId });
    expect(feed).toMatchObject({ kind: 'feed', url: 'https://news.example/feed.xml', lastFetchedAt: null, itemCount: 0, lastError: null });
    expect(await codeOf(engine.addFeed(scope(), { url: 'https://news.example/feed.xml' }))).toBe('conflict');
  });

  it('refuses addresses that are not http(s)', async () => {
    expect(await codeOf(engine.addFeed(scope(), { url: 'file:///etc/passwd' }))).toBeUndefined();
    await expect(engine.addFeed(scope(), { url: 'ftp://news.example/feed' })).rejects.toThrow(/http:\/\/ or https:\/\//);
  });

  it('stores each entry once, however often the feed is fetched', async () => {
    const feed = await engine.addFeed(scope(), { url: 'https://twice.example/rss' });
    const first = await engine.recordFetch(scope(), {
      sourceId: feed.id,
      etag: '"v1"',
      title: 'Twice News',
      items: [item(1), item(2), item(2)],
    });
    expect(first.added).toBe(2);
    expect(first.source).toMatchObject({ itemCount: 2, title: 'Twice News', lastError: null, lastFetchedAt: now });

    now = new Date('2026-11-30T10:00:00Z');
    const second = await engine.recordFetch(scope(), { sourceId: feed.id, etag: '"v2"', items: [item(2), item(3)] });
    expect(second.added).toBe(1);
    expect(second.source).toMatchObject({ itemCount: 3, title: 'Twice News', lastFetchedAt: now });
    const due = await engine.feedToFetch(scope(), { sourceId: feed.id });
    expect(due.etag).toBe('"v2"');
  });

  it('derives an external id from the link, else from the title and date', async () => {
    const feed = await engine.addFeed(scope(), { url: 'https://noids.example/rss' });
    const undated = { title: 'No id', summary: 'x' };
    const items = [{ link: 'https://noids.example/a', title: 'Linked' }, undated, { ...undated }];
    expect((await engine.recordFetch(scope(), { sourceId: feed.id, items })).added).toBe(2);
    expect((await engine.recordFetch(scope(), { sourceId: feed.id, items })).added).toBe(0);
  });

  it('keeps a failure as the last error, with the validators of the last good answer', async () => {
    const feed = await engine.addFeed(scope(), { url: 'https://flaky.example/rss' });
    await engine.recordFetch(scope(), {
      sourceId: feed.id,
      etag: '"good"',
      lastModified: 'Mon, 30 Nov 2026 08:00:00 GMT',
      items: [item(1)],
    });
    const failed = await engine.recordFetch(scope(), { sourceId: feed.id, error: 'The server answered 503' });
    expect(failed.source).toMatchObject({ lastError: 'The server answered 503', itemCount: 1 });
    expect(await engine.feedToFetch(scope(), { sourceId: feed.id })).toMatchObject({
      etag: '"good"',
      lastModified: 'Mon, 30 Nov 2026 08:00:00 GMT',
    });
    const unchanged = await engine.recordFetch(scope(), { sourceId: feed.id });
    expect(unchanged.source.lastError).toBeNull();
  });

  it('cuts overlong feed text instead of losing the fetch', async () => {
    const feed = await engine.addFeed(scope(), { url: 'https://long.example/rss' });
    const long = await engine.recordFetch(scope(), {
      sourceId: feed.id,
      items: [item(1, { title: 'T'.repeat(1_000), summary: `S\u0000${'s'.repeat(5_000)}` })],
    });
    expect(long.added).toBe(1);
  });
});

describe('notes', () => {
  it('becomes one signal at once, titled by its first line', async () => {
    const note = await engine.addNote(scope(), { text: '\nOur rival cut prices\nSeen on their site today.' });
    expect(note).toMatchObject({ kind: 'note', title: 'Our rival cut prices', itemCount: 1 });
    const unused = await engine.listUnusedSignals(scope(), { limit: MAX_UNUSED_SIGNALS });
    expect(unused.filter((signal) => signal.sourceId === note.id)).toHaveLength(1);
  });

  it('may be a link alone, and is never fetched', async () => {
    const link = await engine.addNote(scope(), { url: 'https://blog.example/post' });
    expect(link).toMatchObject({ title: 'https://blog.example/post', url: 'https://blog.example/post' });
    expect(await codeOf(engine.feedToFetch(scope(), { sourceId: link.id }))).toBe('bad_input');
    expect(await codeOf(engine.recordFetch(scope(), { sourceId: link.id, items: [item(1)] }))).toBe('bad_input');
  });

  it('needs text or a link', async () => {
    await expect(engine.addNote(scope(), {})).rejects.toThrow(/a note needs its text, a link, or both/);
  });
});

describe('signals for the generation flow', () => {
  it('lists the newest unused ones, capped, and marks them used once', async () => {
    const feed = await engine.addFeed(scope(), { url: 'https://signals.example/rss' });
    await engine.recordFetch(scope(), {
      sourceId: feed.id,
      items: [
        item(20, { summary: 'x'.repeat(1_500), publishedAt: new Date('2026-11-30T23:00:00Z') }),
        item(21, { publishedAt: new Date('2026-12-01T00:00:00Z') }),
      ],
    });
    const unused = await engine.listUnusedSignals(scope(), { limit: 2 });
    expect(unused.map((signal) => signal.title)).toEqual(['Item 21', 'Item 20']);
    expect(unused[1]!.summary.length).toBe(SIGNAL_SUMMARY_CAP);

    const runId = crypto.randomUUID();
    const marked = await engine.markSignalsUsed(scope(), { signalIds: unused.map((signal) => signal.id), runId });
    expect(marked.markedIds).toHaveLength(2);
    expect(
      (await engine.markSignalsUsed(scope(), { signalIds: unused.map((signal) => signal.id), runId: crypto.randomUUID() })).markedIds,
    ).toEqual([]);
    const after = await engine.listUnusedSignals(scope());
    expect(after.map((signal) => signal.id)).not.toContain(unused[0]!.id);
  });

  it('refuses more than 30 at once', async () => {
    await expect(engine.listUnusedSignals(scope(), { limit: 31 })).rejects.toThrow();
  });
});

describe('removal', () => {
  it('soft-deletes the source and its unused signals; used ones stay', async () => {
    const feed = await engine.addFeed(scope(), { url: 'https://gone.example/rss' });
    await engine.recordFetch(scope(), { sourceId: feed.id, items: [item(1), item(2)] });
    const signalsOfFeed = (await engine.listUnusedSignals(scope())).filter((signal) => signal.sourceId === feed.id);
    await engine.markSignalsUsed(scope(), { signalIds: [signalsOfFeed[0]!.id], runId: crypto.randomUUID() });

    expect(await engine.remove(scope(), { sourceId: feed.id })).toEqual({ sourceId: feed.id, removedSignals: 1 });
    expect((await engine.list(scope())).map((source) => source.id)).not.toContain(feed.id);
    expect((await engine.listUnusedSignals(scope())).filter((signal) => signal.sourceId === feed.id)).toEqual([]);
    expect(await codeOf(engine.remove(scope(), { sourceId: feed.id }))).toBe('not_found');
    // The address may be followed again once removed.
    expect((await engine.addFeed(scope(), { url: 'https://gone.example/rss' })).id).not.toBe(feed.id);
  });
});

describe('another tenant', () => {
  it('gets NOT_FOUND for every source of this brand, and never sees its signals', async () => {
    const feed = await engine.addFeed(scope(), { url: 'https://private.example/rss' });
    await engine.recordFetch(scope(), { sourceId: feed.id, items: [item(5)] });
    const theirs = [otherScope(), { tenantId: other.tenantId, brandId: fx.brandId }];
    for (const foreign of theirs) {
      expect(await codeOf(engine.remove(foreign, { sourceId: feed.id }))).toBe('not_found');
      expect(await codeOf(engine.feedToFetch(foreign, { sourceId: feed.id }))).toBe('not_found');
      expect(await codeOf(engine.recordFetch(foreign, { sourceId: feed.id, items: [item(6)] }))).toBe('not_found');
    }
    expect(await codeOf(engine.list({ tenantId: other.tenantId, brandId: fx.brandId }))).toBe('not_found');
    expect(await engine.list(otherScope())).toEqual([]);
    expect(await engine.listUnusedSignals(otherScope())).toEqual([]);
    const mine = await engine.listUnusedSignals(scope());
    const marked = await engine.markSignalsUsed(otherScope(), { signalIds: mine.map((signal) => signal.id), runId: crypto.randomUUID() });
    expect(marked.markedIds).toEqual([]);
  });
});

describe('due feeds', () => {
  it('lists never-fetched and stale feeds of live brands, never notes', async () => {
    const stale = await engine.addFeed(otherScope(), { url: 'https://stale.example/rss' });
    const fresh = await engine.addFeed(otherScope(), { url: 'https://fresh.example/rss' });
    now = new Date('2026-11-28T09:00:00Z');
    await engine.recordFetch(otherScope(), { sourceId: stale.id, items: [] });
    now = new Date('2026-11-30T09:00:00Z');
    await engine.recordFetch(otherScope(), { sourceId: fresh.id, items: [] });
    await engine.addNote(otherScope(), { text: 'A note is never due' });
    const never = await engine.addFeed(otherScope(), { url: 'https://never.example/rss' });

    const olderThan = new Date('2026-11-29T09:00:00Z');
    const due = await engine.dueFeeds(otherScope(), { olderThan });
    expect(due.map((feed) => feed.sourceId)).toEqual([never.id, stale.id]);
    const global = await engine.dueFeeds('global', { olderThan, limit: 500 });
    expect(global.map((feed) => feed.sourceId)).toEqual(expect.arrayContaining([never.id, stale.id]));
    expect(global.map((feed) => feed.sourceId)).not.toContain(fresh.id);
    expect((await engine.dueFeeds('global', { olderThan, limit: 1 })).length).toBe(1);
  });
});
