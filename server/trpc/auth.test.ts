import { describe, expect, it } from 'vitest';
import { DEMO_OWNER, DEMO_TENANTS, DEMO_USERS } from '../../supabase/seed/demo-users';
import { viewerFor } from '../../test/fixtures/auth';
import { procedureBed } from '../../test/fixtures/procedures';
import { codeOf } from '../../test/trpc';
import { createAuthSetup } from '../auth/auth-setup';
import { createSystemContext } from '../orchestrator/context';

const bed = procedureBed();

describe('auth.me', () => {
  it('names the signed-in user and their tenants', async () => {
    expect(await bed.as(await viewerFor(bed.system, DEMO_OWNER.userId)).auth.me()).toMatchObject({
      userId: DEMO_OWNER.userId,
      displayName: DEMO_OWNER.displayName,
      memberships: [{ tenantId: DEMO_TENANTS.northwind.id, role: 'owner' }],
    });
  });

  it('is UNAUTHORIZED without a viewer', async () => {
    expect(await codeOf(bed.as(null).auth.me())).toBe('UNAUTHORIZED');
  });
});

describe('auth.mode', () => {
  it('tells the sign-in page to offer the demo users where no Supabase project is configured', async () => {
    expect(await bed.as(null).auth.mode()).toEqual({ mode: 'demo', supabaseClient: null, demoSignIn: true });
  });

  it('hands over the public Supabase client settings, and no demo sign-in, in Supabase mode', async () => {
    const supabaseClient = { url: 'https://abc.supabase.co', anonKey: 'anon-key' };
    const supabase = createSystemContext(bed.handle, {
      auth: createAuthSetup('supabase', { hs256Secret: new Uint8Array(32) }, { supabaseClient }),
    });
    expect(await bed.as(null, supabase).auth.mode()).toEqual({ mode: 'supabase', supabaseClient, demoSignIn: false });
  });
});

describe('auth.demoUsers', () => {
  it('lists the seeded demo users to anyone while the demo sign-in is allowed', async () => {
    const ids = (await bed.as(null).auth.demoUsers()).map((u) => u.userId);
    expect(ids).toEqual(expect.arrayContaining(DEMO_USERS.map((u) => u.userId)));
  });

  it('is FORBIDDEN where the demo sign-in is off', async () => {
    const supabaseOnly = createSystemContext(bed.handle, { auth: createAuthSetup('supabase', { hs256Secret: new Uint8Array(32) }) });
    expect(await codeOf(bed.as(null, supabaseOnly).auth.demoUsers())).toBe('FORBIDDEN');
  });
});
