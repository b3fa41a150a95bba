import { type JWTVerifyGetKey, jwtVerify } from 'jose';
import { z } from 'zod';
import { errorCode, KairoError } from '../../engines/errors';

/** Supabase puts this audience on access tokens of signed-in users. */
export const AUTHENTICATED_AUDIENCE = 'authenticated';

/** HS256 for Supabase's shared JWT secret and the demo secret; RS256/ES256 for a project's signing keys. */
const ALGORITHMS = ['HS256', 'RS256', 'ES256'];

export interface VerificationKeys {
  /** Verifies HS256 tokens: Supabase's JWT secret, or in the demo the local demo secret. */
  hs256Secret?: Uint8Array;
  /** Verifies asymmetric tokens: the project's JWKS (remote in production, local in tests). */
  jwks?: JWTVerifyGetKey;
}

export interface AccessTokenClaims {
  userId: string;
  expiresAt: Date;
}

export type TokenVerifier = (token: string) => Promise<AccessTokenClaims>;

export class InvalidTokenError extends KairoError {
  override readonly name = 'InvalidTokenError';
  readonly errorCode = 'invalid_token';
  constructor(reason: string) {
    super(`Invalid access token: ${reason}`);
  }
}

/** Supabase's role for a signed-in user; `anon` (the public key's role) and `service_role` are not people. */
const AUTHENTICATED_ROLE = 'authenticated';

/** jose's errors carry `code: 'ERR_JWT_…' | 'ERR_JWS_…' | 'ERR_JWK…'`; read by field, not class. */
function joseErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_J') ? code : undefined;
}

const Claims = z.object({
  sub: z.uuid(),
  exp: z.number(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
  role: z.string().optional(),
});

/**
 * The one token verifier: a signature by one of the configured keys, an `exp` in the future, the
 * `authenticated` audience when the token names one, and a user id (`sub`). Every failure, including
 * an unreachable JWKS, is an InvalidTokenError: the request is then simply not signed in.
 */
export function createTokenVerifier(keys: VerificationKeys): TokenVerifier {
  const resolveKey: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256') {
      if (!keys.hs256Secret) throw new InvalidTokenError('HS256 tokens are not accepted here');
      return keys.hs256Secret;
    }
    if (!keys.jwks) throw new InvalidTokenError(`${header.alg ?? 'unsigned'} tokens are not accepted here`);
    return keys.jwks(header, token);
  };

  return async (token) => {
    let payload: unknown;
    try {
      ({ payload } = await jwtVerify(token, resolveKey, { algorithms: ALGORITHMS, requiredClaims: ['exp', 'sub'] }));
    } catch (error) {
      if (errorCode(error) === 'invalid_token') throw error;
      const jose = joseErrorCode(error);
      if (jose) throw new InvalidTokenError(jose);
      throw error;
    }
    const claims = Claims.safeParse(payload);
    if (!claims.success) throw new InvalidTokenError('sub must be a user id and exp a timestamp');
    const { aud, sub, exp, role } = claims.data;
    // Supabase signs anon-key and service tokens with the same secret; only a person's session counts.
    if (role !== AUTHENTICATED_ROLE) throw new InvalidTokenError(`role is not "${AUTHENTICATED_ROLE}"`);
    if (aud !== undefined && !(Array.isArray(aud) ? aud : [aud]).includes(AUTHENTICATED_AUDIENCE)) {
      throw new InvalidTokenError(`audience is not "${AUTHENTICATED_AUDIENCE}"`);
    }
    return { userId: sub, expiresAt: new Date(exp * 1000) };
  };
}
