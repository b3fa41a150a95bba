import { KairoError } from '../../engines/errors';

/**
 * A caller spent its allowance for one limit. Not a business rule, so it lives beside the limiters,
 * not in the engines. The tRPC and route-handler error maps (server/trpc/errors.ts) read `errorCode`
 * and `retryAfterSeconds` as fields, never the class: TOO_MANY_REQUESTS / 429 with `Retry-After`.
 */
export class RateLimitedError extends KairoError {
  override readonly name = 'RateLimitedError';
  readonly errorCode = 'rate_limited';
  constructor(
    /** What ran out, in words a person reads: "package builds". */
    what: string,
    /** Whole seconds until the next attempt can succeed (at least 1). */
    readonly retryAfterSeconds: number,
  ) {
    super(`Too many ${what}: try again in ${retryAfterSeconds} s`);
  }
}
