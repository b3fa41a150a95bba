import { NextResponse } from 'next/server';
import { z } from 'zod';
import { MAX_EXECUTION_EVENTS_PER_BATCH } from '@/engines/learning/dto';
import { isInvalidExecutionEvents } from '@/engines/learning/intake/errors';
import { answeringErrors, errorResponse } from '@/server/http/errors';
import { bearerToken, readBodyCapped } from '@/server/http/request';
import { getSystemContext } from '@/server/orchestrator/context';
import { clientIp } from '@/server/rate-limit/client-ip';

/** A full batch of compact events fits with room to spare; anything larger is refused unread. */
export const MAX_INGEST_BODY_BYTES = 2 * 1024 * 1024;

const Batch = z.object({ events: z.array(z.unknown()).min(1) });

/**
 * Platform metrics in: `Authorization: Bearer <ingest key>`, body `{ events: [...] }` for the key's
 * brand. Idempotent on (brand, channel, externalEventId); a batch with any bad entry is refused whole.
 */
export const POST = answeringErrors('ingest', async (request) => {
  const system = await getSystemContext();
  const ip = clientIp(request.headers);
  await system.limits.refuseIfExhausted('ingestKeyGuesses', ip);
  const key = bearerToken(request.headers);
  // Counted by the presented key before it is checked, so a refused batch does not even stamp the key's last use.
  if (key) await system.limits.consume('ingestBatches', key);
  const scope = key ? await system.engines.ingestKeys.verifyKey(key) : null;
  if (!scope) {
    await system.limits.countFailure('ingestKeyGuesses', ip);
    return NextResponse.json({ error: 'A valid ingest key is required (Authorization: Bearer <key>)' }, { status: 401 });
  }

  const body = await readBodyCapped(request, MAX_INGEST_BODY_BYTES);
  if (!body.ok) return tooLarge(`The body is over ${MAX_INGEST_BODY_BYTES} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(body.text);
  } catch {
    return NextResponse.json({ error: 'The body is not valid JSON' }, { status: 400 });
  }
  const batch = Batch.safeParse(json);
  if (!batch.success) return NextResponse.json({ error: 'The body must be { "events": [ ...at least one event ] }' }, { status: 400 });
  if (batch.data.events.length > MAX_EXECUTION_EVENTS_PER_BATCH) {
    return tooLarge(`A batch holds at most ${MAX_EXECUTION_EVENTS_PER_BATCH} events; split it`);
  }

  try {
    const result = await system.engines.learning.intake.recordExecutionEvents(scope, {
      events: batch.data.events,
      source: 'platform_webhook',
    });
    return NextResponse.json(result);
  } catch (error) {
    return errorResponse('ingest', error, isInvalidExecutionEvents(error) ? { issues: error.issues } : {});
  }
});

function tooLarge(message: string): Response {
  return NextResponse.json({ error: message }, { status: 413 });
}
