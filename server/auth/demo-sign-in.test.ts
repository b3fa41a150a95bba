import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../../engines/errors';
import { DEMO_OWNER, DEMO_TENANTS } from '../../supabase/seed/demo-users';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { createSystemContext } from '../orchestrator/context';
import { loadAuthSetup } from './auth-setup';
import { signInAsDemoUser } from './demo-sign-in';
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
