import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, supabaseConnectOrigins } from './content-security-policy';

const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

describe('contentSecurityPolicy', () => {
  it('lets only nonced scripts run in production, with no eval and no inline styles', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'abc123', development: false, connectOrigins: [] }));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-abc123'", "'strict-dynamic'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'nonce-abc123'"]);
    expect([...policy.values()].flat()).not.toContain("'unsafe-eval'");
    expect([...policy.values()].flat()).not.toContain("'unsafe-inline'");
  });

  it('keeps the page out of frames, plugins, foreign forms and foreign base URLs', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'n', development: false, connectOrigins: [] }));
    expect(Object.fromEntries(policy)).toMatchObject({
      'default-src': ["'self'"],
      'img-src': ["'self'", 'data:', 'blob:'],
      'font-src': ["'self'"],
      'connect-src': ["'self'"],
      'frame-ancestors': ["'none'"],
      'base-uri': ["'self'"],
      'form-action': ["'self'"],
      'object-src': ["'none'"],
    });
  });

  it("allows eval and un-nonced styles in development only, for React's dev tooling and hot-reloaded CSS", () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'n', development: true, connectOrigins: [] }));
    expect(policy.get('script-src')).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('lets the browser reach the configured Supabase project', () => {
    const policy = directives(contentSecurityPolicy({ nonce: 'n', development: false, connectOrigins: ['https://abc.supabase.co'] }));
    expect(policy.get('connect-src')).toEqual(["'self'", 'https://abc.supabase.co']);
  });
});

describe('supabaseConnectOrigins', () => {
  it('takes the origin of either Supabase URL variable, once', () => {
    expect(
      supabaseConnectOrigins({ SUPABASE_URL: 'https://abc.supabase.co/', NEXT_PUBLIC_SUPABASE_URL: 'https://abc.supabase.co' }),
    ).toEqual(['https://abc.supabase.co']);
    expect(supabaseConnectOrigins({ NEXT_PUBLIC_SUPABASE_URL: 'http://127.0.0.1:54321/auth' })).toEqual(['http://127.0.0.1:54321']);
  });

  it('leaves out unset values and anything that is not an http(s) URL, so nothing odd lands in the policy', () => {
    expect(supabaseConnectOrigins({})).toEqual([]);
    expect(supabaseConnectOrigins({ SUPABASE_URL: '' })).toEqual([]);
    expect(supabaseConnectOrigins({ SUPABASE_URL: "https://x.example; script-src 'unsafe-inline'" })).toEqual([]);
    expect(supabaseConnectOrigins({ SUPABASE_URL: 'javascript:alert(1)' })).toEqual([]);
  });
});

describe('createNonce', () => {
  it('makes a fresh base64 value of 128 bits each time', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });
});
