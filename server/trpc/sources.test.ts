import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATOM_FEED,
  type FeedServer,
  JSON_FEED,
  MALFORMED_XML,
  RSS_FEED,
  redirectTo,
  serve,
  startFeedServer,
} from '../../test/fixtures/feeds';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { codeOf, rejection } from '../../test/trpc';
import { DEFAULT_RATE_LIMITS } from '../rate-limit/config';
import { createRateLimits } from '../rate-limit/limits';
import { fetchDueSources } from '../sources/source-fetching';

let server: FeedServer;
const rssVersion = '"rss-1"';
const savedAllowList = process.env.KAIRO_FETCH_ALLOW_HOSTS;

const bed = twoTenantBed({ tenant: 'Feeds Co', other: 'Elsewhere Co' }, (handle) => ({
  limits: createRateLimits(handle, { ...DEFAULT_RATE_LIMITS, sourceFetches: { points: 3, seconds: 600 } }),
}));
beforeAll(async () => {
  server = await startFeedServer({
    '/rss': (request, response) => {
      if (request.headers['if-none-match'] === rssVersion) response.writeHead(304).end();
      else response.writeHead(200, { 'content-type': 'application/rss+xml', etag: rssVersion }).end(RSS_FEED);
    },
    '/atom': serve(ATOM_FEED, 'application/atom+xml'),
    '/json': serve(JSON_FEED, 'application/feed+json'),
    '/broken': serve(MALFORMED_XML),
    '/down': (_request, response) => response.writeHead(503, 'Service Unavailable').end(),
    '/to-private': redirectTo('http://192.168.0.10/feed'),
  });
  // The test-only allow-list: the fixture server on 127.0.0.1 is the one internal host the fetcher may reach.
  process.env.KAIRO_FETCH_ALLOW_HOSTS = server.hostPort;
});
afterAll(async () => {
  if (savedAllowList === undefined) delete process.env.KAIRO_FETCH_ALLOW_HOSTS;
  else process.env.KAIRO_FETCH_ALLOW_HOSTS = savedAllowList;
  await server.close();
});

describe('sources.add', () => {
  it('fetches a feed right away and shows the outcome', async () => {
    const source = await bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'feed', url: `${server.origin}/rss` });
    expect(source).toMatchObject({ kind: 'feed', title: 'Close Weekly', itemCount: 2, lastError: null });
    expect(source.lastFetchedAt).toBeInstanceOf(Date);
  });

  it('reads Atom and JSON Feed the same way', async () => {
    expect(await bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'feed', url: `${server.origin}/atom` })).toMatchObject({
      title: 'Forecast Notes',
      itemCount: 1,
    });
    expect(await bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'feed', url: `${server.origin}/json` })).toMatchObject({
      title: 'Cash Digest',
      itemCount: 2,
    });
  });

  it('stores a feed that fails with its failure as the last error, not a 500', async () => {
    const broken = await bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'feed', url: `${server.origin}/broken` });
    expect(broken).toMatchObject({ itemCount: 0, lastError: 'The feed is malformed and could not be read' });
    const down = await bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'feed', url: `${server.origin}/down` });
    expect(down.lastError).toBe('The server answered 503 Service Unavailable');
  });

  it('refuses an internal address as bad input with the reason, storing nothing', async () => {
    const before = (await bed.as(bed.owner).sources.list({ brandId: bed.fx.brandId })).length;
    const direct = await rejection(bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'feed', url: 'http://10.0.0.1/feed' }));
    expect(direct.code).toBe('BAD_REQUEST');
    expect(direct.message).toBe('url: that address is on a private network');
    const redirected = await rejection(
      bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'feed', url: `${server.origin}/to-private` }),
    );
    expect(redirected.message).toMatch(/redirects to 192\.168\.0\.10, and that address is on a private network/);
    expect(await codeOf(bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'feed', url: 'http://localhost:9/feed' }))).toBe(
      'BAD_REQUEST',
    );
    expect(await bed.as(bed.owner).sources.list({ brandId: bed.fx.brandId })).toHaveLength(before);
  });

  it('refuses other schemes and a feed without an address, naming the field', async () => {
    const scheme = await rejection(bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'feed', url: 'file:///etc/passwd' }));
    expect(scheme.code).toBe('BAD_REQUEST');
    expect(scheme.message).toMatch(/url: must be an http:\/\/ or https:\/\/ address/);
    expect((await rejection(bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'feed' }))).message).toMatch(
      /url: a feed needs its address/,
    );
    expect((await rejection(bed.as(bed.owner).sources.add({ brandId: bed.fx.brandId, kind: 'note' }))).message).toMatch(
      /text: a note needs its text/,
    );
  });

  it('adds a note as one signal without fetching anything', async () => {
    const requests = server.requests.length;
    const note = await bed.as(bed.owner).sources.add({
      brandId: bed.fx.brandId,
      kind: 'note',
      text: 'Clients ask about e-invoicing rules for 2027',
      url: 'https://gov.example/e-invoicing',
    });
    expect(note).toMatchObject({ kind: 'note', itemCount: 1, note: 'Clients ask about e-invoicing rules for 2027' });
    expect(server.requests.length).toBe(requests);
  });

  it('is for owners and admins only', async () => {
    expect(await codeOf(bed.as(bed.member).sources.add({ brandId: bed.fx.brandId, kind: 'note', text: 'A member note' }))).toBe(
      'FORBIDDEN',
    );
  });
});

