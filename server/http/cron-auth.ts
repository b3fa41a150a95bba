import { NextResponse } from 'next/server';
import type { SystemContext } from '../orchestrator/context';
import { clientIp } from '../rate-limit/client-ip';
import { bearerToken, sameSecret } from './request';

/**
 * The gate of every cron route: Vercel sends `Authorization: Bearer $CRON_SECRET`. Returns the
 * refusal to answer with, or null when the caller presented the secret. A wrong secret counts against
 * the caller's address; without CRON_SECRET configured every caller is refused rather than the route
 * running open.
 */
export async function refuseUnlessCron(system: SystemContext, request: Request): Promise<Response | null> {
  const ip = clientIp(request.headers);
  await system.limits.refuseIfExhausted('cronSecretGuesses', ip);
  const secret = process.env.CRON_SECRET;
  const presented = bearerToken(request.headers);
  if (secret && presented && sameSecret(presented, secret)) return null;
  await system.limits.countFailure('cronSecretGuesses', ip);
  return NextResponse.json({ error: secret ? 'Unauthorized' : 'CRON_SECRET is not configured' }, { status: 401 });
}
