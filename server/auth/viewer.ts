import { errorCode } from '../../engines/errors';
import type { MembershipDTO } from '../../engines/tenancy/dto';
import type { SystemContext } from '../orchestrator/context';

/** The signed-in user as every procedure and page sees it. */
export interface Viewer {
  userId: string;
  memberships: MembershipDTO[];
}

/**
 * The viewer behind an access token, or null when there is no token or it does not verify (expired,
 * wrong key, no user id): such a request is simply not signed in.
 */
export async function resolveViewer(system: Pick<SystemContext, 'auth' | 'engines'>, token: string | null): Promise<Viewer | null> {
  if (!token) return null;
  let userId: string;
  try {
    ({ userId } = await system.auth.verify(token));
  } catch (error) {
    if (errorCode(error) === 'invalid_token') return null;
    throw error;
  }
  return { userId, memberships: await system.engines.tenancy.getViewerMemberships(userId) };
}
