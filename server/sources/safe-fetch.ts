import { lookup as dnsLookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { addressRefusal, bareHost, fetchAllowListFromEnv, hostPort } from './address-policy';

// Fetches a URL a user typed without letting them reach the server's own network. Each host is
// resolved once, every address it resolves to is checked, and the connection goes to the checked
// address only (the socket's lookup is pinned to it), so a name that answers differently a moment
// later (DNS rebinding) cannot swap in an internal address. Redirects are followed by hand, each
// target checked the same way.

export const FETCH_TIMEOUT_MS = 5_000;
export const FETCH_MAX_BYTES = 2 * 1024 * 1024;
export const FETCH_MAX_REDIRECTS = 3;

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface SafeFetchOptions {
  /** host:port pairs fetched without the address check: test configuration only (address-policy.ts). */
  allowHosts?: ReadonlySet<string>;
  /** Resolves a host name to all its addresses; tests pass their own. */
  resolve?: (hostname: string) => Promise<ResolvedAddress[]>;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
}

/** The validators of the last answer, sent back so an unchanged feed answers 304. */
export interface Validators {
  etag?: string | null;
  lastModified?: string | null;
}

export type SafeFetchResult =
  /** The address (or a redirect's) must not be fetched; `reason` says why, for the person who typed it. */
  | { status: 'refused'; reason: string }
  /** The fetch ran and failed; `error` is one short line (never a stack). */
  | { status: 'failed'; error: string }
  | { status: 'not_modified' }
  | { status: 'ok'; body: string; etag: string | null; lastModified: string | null; finalUrl: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function safeFetch(url: string, validators: Validators = {}, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const timeoutMs = options.timeoutMs ?? FETCH_TIMEOUT_MS;
  const maxRedirects = options.maxRedirects ?? FETCH_MAX_REDIRECTS;
  const allowHosts = options.allowHosts ?? fetchAllowListFromEnv();
  const resolve = options.resolve ?? resolveAll;
  // One budget for the whole fetch: every redirect and the body share the same five seconds.
  const signal = AbortSignal.timeout(timeoutMs);
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { status: 'refused', reason: 'that is not a web address' };
  }
  for (let redirects = 0; ; redirects++) {
    const checked = await checkTarget(target, allowHosts, resolve, signal, redirects > 0);
    if ('status' in checked) return checked;
    let response: IncomingMessage;
    try {
      response = await request(target, checked, validators, signal);
    } catch (error) {
      return { status: 'failed', error: failureMessage(error, signal, timeoutMs) };
    }
    const status = response.statusCode ?? 0;
    if (REDIRECTS.has(status) && response.headers.location) {
      response.destroy();
      if (redirects >= maxRedirects) return { status: 'failed', error: `the feed redirects more than ${maxRedirects} times` };
      try {
        target = new URL(response.headers.location, target);
      } catch {
        return { status: 'failed', error: 'the feed redirects to something that is not a web address' };
      }
      continue;
    }
    if (status === 304) {
      response.destroy();
      return { status: 'not_modified' };
    }
    if (status < 200 || status > 299) {
      response.destroy();
      return { status: 'failed', error: `the server answered ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}` };
    }
    return readBody(response, target, options.maxBytes ?? FETCH_MAX_BYTES, signal, timeoutMs);
  }
}

/** The address to connect to, or why not. */
async function checkTarget(
  target: URL,
  allowHosts: ReadonlySet<string>,
  resolve: (hostname: string) => Promise<ResolvedAddress[]>,
  signal: AbortSignal,
  redirected: boolean,
): Promise<ResolvedAddress | { status: 'refused'; reason: string } | { status: 'failed'; error: string }> {
  const refused = (reason: string) => ({
    status: 'refused' as const,
    reason: redirected ? `the feed redirects to ${target.host}, and ${reason}` : reason,
  });
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return refused('only http:// and https:// addresses are fetched');
  if (target.username || target.password) return refused('an address with a user name or password is not fetched');
  const host = bareHost(target.hostname);
  let addresses: ResolvedAddress[];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await abortable(resolve(host), signal);
    } catch (error) {
      return { status: 'failed', error: signal.aborted ? 'the feed did not answer in time' : resolveFailure(error) };
    }
    if (addresses.length === 0) return { status: 'failed', error: `the host name ${host} does not resolve` };
  }
  if (allowHosts.has(hostPort(target))) return addresses[0]!;
  // Every address must pass: a name listing one public and one internal address is refused, since
  // which one a connection would use is not ours to rely on.
  for (const { address } of addresses) {
    const reason = addressRefusal(address);
    if (reason) return refused(reason);
  }
  return addresses[0]!;
}

