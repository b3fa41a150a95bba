import { describe, expect, it } from 'vitest';
import { safeNextPath, signInHref } from './next-path';

describe('safeNextPath', () => {
  it('keeps a same-origin path with its query and hash', () => {
    expect(safeNextPath('/brands/7b1c/insights')).toBe('/brands/7b1c/insights');
    expect(safeNextPath('/brands/7b1c/today?sort=newest#card-3')).toBe('/brands/7b1c/today?sort=newest#card-3');
    expect(safeNextPath('/')).toBe('/');
  });

  it.each([
    ['an absolute URL', 'https://evil.example/brands'],
    ['a protocol-relative URL', '//evil.example/brands'],
    ['a backslash host', '/\\evil.example'],
    ['a backslash anywhere', '/brands\\..\\x'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a relative path without a slash', 'brands/7b1c'],
    ['a tab that browsers strip', '/\t/evil.example'],
    ['a newline', '/brands\n/x'],
    ['an empty string', ''],
    ['a non-string', ['/brands']],
    ['a very long path', `/${'a'.repeat(3_000)}`],
    ['the sign-in page itself', '/sign-in?next=/brands'],
  ])('refuses %s', (_label, raw) => {
    expect(safeNextPath(raw)).toBeNull();
  });

  it('normalises dot segments without leaving the site', () => {
    expect(safeNextPath('/brands/../../../etc')).toBe('/etc');
  });
});

describe('signInHref', () => {
  it('carries a deep link as ?next=', () => {
    expect(signInHref('/brands/7b1c/insights?window=30')).toBe('/sign-in?next=%2Fbrands%2F7b1c%2Finsights%3Fwindow%3D30');
  });

  it('is the plain sign-in page for the front door or anything unsafe', () => {
    expect(signInHref('/')).toBe('/sign-in');
    expect(signInHref(null)).toBe('/sign-in');
    expect(signInHref('https://evil.example')).toBe('/sign-in');
  });
});
