import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../engines/errors';
import { DEMO_OWNER, DEMO_TENANTS, OTHER_TENANT_OWNER } from '../../supabase/seed/demo-users';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { signTestToken, testAuthSetup } from '../../test/fixtures/auth';
import { createSystemContext } from '../orchestrator/context';
import { loadAuthSetup } from './auth-setup';
import { demoUserIdFor, signInAsDemoUser, signInByDemoEmail } from './demo-sign-in';
import { resolveViewer } from './viewer';

let handle: TestDatabase;
let dataDir: string;

beforeAll(async () => {
  handle = await createTestDatabase();
  dataDir = await mkdtemp(path.join(tmpdir(), 'kairo-auth-'));
});
afterAll(async () => {
  await handle.close();
  await rm(dataDir, { recursive: true, force: true });
});

const systemWith = async (env: NodeJS.ProcessEnv) => createSystemContext(handle, { auth: await loadAuthSetup(env, { dataDir }) });

describe('demo sign-in', () => {
  it('issues a token that the same verifier turns into the demo owner with their tenant', async () => {
    const system = await systemWith({ NODE_ENV: 'development' });
    const { token, expiresAt } = await signInAsDemoUser(system, DEMO_OWNER.userId);
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(await resolveViewer(system, token)).toEqual({
      userId: DEMO_OWNER.userId,
      memberships: [{ tenantId: DEMO_TENANTS.northwind.id, role: 'owner' }],
    });
  });

  it('refuses a user who belongs to no tenant', async () => {
    const system = await systemWith({ NODE_ENV: 'development' });
    await expect(signInAsDemoUser(system, randomUUID())).rejects.toThrow(NotFoundError);
  });

  it('is refused when NODE_ENV=production, and no demo secret is made', async () => {
    const prodDir = await mkdtemp(path.join(tmpdir(), 'kairo-auth-prod-'));
    const auth = await loadAuthSetup({ NODE_ENV: 'production' }, { dataDir: prodDir });
    const system = createSystemContext(handle, { auth });
    expect(auth.demoSigningKey).toBeNull();
    await expect(signInAsDemoUser(system, DEMO_OWNER.userId)).rejects.toThrow(ForbiddenError);
    expect(existsSync(path.join(prodDir, 'demo-jwt-secret'))).toBe(false);
    await rm(prodDir, { recursive: true, force: true });
  });

  it('does not honour a demo token in production', async () => {
    const devSystem = await systemWith({ NODE_ENV: 'development' });
    const { token } = await signInAsDemoUser(devSystem, DEMO_OWNER.userId);
    const prodSystem = await systemWith({ NODE_ENV: 'production' });
    expect(await resolveViewer(prodSystem, token)).toBeNull();
  });

  it('runs in a production build only when KAIRO_ALLOW_DEMO_IN_PRODUCTION=1 says so', async () => {
    const system = await systemWith({ NODE_ENV: 'production', KAIRO_ALLOW_DEMO_IN_PRODUCTION: '1' });
    const { token } = await signInAsDemoUser(system, DEMO_OWNER.userId);
    expect((await resolveViewer(system, token))?.userId).toBe(DEMO_OWNER.userId);
  });

  it('is off when Supabase is configured, and demo tokens are not accepted there', async () => {
    const devSystem = await systemWith({ NODE_ENV: 'development' });
    const { token } = await signInAsDemoUser(devSystem, DEMO_OWNER.userId);
    const supabase = await systemWith({ NODE_ENV: 'development', SUPABASE_JWT_SECRET: 'a-supabase-project-jwt-secret-of-some-length' });
    expect(supabase.auth.mode).toBe('supabase');
    await expect(signInAsDemoUser(supabase, DEMO_OWNER.userId)).rejects.toThrow(ForbiddenError);
    expect(await resolveViewer(supabase, token)).toBeNull();
  });
});

describe('the demo secret', () => {
  it('is generated once under the data folder and reused after a restart', async () => {
    const first = await loadAuthSetup({ NODE_ENV: 'development' }, { dataDir });
    const second = await loadAuthSetup({ NODE_ENV: 'development' }, { dataDir });
    expect(existsSync(path.join(dataDir, 'demo-jwt-secret'))).toBe(true);
    expect(first.demoSigningKey).toEqual(second.demoSigningKey);
    const system = createSystemContext(handle, { auth: first });
    const { token } = await signInAsDemoUser(system, DEMO_OWNER.userId);
    expect((await resolveViewer(createSystemContext(handle, { auth: second }), token))?.userId).toBe(DEMO_OWNER.userId);
  });

  it('comes from KAIRO_DEMO_JWT_SECRET when set, which must be long enough', async () => {
    const configured = 'x'.repeat(40);
    const auth = await loadAuthSetup({ NODE_ENV: 'development', KAIRO_DEMO_JWT_SECRET: configured }, { dataDir });
    expect(auth.demoSigningKey).toEqual(new TextEncoder().encode(configured));
    await expect(loadAuthSetup({ NODE_ENV: 'development', KAIRO_DEMO_JWT_SECRET: 'short' }, { dataDir })).rejects.toThrow(/at least 32/);
  });
});

