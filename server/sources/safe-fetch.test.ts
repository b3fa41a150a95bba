import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, RSS_FEED, redirectTo, serve, startFeedServer } from '../../test/fixtures/feeds';
import { addressRefusal, fetchAllowListFromEnv } from './address-policy';
import { FETCH_MAX_BYTES, FETCH_TIMEOUT_MS, type ResolvedAddress, type SafeFetchOptions, safeFetch } from './safe-fetch';

let server: FeedServer;
/** A second local server that is NOT on the allow-list: what an attacker's redirect would aim at. */
let internal: FeedServer;

beforeAll(async () => {
  internal = await startFeedServer({ '/secret': serve('internal only', 'text/plain') });
  server = await startFeedServer({
    '/feed.xml': serve(RSS_FEED, 'application/rss+xml; charset=utf-8', { etag: '"v1"', 'last-modified': 'Sun, 29 Nov 2026 10:00:00 GMT' }),
    '/conditional': (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') response.writeHead(304).end();
      else response.writeHead(200, { etag: '"v1"' }).end(RSS_FEED);
    },
    '/to-private': redirectTo('http://10.0.0.7/feed'),
    '/to-metadata': redirectTo('http://169.254.169.254/latest/meta-data/', 301),
    '/to-internal-port': (_request, response) => response.writeHead(307, { location: `${internal.origin}/secret` }).end(),
    '/to-file': redirectTo('file:///etc/passwd'),
    '/hop1': redirectTo('/hop2'),
    '/hop2': redirectTo('/hop3'),
    '/hop3': redirectTo('/feed.xml'),
    '/hop0': redirectTo('/hop1'),
    '/missing': (_request, response) => response.writeHead(404, 'Not Found').end(),
    '/silent': () => {
      // Never answers: the timeout must end the fetch.
    },
    '/trickle': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<rss version="2.0">');
      // Headers and a first chunk, then nothing: the body too counts against the timeout.
    },
    '/huge': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = 'x'.repeat(64 * 1024);
      let sent = 0;
      const pump = () => {
        while (sent <= FETCH_MAX_BYTES + chunk.length) {
          sent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    },
    '/declared-huge': (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-length': String(FETCH_MAX_BYTES + 1) });
      response.write('<rss');
    },
  });
});
afterAll(async () => {
  await server.close();
  await internal.close();
});

/** The fixture server's host:port is allowed; nothing else is, and DNS must never be asked. */
const allowed = (): SafeFetchOptions => ({ allowHosts: new Set([server.hostPort]), resolve: noDns });
const noDns = async (hostname: string): Promise<ResolvedAddress[]> => {
  throw new Error(`unexpected DNS lookup of ${hostname}`);
};
const resolvingTo =
  (...addresses: string[]) =>
  async (): Promise<ResolvedAddress[]> =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

