import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { z } from 'zod';
import { ForbiddenError, NotFoundError } from '../../engines/errors';
import { NormalizedEmail } from '../../engines/tenancy/dto';
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
  const key = demoKey(system);
  const user = z.uuid().parse(userId);
  const memberships = await system.engines.tenancy.getViewerMemberships(user);
  if (memberships.length === 0) throw new NotFoundError('Demo user', user);
  return issueDemoToken(key, user, {});
}

/**
 * Signs a person in by email alone, so onboarding runs with no Supabase project (offline, in e2e): the
 * user whose profile has that email, else a new local identity whose id is derived from the email, so
 * the same address is always the same person. The token says the email is verified (the demo trusts
 * whoever types it; that is why this is refused wherever the demo sign-in is), so invites to it are
 * accepted on sign-in. Sign-in then gives the new user a profile named after the email's local part.
 */
export async function signInByDemoEmail(system: Pick<SystemContext, 'auth' | 'engines'>, email: string): Promise<IssuedToken> {
  const key = demoKey(system);
  const address = NormalizedEmail.parse(email);
  const userId = (await system.engines.workspaces.findUserIdByEmail(address)) ?? demoUserIdFor(address);
  return issueDemoToken(key, userId, { email: address, email_verified: true });
}

/** A UUID v5 (RFC 9562, SHA-1 name-based) of the lower-cased email in Kairo's own namespace. */
export function demoUserIdFor(email: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(DEMO_USER_NAMESPACE.replaceAll('-', ''), 'hex'))
    .update(email.trim().toLowerCase(), 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Fixed forever: changing it would give every demo email-user a new identity. */
const DEMO_USER_NAMESPACE = '6f1c2a4e-8d3b-4c7a-9e52-1b0d7f3a9c64';

function demoKey(system: Pick<SystemContext, 'auth'>): Uint8Array {
  const key = system.auth.demoSigningKey;
  if (!key) throw new ForbiddenError('The demo sign-in is disabled here');
  return key;
}

async function issueDemoToken(key: Uint8Array, userId: string, claims: Record<string, unknown>): Promise<IssuedToken> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const expiresAt = issuedAt + DEMO_TOKEN_TTL_SECONDS;
  const token = await new SignJWT({ role: AUTHENTICATED_AUDIENCE, ...claims })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(userId)
    .setAudience(AUTHENTICATED_AUDIENCE)
    .setIssuer('kairo-demo')
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(key);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}
