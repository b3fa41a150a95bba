import { errorCode } from '../../engines/errors';
import { type MembershipDTO, NormalizedEmail } from '../../engines/tenancy/dto';
import type { SystemContext } from '../orchestrator/context';
import type { AccessTokenClaims } from './verifier';

/** The signed-in user as every procedure and page sees it. */
export interface Viewer {
  userId: string;
  memberships: MembershipDTO[];
}

/**
 * The viewer behind an access token, or null when there is no token or it does not verify (expired,
 * wrong key, no user id): such a request is simply not signed in. A token with an email first gets
 * its person a profile (a Supabase user's first sign-in has none) and, when the email is verified,
 * the workspaces they were invited to; the memberships are read after that, so an invite counts on
 * the very request that accepted it.
 */
export async function resolveViewer(system: Pick<SystemContext, 'auth' | 'engines'>, token: string | null): Promise<Viewer | null> {
  if (!token) return null;
  let claims: AccessTokenClaims;
  try {
    claims = await system.auth.verify(token);
  } catch (error) {
    if (errorCode(error) === 'invalid_token') return null;
    throw error;
  }
  const { userId } = claims;
  const email = NormalizedEmail.safeParse(claims.email);
  if (email.success) {
    const displayName = (claims.name ?? displayNameFromEmail(email.data)).slice(0, 200);
    await system.engines.workspaces.ensureProfile(userId, { email: email.data, displayName });
    if (claims.emailVerified) await system.engines.team.acceptInvitesFor(userId, email.data);
  }
  return { userId, memberships: await system.engines.tenancy.getViewerMemberships(userId) };
}

/** "ada.lovelace@example.com" → "ada.lovelace": what a person without a name on their account is called. */
export function displayNameFromEmail(email: string): string {
  return email.slice(0, email.indexOf('@')).slice(0, 200) || email.slice(0, 200);
}
