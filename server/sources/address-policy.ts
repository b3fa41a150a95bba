import ipaddr from 'ipaddr.js';

// Which addresses the server may fetch a feed from. A feed URL is typed by a user, so without this
// check the server would fetch, on their behalf, whatever sits on its own network (cloud metadata at
// 169.254.169.254, a database's admin port on 10.x, the app itself on 127.0.0.1). Only ordinary public
// unicast addresses pass; every special range ipaddr.js knows is refused, which also covers the IPv6
// forms that embed an IPv4 address (mapped, NAT64, 6to4, Teredo).

const PRIVATE_NETWORK = 'that address is on a private network';
const THIS_SERVER = 'that address points at the server itself';
const GROUP = 'that address is a broadcast or multicast address';
const RESERVED = 'that address is reserved, not a public web server';

const REASON_BY_RANGE: Record<string, string> = {
  loopback: THIS_SERVER,
  unspecified: THIS_SERVER,
  private: PRIVATE_NETWORK,
  uniqueLocal: PRIVATE_NETWORK,
  carrierGradeNat: PRIVATE_NETWORK,
  linkLocal: PRIVATE_NETWORK,
  deprecatedSiteLocal: PRIVATE_NETWORK,
  multicast: GROUP,
  broadcast: GROUP,
};

/** Why the server must not connect to `address`, or null for a public unicast address. */
export function addressRefusal(address: string): string | null {
  if (!ipaddr.isValid(address)) return RESERVED;
  // process() reads ::ffff:127.0.0.1 as the IPv4 address it is to the kernel, so it is judged as one.
  const range = ipaddr.process(address).range();
  if (range === 'unicast') return null;
  return REASON_BY_RANGE[range] ?? RESERVED;
}

/** `[::1]` → `::1`: URL keeps the brackets of an IPv6 literal host. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

/** The URL's host and port as the allow-list writes them: `127.0.0.1:4100`, `[::1]:4100`, `localhost:80`. */
export function hostPort(url: URL): string {
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.hostname}:${port}`.toLowerCase();
}

/**
 * The host:port pairs a test may fetch despite the policy (its fixture server on 127.0.0.1), from
 * KAIRO_FETCH_ALLOW_HOSTS. A production build ignores it, unless it is the local end-to-end run
 * (KAIRO_ALLOW_DEMO_IN_PRODUCTION=1), which serves its fixture feeds the same way.
 */
export function fetchAllowListFromEnv(env: NodeJS.ProcessEnv = process.env): ReadonlySet<string> {
  if (env.NODE_ENV === 'production' && env.KAIRO_ALLOW_DEMO_IN_PRODUCTION !== '1') return new Set();
  const pairs = (env.KAIRO_FETCH_ALLOW_HOSTS ?? '')
    .split(',')
    .map((pair) => pair.trim().toLowerCase())
    .filter(Boolean);
  return new Set(pairs);
}
