import { describe, expect, it } from 'vitest';
import { clientIp } from './client-ip';

const headers = (values: Record<string, string>) => new Headers(values);

describe('clientIp', () => {
  it('takes the first x-forwarded-for entry: the client, ahead of any proxies', () => {
    expect(clientIp(headers({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1, 10.0.0.2' }))).toBe('203.0.113.7');
    expect(clientIp(headers({ 'x-forwarded-for': '2001:db8::1', 'x-real-ip': '10.0.0.9' }))).toBe('2001:db8::1');
  });

  it('falls back to x-real-ip, then to one shared bucket', () => {
    expect(clientIp(headers({ 'x-real-ip': ' 198.51.100.4 ' }))).toBe('198.51.100.4');
    expect(clientIp(headers({ 'x-forwarded-for': ' , 10.0.0.1', 'x-real-ip': '198.51.100.4' }))).toBe('198.51.100.4');
    expect(clientIp(headers({}))).toBe('unknown');
  });
});