describe('address classes', () => {
  const refusedLiterals: [string, RegExp][] = [
    ['http://127.0.0.1/feed', /server itself/],
    ['http://127.8.9.10/feed', /server itself/],
    ['http://2130706433/feed', /server itself/], // 127.0.0.1 written as one number
    ['http://0x7f.1/feed', /server itself/],
    ['http://0.0.0.0/feed', /server itself/],
    ['http://10.1.2.3/feed', /private network/],
    ['http://172.16.0.1/feed', /private network/],
    ['http://172.31.255.254/feed', /private network/],
    ['http://192.168.1.1/feed', /private network/],
    ['http://169.254.169.254/latest/meta-data/', /private network/],
    ['http://100.64.0.1/feed', /private network/],
    ['http://224.0.0.1/feed', /broadcast or multicast/],
    ['http://255.255.255.255/feed', /broadcast or multicast/],
    ['http://240.0.0.1/feed', /reserved/],
    ['http://192.0.2.10/feed', /reserved/],
    ['http://[::1]/feed', /server itself/],
    ['http://[::]/feed', /server itself/],
    ['http://[fe80::1]/feed', /private network/],
    ['http://[fc00::1]/feed', /private network/],
    ['http://[fd12:3456::1]/feed', /private network/],
    ['http://[ff02::1]/feed', /broadcast or multicast/],
    ['http://[::ffff:127.0.0.1]/feed', /server itself/],
    ['http://[::ffff:10.0.0.1]/feed', /private network/],
    ['http://[::ffff:169.254.169.254]/feed', /private network/],
    ['http://[64:ff9b::a00:1]/feed', /reserved/], // NAT64 of 10.0.0.1
    ['http://[2002:a00:1::]/feed', /reserved/], // 6to4 of 10.0.0.1
  ];

  it.each(refusedLiterals)('refuses %s without connecting', async (url, reason) => {
    const result = await safeFetch(url, {}, { allowHosts: new Set(), resolve: noDns });
    expect(result).toEqual({ status: 'refused', reason: expect.stringMatching(reason) });
  });

  it('passes public unicast addresses, IPv4 and IPv6', () => {
    expect(addressRefusal('93.184.216.34')).toBeNull();
    expect(addressRefusal('2606:2800:220:1:248:1893:25c8:1946')).toBeNull();
    expect(addressRefusal('::ffff:93.184.216.34')).toBeNull();
  });

  it('refuses a host name that resolves to 127.0.0.1 (localhost, through the real resolver)', async () => {
    expect(await safeFetch('http://localhost/feed', {}, { allowHosts: new Set() })).toEqual({
      status: 'refused',
      reason: expect.stringMatching(/server itself/),
    });
  });

  it('refuses a host name when any one of its addresses is internal', async () => {
    const result = await safeFetch(
      'http://mixed.example/feed',
      {},
      { allowHosts: new Set(), resolve: resolvingTo('93.184.216.34', '10.0.0.5') },
    );
    expect(result).toEqual({ status: 'refused', reason: 'that address is on a private network' });
    const mapped = await safeFetch('http://mapped.example/feed', {}, { allowHosts: new Set(), resolve: resolvingTo('::ffff:192.168.0.1') });
    expect(mapped).toEqual({ status: 'refused', reason: 'that address is on a private network' });
  });

  it('connects to the address it checked, once resolved, keeping the host name for the request', async () => {
    const lookups: string[] = [];
    const port = server.hostPort.split(':')[1];
    const result = await safeFetch(
      `http://feeds.fixture:${port}/feed.xml`,
      {},
      {
        allowHosts: new Set([`feeds.fixture:${port}`]),
        resolve: async (hostname) => {
          lookups.push(hostname);
          return [{ address: '127.0.0.1', family: 4 }];
        },
      },
    );
    expect(result.status).toBe('ok');
    expect(lookups).toEqual(['feeds.fixture']);
    expect(server.requests.at(-1)?.headers.host).toBe(`feeds.fixture:${port}`);
  });
});

describe('schemes and addresses', () => {
  it.each(['file:///etc/passwd', 'ftp://files.example/feed.xml', 'gopher://old.example/', 'data:text/plain,hello', 'javascript:alert(1)'])(
    'refuses %s',
    async (url) => {
      expect(await safeFetch(url, {}, { allowHosts: new Set(), resolve: noDns })).toEqual({
        status: 'refused',
        reason: 'only http:// and https:// addresses are fetched',
      });
    },
  );

  it('refuses text that is not an address, and addresses carrying credentials', async () => {
    expect(await safeFetch('not a url', {}, allowed())).toEqual({ status: 'refused', reason: 'that is not a web address' });
    expect((await safeFetch(`http://user:pw@${server.hostPort}/feed.xml`, {}, allowed())).status).toBe('refused');
  });
});

