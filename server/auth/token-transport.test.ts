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
