import { errorCode, isDatabaseUnavailable, isRefusedValue } from '../../../engines/errors';
import { logger } from '../../logging/logger';

/**
 * What a run records about the failure that ended it or one of its steps. Runs are shown to the
 * tenant's members (the runs page), so only Kairo's own errors keep their words; a database or
 * programming error is named by kind, and its message, which may carry SQL and bound parameters, goes
 * to the server log instead.
 */
export function describeFailure(error: unknown, where: string): string {
  if (errorCode(error)) return `${(error as Error).name}: ${(error as Error).message}`.slice(0, 2_000);
  logger.error({ where, err: error }, 'flow step failed');
  if (isDatabaseUnavailable(error)) return 'DatabaseUnavailable: the database connection was lost or timed out';
  if (isRefusedValue(error)) return 'RefusedValue: the database could not store a value';
  return `${error instanceof Error ? error.name : 'Error'}: an internal error (details are in the server log)`;
}
