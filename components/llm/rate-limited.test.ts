import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { rateLimitMessage, retryUnlessRateLimited } from './rate-limited';

/** A client error as httpBatchLink makes it from the server's error answer. */
function answered(code: string, message: string): TRPCClientError<never> {
  return TRPCClientError.from({ error: { code: -32000, message, data: { code, httpStatus: 0 } } });
}

describe('rate-limited calls in the browser', () => {
  it('a TOO_MANY_REQUESTS refusal is shown in its own words and not retried', () => {
    const refused = answered('TOO_MANY_REQUESTS', 'Too many summaries: try again in 42 s');
    expect(rateLimitMessage(refused)).toBe('Too many summaries: try again in 42 s');
    expect(retryUnlessRateLimited(0, refused)).toBe(false);
  });

  it('any other failure keeps the generic message and the default retries', () => {
    for (const error of [answered('BAD_GATEWAY', 'The model gave no usable answer'), new Error('Failed to fetch'), null]) {
      expect(rateLimitMessage(error)).toBeNull();
      expect(retryUnlessRateLimited(0, error)).toBe(true);
      expect(retryUnlessRateLimited(3, error)).toBe(false);
    }
  });
});
