import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { proxy } from './proxy';
import { REFRESH_TOKEN_COOKIE } from './server/auth/session-refresh';
import { ACCESS_TOKEN_COOKIE } from './server/auth/token-transport';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

const get = (path: string, cookie?: string) =>
  proxy(new NextRequest(`https://kairo.example${path}`, { headers: cookie ? { cookie } : {} }));

const nonceOf = (policy: string | null) => /'nonce-([^']+)'/.exec(policy ?? '')?.[1];

describe('proxy: content security policy', () => {
  it('gives each page response a policy with a fresh nonce, and tells Next the same policy and nonce', async () => {
    const first = await get('/brands/x/today');
    const policy = first.headers.get('content-security-policy');
    const nonce = nonceOf(policy);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    // What Next sees while rendering: the request headers the proxy overrides.
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(nonce);

    const second = await get('/brands/x/today');
    expect(nonceOf(second.headers.get('content-security-policy'))).not.toBe(nonce);
  });

  it('leaves eval out of a production policy and lets the browser reach the Supabase project', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('SUPABASE_URL', 'https://abc.supabase.co');
    const policy = (await get('/sign-in')).headers.get('content-security-policy') ?? '';
    expect(policy).toContain("connect-src 'self' https://abc.supabase.co;");
    expect(policy).not.toContain('unsafe-eval');
  });

  it('puts no page policy on an API response', async () => {
    const response = await get('/api/trpc/brands.list', `${REFRESH_TOKEN_COOKIE}=r`);
    expect(response.headers.get('content-security-policy')).toBeNull();
    expect(response.headers.get('x-middleware-request-x-nonce')).toBeNull();
  });
});

describe('proxy: request id', () => {
  it('names each request for the page or route it passes to, keeping a plain id a proxy in front gave', async () => {
    const idOf = (response: Response) => response.headers.get('x-middleware-request-x-request-id');
    const first = idOf(await get('/brands/x/today'));
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(idOf(await get('/brands/x/today'))).not.toBe(first);
    const given = await proxy(new NextRequest('https://kairo.example/brands', { headers: { 'x-request-id': 'edge-42' } }));
    expect(idOf(given)).toBe('edge-42');
    const unsafe = await proxy(new NextRequest('https://kairo.example/brands', { headers: { 'x-request-id': 'a b\u0007' } }));
    expect(idOf(unsafe)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('proxy: session renewal', () => {
  it('calls Supabase only when the access-token cookie is gone and the refresh-token cookie is there', async () => {
    vi.stubEnv('SUPABASE_URL', 'https://abc.supabase.co');
    vi.stubEnv('SUPABASE_ANON_KEY', 'anon-key');
    const fetchSpy = vi.fn<typeof fetch>();
    vi.stubGlobal('fetch', fetchSpy);
    await get('/brands/x/today', `${ACCESS_TOKEN_COOKIE}=a; ${REFRESH_TOKEN_COOKIE}=r`);
    await get('/brands/x/today', `${ACCESS_TOKEN_COOKIE}=a`);
    await get('/brands/x/today');
    expect(fetchSpy).not.toHaveBeenCalled();

    fetchSpy.mockResolvedValue(Response.json({ access_token: 'new.access', refresh_token: 'rotated', expires_in: 3600 }));
    const renewed = await get('/brands/x/today', `${REFRESH_TOKEN_COOKIE}=r`);
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    // Renewal and policy together: the page renders with the new token and with the nonce.
    expect(renewed.headers.get('x-middleware-request-cookie')).toContain(`${ACCESS_TOKEN_COOKIE}=new.access`);
    expect(renewed.headers.get('x-middleware-request-x-nonce')).toBe(nonceOf(renewed.headers.get('content-security-policy')));
    expect(renewed.cookies.get(REFRESH_TOKEN_COOKIE)?.value).toBe('rotated');
  });
});
