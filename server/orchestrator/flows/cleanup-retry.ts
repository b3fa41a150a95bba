import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnavailable } from '../../../engines/errors';

/**
 * After the database drops its connections (a restart, a failover, pg_terminate_backend), the pool
 * still holds idle ones whose end it has not read yet: the first queries on them fail although a new
 * connection would work. A flow's clean-up (taking back a half-built package, closing its run) must
 * not be lost to that, so it is tried again on fresh connections. Clean-up steps are idempotent.
 */
const WAITS_MS = [100, 500, 2_000];

export async function retryWhileDatabaseUnavailable<T>(step: () => Promise<T>): Promise<T> {
  for (const waitMs of WAITS_MS) {
    try {
      return await step();
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      await sleep(waitMs);
    }
  }
  return step();
}
