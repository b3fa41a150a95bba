import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, requestIdFrom, sqlLoggerOn, withRequestId } from './logger';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { log: createLogger(level, sink), lines };
}

describe('the server log', () => {
  it('puts the request id on every line written inside the request, however deep in its awaits', async () => {
    const { log, lines } = capture('info');
    await withRequestId('req-1', async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      log.info({ flow: 'f1_today' }, 'flow');
    });
    log.info('outside');
    expect(lines.map((line) => [line.msg, line.requestId])).toEqual([
      ['flow', 'req-1'],
      ['outside', undefined],
    ]);
  });

  it('logs the SQL text at debug level, never its parameters', () => {
    const { log, lines } = capture('debug');
    withRequestId('req-2', () => sqlLoggerOn(log).logQuery('select * from brands where id = $1', ['secret@example.com']));
    expect(lines).toEqual([
      expect.objectContaining({ level: 20, requestId: 'req-2', sql: 'select * from brands where id = $1', msg: 'sql' }),
    ]);
    expect(JSON.stringify(lines)).not.toContain('secret@example.com');
    const quiet = capture('info');
    sqlLoggerOn(quiet.log).logQuery('select 1', []);
    expect(quiet.lines).toEqual([]);
  });

  it("keeps a caller's plain request id, prefers x-request-id to Vercel's, and makes one otherwise", () => {
    expect(requestIdFrom(new Headers({ 'x-request-id': 'abc-123', 'x-vercel-id': 'fra1::xyz' }))).toBe('abc-123');
    expect(requestIdFrom(new Headers({ 'x-vercel-id': 'fra1::iad1::xyz-1' }))).toBe('fra1::iad1::xyz-1');
    expect(requestIdFrom(new Headers({ 'x-request-id': 'two words <b>' }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
  });
});
