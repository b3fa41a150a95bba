import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_COOKIE, accessTokenCookieOptions, accessTokenFromHeaders } from './token-transport';

describe('accessTokenFromHeaders', () => {
  it('reads the token from the access-token cookie among others', () => {
    const headers = new Headers({ cookie: `theme=dark; ${ACCESS_TOKEN_COOKIE}=abc.def.ghi; other=1` });
    expect(accessTokenFromHeaders(headers)).toBe('abc.def.ghi');
  });

  it('prefers an Authorization bearer token over the cookie', () => {
    const headers = new Headers({ authorization: 'Bearer header.token.value', cookie: `${ACCESS_TOKEN_COOKIE}=cookie.token` });
    expect(accessTokenFromHeaders(headers)).toBe('header.token.value');
  });

  it('falls back to the cookie when the Authorization header is not a bearer token', () => {
    const headers = new Headers({ authorization: 'Basic dXNlcjpwYXNz', cookie: `${ACCESS_TOKEN_COOKIE}=cookie.token` });
    expect(accessTokenFromHeaders(headers)).toBe('cookie.token');
  });

  it('finds nothing in a request without either, or with a cookie of a similar name', () => {
    expect(accessTokenFromHeaders(new Headers())).toBeNull();
    expect(accessTokenFromHeaders(new Headers({ cookie: `x-${ACCESS_TOKEN_COOKIE}=nope; ${ACCESS_TOKEN_COOKIE}=` }))).toBeNull();
  });
});

describe("the session cookie of Supabase's own clients", () => {
  const session = { access_token: 'supabase.session.token', refresh_token: 'r', expires_at: 2_000_000_000 };

  it('reads the access token from a JSON or base64-encoded sb-<ref>-auth-token cookie', () => {
    const json = encodeURIComponent(JSON.stringify(session));
    expect(accessTokenFromHeaders(new Headers({ cookie: `sb-abcdref-auth-token=${json}` }))).toBe('supabase.session.token');
    const b64 = `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`;
    expect(accessTokenFromHeaders(new Headers({ cookie: `sb-abcdref-auth-token=${b64}` }))).toBe('supabase.session.token');
  });

  it('joins a session split into numbered chunks, in order', () => {
    const b64 = `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`;
    const [first, second] = [b64.slice(0, 20), b64.slice(20)];
    const headers = new Headers({ cookie: `sb-abcdref-auth-token.1=${second}; sb-abcdref-auth-token.0=${first}` });
    expect(accessTokenFromHeaders(headers)).toBe('supabase.session.token');
  });

  it("prefers the app's own cookie and ignores a session cookie it cannot read", () => {
    const both = new Headers({
      cookie: `sb-abcdref-auth-token=${encodeURIComponent(JSON.stringify(session))}; ${ACCESS_TOKEN_COOKIE}=own.token`,
    });
    expect(accessTokenFromHeaders(both)).toBe('own.token');
    expect(accessTokenFromHeaders(new Headers({ cookie: 'sb-abcdref-auth-token=base64-%%%not-json' }))).toBeNull();
  });
});

describe('accessTokenCookieOptions', () => {
  it('makes an http-only cookie that expires with the token and is secure only over https', () => {
    const expires = new Date('2030-01-01T00:00:00Z');
    expect(accessTokenCookieOptions(expires, 'https://kairo.example/api/auth/session')).toEqual({
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: true,
      expires,
    });
    expect(accessTokenCookieOptions(expires, 'http://localhost:3000/').secure).toBe(false);
  });
});
