import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_COOKIE } from '@/server/auth/token-transport';
import { createSystemContext, setSystemContext } from '@/server/orchestrator/context';
import { DEMO_OWNER } from '@/supabase/seed/demo-users';
import { createTestDatabase, type TestDatabase } from '@/test/database';
import { POST } from './route';

let handle: TestDatabase;

beforeAll(async () => {
  handle = await createTestDatabase();
  // The default auth setup is the demo one, with a signing key: the demo sign-in is enabled.
  setSystemContext(createSystemContext(handle));
});
afterAll(() => handle.close());

const URL = 'http://localhost/api/auth/demo-sign-in';

function post(body: BodyInit | null, contentType?: string): Promise<Response> {
  return POST(new Request(URL, { method: 'POST', body, headers: contentType ? { 'content-type': contentType } : {} }));
}

describe('POST /api/auth/demo-sign-in', () => {
  it('signs a demo user in from the form: a token cookie and a redirect to the app', async () => {
    const response = await post(new URLSearchParams({ userId: DEMO_OWNER.userId }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.get('set-cookie')).toContain(`${ACCESS_TOKEN_COOKIE}=`);
  });

  it.each([
    ['JSON', JSON.stringify({ userId: DEMO_OWNER.userId }), 'application/json'],
    ['plain text', 'userId', 'text/plain'],
    ['a form content type with a broken multipart body', 'not multipart', 'multipart/form-data; boundary=x'],
    ['no body at all', null, undefined],
  ])('answers 400 with a message, and no cookie, for a body that is %s', async (_, body, contentType) => {
    const response = await post(body, contentType);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/must be a form/);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('answers 400 for a form whose userId is not a user id', async () => {
    const response = await post(new URLSearchParams({ userId: 'nope' }));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('userId must be a user id (or send an email instead).');
  });

  it('signs a new person in by email: a token cookie and a redirect to the app', async () => {
    const response = await post(new URLSearchParams({ email: 'first.timer@example.com' }));
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.get('set-cookie')).toContain(`${ACCESS_TOKEN_COOKIE}=`);
  });

  it('returns to the deep link in `next` after signing in, by user or by email', async () => {
    const byUser = await post(new URLSearchParams({ userId: DEMO_OWNER.userId, next: '/brands/b1/insights?days=7' }));
    expect(byUser.status).toBe(303);
    expect(byUser.headers.get('location')).toBe('/brands/b1/insights?days=7');
    const byEmail = await post(new URLSearchParams({ email: 'deep.link@example.com', next: '/workspaces/w1/team' }));
    expect(byEmail.headers.get('location')).toBe('/workspaces/w1/team');
  });

  it.each(['https://evil.example/brands', '//evil.example/brands', '/\\evil.example/brands', 'javascript:alert(1)'])(
    'never follows `next` off the site (%s): the app instead',
    async (next) => {
      const response = await post(new URLSearchParams({ userId: DEMO_OWNER.userId, next }));
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/');
    },
  );

  it('answers 400, and no cookie, for an email that is not one', async () => {
    const response = await post(new URLSearchParams({ email: 'first.timer' }));
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('email must be a valid email address.');
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});
