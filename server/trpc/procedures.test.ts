import { randomUUID } from 'node:crypto';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import superjson from 'superjson';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { ConflictError, InvariantViolationError, NotFoundError } from '../../engines/errors';
import { addMember } from '../../test/fixtures';
import { viewerFor } from '../../test/fixtures/auth';
import { twoTenantBed } from '../../test/fixtures/procedures';
import { rejection } from '../../test/trpc';
import type { Viewer } from '../auth/viewer';
import { logger } from '../logging/logger';
import { adminProcedure, brandProcedure, createCallerFactory, createInnerContext, createTRPCRouter, publicProcedure } from './init';

// The base procedures, through a probe router that exposes what each one resolved or threw.
const probeRouter = createTRPCRouter({
  scope: brandProcedure.query(({ ctx }) => ({ ...ctx.scope, role: ctx.role })),
  adminOnly: adminProcedure.mutation(({ ctx }) => ctx.scope.brandId),
  withLimit: brandProcedure.input(z.object({ limit: z.int().min(1).max(10) })).query(({ input }) => input.limit),
  fails: publicProcedure.input(z.object({ with: z.enum(['notFound', 'inputRule', 'stateRule', 'conflict', 'bug']) })).query(({ input }) => {
    switch (input.with) {
      case 'notFound':
        throw new NotFoundError('Package', 'p-1');
      case 'inputRule':
        throw new InvariantViolationError('channels must not be empty', 'input');
      case 'stateRule':
        throw new InvariantViolationError('already published', 'state');
      case 'conflict':
        throw new ConflictError('slug taken');
      case 'bug':
        throw new Error('connection string postgres://secret@db leaked');
    }
  }),
});
const createProbeCaller = createCallerFactory(probeRouter);

const bed = twoTenantBed({ tenant: 'Probe Co', other: 'Elsewhere Co' });

const probeAs = (viewer: Viewer | null) => createProbeCaller(createInnerContext({ system: bed.system, viewer }));

describe('brandProcedure', () => {
  it("resolves the brand's tenant and the viewer's role there", async () => {
    expect(await probeAs(bed.owner).scope({ brandId: bed.fx.brandId })).toEqual({
      tenantId: bed.fx.tenantId,
      brandId: bed.fx.brandId,
      role: 'owner',
    });
  });

  it("answers NOT_FOUND for a brand outside the viewer's memberships even if the brand exists", async () => {
    expect((await rejection(probeAs(bed.owner).scope({ brandId: bed.other.brandId }))).code).toBe('NOT_FOUND');
  });

  it("trusts the viewer's memberships, not just the user id: a lost membership loses the brand", async () => {
    expect((await rejection(probeAs({ userId: bed.fx.ownerUserId, memberships: [] }).scope({ brandId: bed.fx.brandId }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it("merges its brandId with a procedure's own input and validates both", async () => {
    expect(await probeAs(bed.owner).withLimit({ brandId: bed.fx.brandId, limit: 3 })).toBe(3);
    const error = await rejection(probeAs(bed.owner).withLimit({ brandId: bed.fx.brandId, limit: 50 }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/limit: /);
  });
});

describe('adminProcedure', () => {
  it('lets an owner and an admin through', async () => {
    const admin = await viewerFor(bed.system, await addMember(bed.handle.db, bed.fx.tenantId, 'admin'));
    expect(await probeAs(bed.owner).adminOnly({ brandId: bed.fx.brandId })).toBe(bed.fx.brandId);
    expect(await probeAs(admin).adminOnly({ brandId: bed.fx.brandId })).toBe(bed.fx.brandId);
  });

  it('is FORBIDDEN for a member of the tenant', async () => {
    const member = await viewerFor(bed.system, await addMember(bed.handle.db, bed.fx.tenantId, 'member'));
    expect((await rejection(probeAs(member).adminOnly({ brandId: bed.fx.brandId }))).code).toBe('FORBIDDEN');
  });

  it("is NOT_FOUND, not FORBIDDEN, for another tenant's brand", async () => {
    expect((await rejection(probeAs(bed.owner).adminOnly({ brandId: bed.other.brandId }))).code).toBe('NOT_FOUND');
  });
});

describe('errors thrown inside a procedure', () => {
  it.each([
    ['notFound', 'NOT_FOUND', 'Package p-1 not found'],
    ['inputRule', 'BAD_REQUEST', 'channels must not be empty'],
    ['stateRule', 'CONFLICT', 'already published'],
    ['conflict', 'CONFLICT', 'slug taken'],
  ] as const)("%s becomes %s with the engine's message", async (kind, code, message) => {
    const error = await rejection(probeAs(null).fails({ with: kind }));
    expect(error.code).toBe(code);
    expect(error.message).toBe(message);
  });

  it('an unexpected error becomes INTERNAL_SERVER_ERROR, is logged, and reveals nothing', async () => {
    const log = vi.spyOn(logger, 'error');
    const error = await rejection(probeAs(null).fails({ with: 'bug' }));
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.message).toBe('Internal server error');
    expect(log).toHaveBeenCalledWith(
      expect.objectContaining({ procedure: 'fails', err: expect.objectContaining({ message: expect.stringContaining('leaked') }) }),
      'procedure failed',
    );
    log.mockRestore();
  });
});

describe('over HTTP', () => {
  const call = async (path: string, input: unknown) => {
    const url = `http://localhost/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(superjson.serialize(input)))}`;
    const response = await fetchRequestHandler({
      endpoint: '/api/trpc',
      req: new Request(url),
      router: probeRouter,
      createContext: () => createInnerContext({ system: bed.system, viewer: bed.owner }),
    });
    return {
      status: response.status,
      body: (await response.json()) as { error?: { json: { message: string; data: Record<string, unknown> } } },
    };
  };

  it('answers a bad input with 400 and the zod field errors by path', async () => {
    const { status, body } = await call('withLimit', { brandId: bed.fx.brandId, limit: 0 });
    expect(status).toBe(400);
    expect(body.error?.json.data.code).toBe('BAD_REQUEST');
    expect(body.error?.json.message).toMatch(/^Invalid input: limit: /);
    const zodError = body.error?.json.data.zodError as { fieldErrors: Record<string, string[]> };
    expect(Object.keys(zodError.fieldErrors)).toEqual(['limit']);
  });

  it("answers another tenant's brand with 404 and no field errors", async () => {
    const { status, body } = await call('scope', { brandId: randomUUID() });
    expect(status).toBe(404);
    expect(body.error?.json.data.zodError).toBeNull();
  });
});
