import { TRPCError } from '@trpc/server';
import superjson from 'superjson';

// Requests arrive as superjson's `{ json, meta }`. superjson trusts `meta`: an annotation naming a
// class it does not know sends it into unbounded recursion ("Maximum call stack size exceeded"), and
// that message would reach the caller. A request it cannot read is bad input, said plainly.

function deserializeRequest(payload: unknown): unknown {
  try {
    return superjson.deserialize(payload as Parameters<typeof superjson.deserialize>[0]);
  } catch (cause) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'Invalid input: the request body is not valid superjson', cause });
  }
}

/** superjson both ways, with a request that cannot be read refused as BAD_REQUEST. */
export const transformer = {
  input: { serialize: superjson.serialize, deserialize: deserializeRequest },
  output: { serialize: superjson.serialize, deserialize: superjson.deserialize },
};