describe('redirects', () => {
  it('refuses a redirect into a private network or the metadata address', async () => {
    expect(await safeFetch(`${server.origin}/to-private`, {}, allowed())).toEqual({
      status: 'refused',
      reason: 'the feed redirects to 10.0.0.7, and that address is on a private network',
    });
    expect((await safeFetch(`${server.origin}/to-metadata`, {}, allowed())).status).toBe('refused');
  });

  it('refuses a redirect to another port of this machine, which is not on the allow-list', async () => {
    const before = internal.requests.length;
    expect(await safeFetch(`${server.origin}/to-internal-port`, {}, allowed())).toEqual({
      status: 'refused',
      reason: expect.stringMatching(/redirects to 127\.0\.0\.1:\d+, and that address points at the server itself/),
    });
    expect(internal.requests.length).toBe(before);
  });

  it('refuses a redirect to another scheme', async () => {
    expect(await safeFetch(`${server.origin}/to-file`, {}, allowed())).toMatchObject({ status: 'refused' });
  });

  it('follows three redirects and not a fourth', async () => {
    expect((await safeFetch(`${server.origin}/hop1`, {}, allowed())).status).toBe('ok');
    expect(await safeFetch(`${server.origin}/hop0`, {}, allowed())).toEqual({
      status: 'failed',
      error: 'the feed redirects more than 3 times',
    });
  });
});

describe('limits', () => {
  it('gives up after five seconds by default, here shortened', async () => {
    expect(FETCH_TIMEOUT_MS).toBe(5_000);
    const startedAt = Date.now();
    expect(await safeFetch(`${server.origin}/silent`, {}, { ...allowed(), timeoutMs: 300 })).toEqual({
      status: 'failed',
      error: expect.stringMatching(/did not answer within/),
    });
    expect((await safeFetch(`${server.origin}/trickle`, {}, { ...allowed(), timeoutMs: 300 })).status).toBe('failed');
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  it('stops reading past 2 MB, declared or not', async () => {
    expect(await safeFetch(`${server.origin}/huge`, {}, allowed())).toEqual({ status: 'failed', error: 'the feed is larger than 2 MB' });
    expect(await safeFetch(`${server.origin}/declared-huge`, {}, allowed())).toEqual({
      status: 'failed',
      error: 'the feed is larger than 2 MB',
    });
  });

  it('reports a status other than success as one line', async () => {
    expect(await safeFetch(`${server.origin}/missing`, {}, allowed())).toEqual({
      status: 'failed',
      error: 'the server answered 404 Not Found',
    });
  });
});

describe('conditional GET', () => {
  it('sends the stored ETag and Last-Modified, and reads 304 as no change', async () => {
    const first = await safeFetch(`${server.origin}/feed.xml`, {}, allowed());
    expect(first).toMatchObject({ status: 'ok', etag: '"v1"', lastModified: 'Sun, 29 Nov 2026 10:00:00 GMT' });
    expect(server.requests.at(-1)?.headers['if-none-match']).toBeUndefined();

    const again = await safeFetch(
      `${server.origin}/conditional`,
      { etag: '"v1"', lastModified: 'Sun, 29 Nov 2026 10:00:00 GMT' },
      allowed(),
    );
    expect(again).toEqual({ status: 'not_modified' });
    const sent = server.requests.at(-1)!.headers;
    expect(sent['if-none-match']).toBe('"v1"');
    expect(sent['if-modified-since']).toBe('Sun, 29 Nov 2026 10:00:00 GMT');
  });
});

describe('the test-only allow-list', () => {
  it('is read from KAIRO_FETCH_ALLOW_HOSTS outside production', () => {
    expect([...fetchAllowListFromEnv({ NODE_ENV: 'test', KAIRO_FETCH_ALLOW_HOSTS: ' 127.0.0.1:4100, Localhost:80 ' })]).toEqual([
      '127.0.0.1:4100',
      'localhost:80',
    ]);
  });

  it('is ignored by a production build unless it is the local end-to-end run', () => {
    expect(fetchAllowListFromEnv({ NODE_ENV: 'production', KAIRO_FETCH_ALLOW_HOSTS: '127.0.0.1:4100' }).size).toBe(0);
    expect(
      fetchAllowListFromEnv({ NODE_ENV: 'production', KAIRO_ALLOW_DEMO_IN_PRODUCTION: '1', KAIRO_FETCH_ALLOW_HOSTS: '127.0.0.1:4100' }).has(
        '127.0.0.1:4100',
      ),
    ).toBe(true);
  });
});
