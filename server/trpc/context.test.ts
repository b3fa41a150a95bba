import { describe, expect, it } from 'vitest';
import { DEMO_OWNER } from '../../supabase/seed/demo-users';
import { signTestToken, testAuthSetup } from '../../test/fixtures/auth';
import type { SystemContext } from '../orchestrator/context';
import { createTRPCContext } from './init';

// The request context is built before any procedure middleware runs, so its failures need their own
// mapping: tRPC would otherwise answer with the raw message, SQL and bound user id included.

const { key, auth } = testAuthSetup();

function systemWhoseMembershipsFail(cause: Error): SystemContext {
  const failure = new Error(
    `Failed query: select "memberships"."tenant_id" from "memberships" where "user_id" = $1\\nparams: ${DEMO_OWNER.userId}`,
    {
      cause,
    },
  );
  return { auth, engines: { tenancy: { getViewerMemberships: () => Promise.reject(failure) } } } as unknown as SystemContext;
}

async function contextFailure(system: SystemContext) {
  const headers = new Headers({ authorization: `Bearer ${await signTestToken(key, { sub: DEMO_OWNER.userId })}` });
  return createTRPCContext({ headers, system }).then(
    () => {
      throw new Error('the context was built');
    },
    (error: unknown) => error as { code: string; message: string },
  );
}

describe('createTRPCContext when the database fails', () => {
  it('answers SERVICE_UNAVAILABLE with a plain message when the database is unreachable', async () => {
    const error = await contextFailure(systemWhoseMembershipsFail(new Error('Connection terminated unexpectedly')));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).not.toMatch(/select|memberships|params/i);
    expect(error.message).not.toContain(DEMO_OWNER.userId);
  });

  it('answers INTERNAL_SERVER_ERROR revealing nothing for any other failure', async () => {
    const error = await contextFailure(systemWhoseMembershipsFail(Object.assign(new Error('relation does not exist'), { code: '42P01' })));
    expect(error).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
  });
});

describe('createTRPCContext', () => {
  it("carries the caller's request id into the procedures, or a new one", async () => {
    const system = { auth } as unknown as SystemContext;
    const given = await createTRPCContext({ headers: new Headers({ 'x-request-id': 'page-42' }), system });
    expect(given).toMatchObject({ requestId: 'page-42', viewer: null });
    const made = await createTRPCContext({ headers: new Headers(), system });
    expect(made.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
