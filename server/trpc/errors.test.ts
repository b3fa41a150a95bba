import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConflictError, ForbiddenError, InvariantViolationError, NotFoundError } from '../../engines/errors';
import { ModelUnavailableError, PromptBuildError } from '../orchestrator/llm/errors';
import { DATABASE_UNAVAILABLE_MESSAGE, REFUSED_VALUE_MESSAGE, retryAfterSeconds, toTRPCError } from './errors';

describe('toTRPCError', () => {
  it.each([
    [new NotFoundError('Brand', 'b-1'), 'NOT_FOUND'],
    [new ForbiddenError('owners only'), 'FORBIDDEN'],
    [new InvariantViolationError('bad channels', 'input'), 'BAD_REQUEST'],
    [new InvariantViolationError('already archived', 'state'), 'CONFLICT'],
    [new ConflictError('slug taken'), 'CONFLICT'],
    [new ModelUnavailableError('thesis', 'timed out'), 'BAD_GATEWAY'],
    [new PromptBuildError('PackageThesis', '9,900 chars, over the cap of 9,500'), 'UNPROCESSABLE_CONTENT'],
  ])('maps %s to %s, keeping its message', (error, code) => {
    const mapped = toTRPCError(error);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toBe(error.message);
  });

  it('maps an engine error that tRPC wrapped as its cause', () => {
    const wrapped = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new NotFoundError('Variant', 'v-1') });
    expect(toTRPCError(wrapped).code).toBe('NOT_FOUND');
  });

  it('maps a ZodError to BAD_REQUEST naming every failing field path', () => {
    const parsed = z.object({ brandId: z.uuid(), channels: z.array(z.enum(['x'])) }).safeParse({ brandId: 'b', channels: ['fax'] });
    const mapped = toTRPCError(parsed.error);
    expect(mapped.code).toBe('BAD_REQUEST');
    expect(mapped.message).toMatch(/^Invalid input: brandId: .+; channels\.0: /);
  });

  // Drizzle wraps the driver's error (PGlite's and postgres.js's both carry the SQLSTATE as `code`).
  const driverError = (code: string) =>
    new Error('Failed query: insert into …', { cause: Object.assign(new Error('data exception'), { code }) });

  it.each(['22021', '22P05', '22P02', '22007', '22008', '22009'])(
    'maps a value the database refused (SQLSTATE %s) to BAD_REQUEST, revealing nothing of the query',
    (code) => {
      const mapped = toTRPCError(driverError(code));
      expect(mapped.code).toBe('BAD_REQUEST');
      expect(mapped.message).toBe(REFUSED_VALUE_MESSAGE);
    },
  );

  it('leaves any other database failure an INTERNAL_SERVER_ERROR', () => {
    expect(toTRPCError(driverError('23503')).code).toBe('INTERNAL_SERVER_ERROR');
    expect(toTRPCError(driverError('40P01')).code).toBe('INTERNAL_SERVER_ERROR');
  });

  it('keeps a TRPCError thrown on purpose', () => {
    const unauthorized = new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first' });
    expect(toTRPCError(unauthorized)).toBe(unauthorized);
  });

  it('turns anything else into INTERNAL_SERVER_ERROR without its message, keeping it as the cause', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    const mapped = toTRPCError(bug);
    expect(mapped.code).toBe('INTERNAL_SERVER_ERROR');
    expect(mapped.message).toBe('Internal server error');
    expect(mapped.cause).toBe(bug);
  });

  it('reads the error code, not the class: an error made by another bundle maps the same', () => {
    const elsewhere = Object.assign(new Error('Package p-1 not found'), { name: 'NotFoundError', errorCode: 'not_found' });
    expect(toTRPCError(elsewhere)).toMatchObject({ code: 'NOT_FOUND', message: 'Package p-1 not found' });
    const limited = Object.assign(new Error('Too many package builds: try again in 42 s'), {
      errorCode: 'rate_limited',
      retryAfterSeconds: 41.2,
    });
    const mapped = toTRPCError(limited);
    expect(mapped.code).toBe('TOO_MANY_REQUESTS');
    expect(retryAfterSeconds(mapped)).toBe(42);
  });

  it('ignores an unknown error code, revealing nothing', () => {
    const odd = Object.assign(new Error('select * from secrets'), { errorCode: 'something_else' });
    expect(toTRPCError(odd)).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' });
  });

  it.each([
    ['a terminated backend (57P01)', driverError('57P01')],
    ['a statement timeout (57014)', driverError('57014')],
    [
      'a refused connection',
      new Error('Failed query: select 1', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      }),
    ],
    [
      'a connection lost mid-query',
      new Error('Failed query: select "memberships"."tenant_id"', { cause: new Error('Connection terminated unexpectedly') }),
    ],
    ['a connect timeout', new Error('timeout exceeded when trying to connect')],
  ])('maps %s to SERVICE_UNAVAILABLE without the query, asking to retry', (_label, error) => {
    const mapped = toTRPCError(error);
    expect(mapped.code).toBe('SERVICE_UNAVAILABLE');
    expect(mapped.message).toBe(DATABASE_UNAVAILABLE_MESSAGE);
    expect(retryAfterSeconds(mapped)).toBe(5);
  });
});