async function resolveAll(hostname: string): Promise<ResolvedAddress[]> {
  return dnsLookup(hostname, { all: true, verbatim: true });
}

/** A socket lookup that always answers the address already checked. */
function pinnedLookup(pinned: ResolvedAddress): LookupFunction {
  return (_hostname, options, callback) => {
    if ((options as { all?: boolean }).all) (callback as (error: null, addresses: ResolvedAddress[]) => void)(null, [pinned]);
    else callback(null, pinned.address, pinned.family);
  };
}

function request(target: URL, pinned: ResolvedAddress, validators: Validators, signal: AbortSignal): Promise<IncomingMessage> {
  const headers: Record<string, string> = {
    'user-agent': 'Kairo feed reader',
    accept:
      'application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml, text/xml;q=0.9, */*;q=0.5',
    'accept-encoding': 'identity',
  };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolvePromise, reject) => {
    const outgoing = client.request(
      {
        protocol: target.protocol,
        hostname: bareHost(target.hostname),
        port: target.port || undefined,
        path: `${target.pathname}${target.search}`,
        method: 'GET',
        headers,
        lookup: pinnedLookup(pinned),
        // A fresh connection per request: a pooled socket could have been opened for another address.
        agent: false,
        signal,
      },
      resolvePromise,
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/** The body as text, stopped as soon as it passes `maxBytes`. */
async function readBody(
  response: IncomingMessage,
  target: URL,
  maxBytes: number,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<SafeFetchResult> {
  const tooLarge = { status: 'failed' as const, error: `the feed is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` };
  if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
    response.destroy();
    return tooLarge;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) {
        response.destroy();
        return tooLarge;
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    return { status: 'failed', error: failureMessage(error, signal, timeoutMs) };
  }
  if (signal.aborted) return { status: 'failed', error: failureMessage(null, signal, timeoutMs) };
  return {
    status: 'ok',
    body: decode(Buffer.concat(chunks), response.headers['content-type']),
    etag: header(response, 'etag'),
    lastModified: header(response, 'last-modified'),
    finalUrl: target.href,
  };
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return typeof value === 'string' && value.length <= 500 ? value : null;
}

/** Text in the charset the server named, else UTF-8 (what feeds use unless they say otherwise). */
function decode(bytes: Buffer, contentType: string | undefined): string {
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function abortable<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    if (signal.aborted) reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolvePromise, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function resolveFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const hostname = (error as { hostname?: unknown } | null)?.hostname;
  if (code === 'ENOTFOUND' || code === 'ENODATA')
    return `the host name ${typeof hostname === 'string' ? `${hostname} ` : ''}does not resolve`;
  return 'the host name could not be looked up';
}

/** One line a person can act on; the cause's stack stays out of it. */
function failureMessage(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `the feed did not answer within ${Math.round(timeoutMs / 1000) || 1} s`;
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ECONNREFUSED') return 'the server refused the connection';
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'the server closed the connection';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'the server cannot be reached';
  if (typeof code === 'string' && (code.startsWith('ERR_TLS') || code.includes('CERT')))
    return 'the secure connection failed (certificate problem)';
  return 'the feed could not be fetched';
}