describe('sources.fetchNow', () => {
  it('sends the stored ETag; an unchanged feed only gets a new fetch time', async () => {
    const source = (await bed.as(bed.owner).sources.list({ brandId: bed.fx.brandId })).find((row) => row.url === `${server.origin}/rss`)!;
    const again = await bed.as(bed.owner).sources.fetchNow({ brandId: bed.fx.brandId, sourceId: source.id });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe(rssVersion);
    expect(again).toMatchObject({ itemCount: 2, lastError: null });
    expect(again.lastFetchedAt!.getTime()).toBeGreaterThanOrEqual(source.lastFetchedAt!.getTime());
  });

  it('answers a note with bad input, another tenant with NOT_FOUND, a member with FORBIDDEN', async () => {
    const sources = await bed.as(bed.owner).sources.list({ brandId: bed.fx.brandId });
    const note = sources.find((row) => row.kind === 'note')!;
    const feed = sources.find((row) => row.kind === 'feed')!;
    expect(await codeOf(bed.as(bed.owner).sources.fetchNow({ brandId: bed.fx.brandId, sourceId: note.id }))).toBe('BAD_REQUEST');
    expect(await codeOf(bed.as(bed.otherOwner).sources.fetchNow({ brandId: bed.fx.brandId, sourceId: feed.id }))).toBe('NOT_FOUND');
    expect(await codeOf(bed.as(bed.otherOwner).sources.fetchNow({ brandId: bed.other.brandId, sourceId: feed.id }))).toBe('NOT_FOUND');
    expect(await codeOf(bed.as(bed.member).sources.fetchNow({ brandId: bed.fx.brandId, sourceId: feed.id }))).toBe('FORBIDDEN');
  });

  it('is rate limited per user', async () => {
    const feed = (await bed.as(bed.owner).sources.list({ brandId: bed.fx.brandId })).find((row) => row.kind === 'feed')!;
    const codes: string[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      codes.push(
        await bed
          .as(bed.owner)
          .sources.fetchNow({ brandId: bed.fx.brandId, sourceId: feed.id })
          .then(
            () => 'ok',
            (error: { code: string }) => error.code,
          ),
      );
    }
    expect(codes).toContain('TOO_MANY_REQUESTS');
  });
});

describe('sources.list and sources.remove', () => {
  it('lets a member read, and only an admin remove', async () => {
    const listed = await bed.as(bed.member).sources.list({ brandId: bed.fx.brandId });
    expect(listed.length).toBeGreaterThan(0);
    const note = listed.find((row) => row.kind === 'note')!;
    expect(await codeOf(bed.as(bed.member).sources.remove({ brandId: bed.fx.brandId, sourceId: note.id }))).toBe('FORBIDDEN');
    expect(await codeOf(bed.as(bed.otherOwner).sources.remove({ brandId: bed.other.brandId, sourceId: note.id }))).toBe('NOT_FOUND');
    expect(await bed.as(bed.owner).sources.remove({ brandId: bed.fx.brandId, sourceId: note.id })).toEqual({
      sourceId: note.id,
      removedSignals: 1,
    });
    expect((await bed.as(bed.member).sources.list({ brandId: bed.fx.brandId })).map((row) => row.id)).not.toContain(note.id);
  });

  it('shows another tenant nothing', async () => {
    expect(await codeOf(bed.as(bed.otherOwner).sources.list({ brandId: bed.fx.brandId }))).toBe('NOT_FOUND');
    expect(await bed.as(bed.otherOwner).sources.list({ brandId: bed.other.brandId })).toEqual([]);
  });
});

describe('fetchDueSources (the cron)', () => {
  it('fetches feeds not fetched for a day and leaves fresh ones', async () => {
    const stale = await bed.as(bed.otherOwner).sources.add({ brandId: bed.other.brandId, kind: 'feed', url: `${server.origin}/atom` });
    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000);
    const report = await fetchDueSources(bed.system, { budgetMs: 20_000, now: tomorrow });
    expect(report.fetched + report.notModified + report.failed).toBeGreaterThanOrEqual(1);
    expect(report.leftOver).toBe(0);
    const after = (await bed.as(bed.otherOwner).sources.list({ brandId: bed.other.brandId })).find((row) => row.id === stale.id)!;
    expect(after.lastFetchedAt!.getTime()).toBeGreaterThan(stale.lastFetchedAt!.getTime());

    const none = await fetchDueSources(bed.system, { budgetMs: 20_000 });
    expect(none).toEqual({ fetched: 0, notModified: 0, failed: 0, leftOver: 0 });
  });

  it('leaves what does not fit the budget for the next call', async () => {
    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000);
    const report = await fetchDueSources(bed.system, { budgetMs: 1_000, now: tomorrow });
    expect(report.fetched).toBe(0);
    expect(report.leftOver).toBeGreaterThan(0);
  });
});
