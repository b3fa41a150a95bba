import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Logger as QueryLogger } from 'drizzle-orm';
import pino, { type DestinationStream, type Logger } from 'pino';

const requestScope = new AsyncLocalStorage<{ requestId: string }>();

/** A structured log writing JSON lines to `destination` (stdout by default) at `level`. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      mixin: () => {
        const scope = requestScope.getStore();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    destination,
  );
}

/**
 * The server's log, at `LOG_LEVEL` (default info; silent under the tests). Every line written while a
 * request is handled carries its `requestId`, so one user's action can be followed from the route
 * through the flows to the SQL.
 */
export const logger = createLogger(process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'silent' : 'info'));

/** A caller's id is kept only when it is short and plain: it is echoed into every log line. */
const PLAIN_REQUEST_ID = /^[\w.:-]{1,200}$/;

export const REQUEST_ID_HEADER = 'x-request-id';

/** The id a proxy or client gave the request (`x-request-id`, else Vercel's `x-vercel-id`), or a new one. */
export function requestIdFrom(headers: Pick<Headers, 'get'>): string {
  const given = headers.get(REQUEST_ID_HEADER) ?? headers.get('x-vercel-id');
  return given && PLAIN_REQUEST_ID.test(given) ? given : randomUUID();
}

/** Runs `work` with `requestId` on every log line it writes, however deep in its awaits. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return requestScope.run({ requestId }, work);
}

/** Drizzle's query log on `log`: the SQL text only (parameters hold users' data), at debug level. */
export function sqlLoggerOn(log: Logger): QueryLogger {
  return { logQuery: (query) => log.debug({ sql: query }, 'sql') };
}

export const sqlLogger = sqlLoggerOn(logger);
