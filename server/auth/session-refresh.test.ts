import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NextRequest } from 'next/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { proxy } from '../../proxy';
import { REFRESH_TOKEN_COOKIE, refreshSupabaseSession } from './session-refresh';
import { ACCESS_TOKEN_COOKIE } from './token-transport';

// A stand-in for Supabase Auth's token endpoint: "good" refreshes, "revoked" is refused, "broken" fails.
let server: Server;
let url: string;
const calls: { path: string; apikey: string | undefined; body: unknown }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      const body = JSON.parse(raw) as { refresh_token: string };
      calls.push({ path: req.url ?? '', apikey: req.headers.apikey as string | undefined, body });
      res.setHeader('content-type', 'application/json');
      if (body.refresh_token === 'good') {
        res.end(
          JSON.stringify({ access_token: 'new.access.token', refresh_token: 'rotated', expires_in: 3600, expires_at: 2_000_000_000 }),
        );
      } else if (body.refresh_token === 'revoked') {
        res.statusCode = 400;
        res.end(JSON.stringify({ error: 'invalid_grant' }));
      } else {
        res.statusCode = 503;
        res.end('{}');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  vi.unstubAllEnvs();
  calls.length = 0;
});

describe('refreshSupabaseSession', () => {
  it('trades the refresh token for a new session at the token endpoint, with the anon key', async () => {
    const session = await refreshSupabaseSession({ url, anonKey: 'anon-key' }, 'good');
    expect(session).toEqual({ accessToken: 'new.access.token', refreshToken: 'rotated', expiresAt: new Date(2_000_000_000_000) });
    expect(calls).toEqual([{ path: '/auth/v1/token?grant_type=refresh_token', apikey: 'anon-key', body: { refresh_token: 'good' } }]);
  });

  it('answers null for a refused token and throws when Supabase itself fails', async () => {
    expect(await refreshSupabaseSession({ url, anonKey: 'anon-key' }, 'revoked')).toBeNull();
    await expect(refreshSupabaseSession({ url, anonKey: 'anon-key' }, 'broken')).rejects.toThrow(/503/);
  });
});

describe('proxy', () => {
  const request = (refreshToken: string) =>
    new NextRequest('https://kairo.example/brands/x/today', { headers: { cookie: `${REFRESH_TOKEN_COOKIE}=${refreshToken}` } });

  it('renews an expired session: new cookies for the browser and the new token for this request', async () => {
    vi.stubEnv('SUPABASE_URL', url);
    vi.stubEnv('SUPABASE_ANON_KEY', 'anon-key');
    const response = await proxy(request('good'));
    expect(response.cookies.get(ACCESS_TOKEN_COOKIE)).toMatchObject({ value: 'new.access.token', httpOnly: true, secure: true });
    expect(response.cookies.get(REFRESH_TOKEN_COOKIE)?.value).toBe('rotated');
    expect(response.headers.get('x-middleware-request-cookie')).toContain(`${ACCESS_TOKEN_COOKIE}=new.access.token`);
  });

  it('drops a refused refresh token and lets the request through signed out', async () => {
    vi.stubEnv('SUPABASE_URL', url);
    vi.stubEnv('SUPABASE_ANON_KEY', 'anon-key');
    const response = await proxy(request('revoked'));
    expect(response.cookies.get(REFRESH_TOKEN_COOKIE)?.value).toBe('');
    expect(response.cookies.get(ACCESS_TOKEN_COOKIE)).toBeUndefined();
  });

  it('does nothing in demo mode, where no Supabase project is configured', async () => {
    vi.stubEnv('SUPABASE_URL', '');
    const response = await proxy(request('good'));
    expect(calls).toHaveLength(0);
    expect(response.cookies.getAll()).toEqual([]);
  });
});