describe('demo sign-in by email (a new user)', () => {
  it('signs a new person in as a verified email: a profile named after it, no workspace yet, the same user next time', async () => {
    const system = await systemWith({ NODE_ENV: 'development' });
    const email = `New.Person.${randomUUID().slice(0, 8)}@Example.com`;
    const { token } = await signInByDemoEmail(system, email);
    const viewer = await resolveViewer(system, token);
    expect(viewer).toEqual({ userId: demoUserIdFor(email), memberships: [] });
    expect(await system.engines.tenancy.getViewerProfile(viewer!.userId)).toMatchObject({
      email: email.toLowerCase(),
      displayName: email.toLowerCase().split('@')[0],
    });
    const again = await resolveViewer(system, (await signInByDemoEmail(system, ` ${email.toUpperCase()} `)).token);
    expect(again?.userId).toBe(viewer!.userId);
  });

  it('derives a stable uuid v5 per email', () => {
    expect(demoUserIdFor('a@example.com')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(demoUserIdFor('A@Example.com')).toBe(demoUserIdFor('a@example.com'));
    expect(demoUserIdFor('b@example.com')).not.toBe(demoUserIdFor('a@example.com'));
  });

  it("signs in as the existing user who has that email (a seeded one's included)", async () => {
    const system = await systemWith({ NODE_ENV: 'development' });
    const { token } = await signInByDemoEmail(system, DEMO_OWNER.email);
    expect((await resolveViewer(system, token))?.userId).toBe(DEMO_OWNER.userId);
  });

  it('accepts pending invites for the email on sign-in, so the person lands in the workspace', async () => {
    const system = await systemWith({ NODE_ENV: 'development' });
    const email = `invitee-${randomUUID().slice(0, 8)}@example.com`;
    await system.engines.team.invite(DEMO_TENANTS.northwind.id, DEMO_OWNER.userId, { email, role: 'member' });
    const viewer = await resolveViewer(system, (await signInByDemoEmail(system, email)).token);
    expect(viewer?.memberships).toEqual([{ tenantId: DEMO_TENANTS.northwind.id, role: 'member' }]);
  });

  it('refuses an address that is not an email', async () => {
    const system = await systemWith({ NODE_ENV: 'development' });
    await expect(signInByDemoEmail(system, 'not-an-email')).rejects.toThrow(/valid email/);
  });

  it('is refused in production exactly like the demo sign-in, and its tokens are not honoured there', async () => {
    const prodDir = await mkdtemp(path.join(tmpdir(), 'kairo-auth-prod-'));
    const prodSystem = createSystemContext(handle, { auth: await loadAuthSetup({ NODE_ENV: 'production' }, { dataDir: prodDir }) });
    await expect(signInByDemoEmail(prodSystem, 'someone@example.com')).rejects.toThrow(ForbiddenError);
    const { token } = await signInByDemoEmail(await systemWith({ NODE_ENV: 'development' }), 'someone@example.com');
    expect(await resolveViewer(prodSystem, token)).toBeNull();
    await rm(prodDir, { recursive: true, force: true });
  });
});

describe('resolveViewer with a Supabase-shaped token', () => {
  it('gives a first-time user a profile and accepts invites only when the email is verified', async () => {
    const { key, auth } = testAuthSetup();
    const system = createSystemContext(handle, { auth });
    const email = `supa-${randomUUID().slice(0, 8)}@example.com`;
    await system.engines.team.invite(DEMO_TENANTS.globex.id, OTHER_TENANT_OWNER.userId, { email, role: 'admin' });
    const userId = randomUUID();

    const unconfirmed = await signTestToken(key, { sub: userId, email, user_metadata: { email_verified: false, full_name: 'Supa User' } });
    expect(await resolveViewer(system, unconfirmed)).toEqual({ userId, memberships: [] });
    expect(await system.engines.tenancy.getViewerProfile(userId)).toMatchObject({ email, displayName: 'Supa User' });

    const confirmed = await signTestToken(key, { sub: userId, email, user_metadata: { email_verified: true } });
    expect(await resolveViewer(system, confirmed)).toEqual({ userId, memberships: [{ tenantId: DEMO_TENANTS.globex.id, role: 'admin' }] });
    // Accepted once: signing in again changes nothing.
    expect(await resolveViewer(system, confirmed)).toEqual({ userId, memberships: [{ tenantId: DEMO_TENANTS.globex.id, role: 'admin' }] });
  });
});
