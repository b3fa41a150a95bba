import { afterEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../../../engines/errors';
import { logger } from '../../logging/logger';
import { retryWhileDatabaseUnavailable } from './cleanup-retry';
import { describeFailure } from './failure-description';

afterEach(() => vi.restoreAllMocks());

const failedQuery = (cause: Error) =>
  new Error('Failed query: insert into "flow_run_events" ("run_id") values ($1)\nparams: 5f0c…', { cause });

describe('describeFailure', () => {
  it("keeps a Kairo error's name and words", () => {
    expect(describeFailure(new NotFoundError('Opportunity', 'o-1'), 'test')).toBe('NotFoundError: Opportunity o-1 not found');
  });

  it('names a database failure by kind, leaving its SQL and parameters to the server log', () => {
    const log = vi.spyOn(logger, 'error');
    const lost = describeFailure(failedQuery(Object.assign(new Error('terminating connection'), { code: '57P01' })), 'run r-1');
    expect(lost).toBe('DatabaseUnavailable: the database connection was lost or timed out');
    const other = describeFailure(failedQuery(Object.assign(new Error('deadlock detected'), { code: '40P01' })), 'run r-1');
    expect(other).toBe('Error: an internal error (details are in the server log)');
    expect(log).toHaveBeenCalledWith(
      { where: 'run r-1', err: expect.objectContaining({ message: expect.stringContaining('Failed query') }) },
      'flow step failed',
    );
  });
});

describe('retryWhileDatabaseUnavailable', () => {
  it('tries a clean-up step again on a fresh connection after the database dropped the old one', async () => {
    const step = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(failedQuery(Object.assign(new Error('terminating connection'), { code: '57P01' })))
      .mockResolvedValueOnce('done');
    expect(await retryWhileDatabaseUnavailable(step)).toBe('done');
    expect(step).toHaveBeenCalledTimes(2);
  });

  it('does not retry a failure that is not the connection', async () => {
    const step = vi.fn<() => Promise<string>>().mockRejectedValue(new NotFoundError('Package'));
    await expect(retryWhileDatabaseUnavailable(step)).rejects.toThrow('Package not found');
    expect(step).toHaveBeenCalledTimes(1);
  });
});
