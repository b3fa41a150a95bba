import { SignJWT } from 'jose';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../engines/errors';
import type { SystemContext } from '../orchestrator/context';
import { AUTHENTICATED_AUDIENCE } from './verifier';

/** A working day: long enough for a demo, short enough that a leaked demo token soon dies. */
const DEMO_TOKEN_TTL_SECONDS = 8 * 60 * 60;

export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/**
 * Issues a token for one of the database's users, shaped like a Supabase access token (sub, aud,
 * role) so it takes the same verification path. Refused unless the demo sign-in is allowed.
 */
export async function signInAsDemoUser(system: Pick<SystemContext, 'auth' | 'engines'>, userId: string): Promise<IssuedToken> {
  const key = system.auth.demoSigningKey;
  if (!key) throw new ForbiddenError('The demo sign-in is disabled here');
  const user = z.uuid().parse(userId);
  const memberships = await system.engines.tenancy.getViewerMemberships(user);
  if (memberships.length === 0) throw new NotFoundError('Demo user', user);
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + DEMO_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ role: AUTHENTICATED_AUDIENCE })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(user)
    .setAudience(AUTHENTICATED_AUDIENCE)
    .setIssuer('kairo-demo')
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}
