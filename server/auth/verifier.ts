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
  /** The account's email, lower-cased; null when the token carries none (a phone or anonymous user). */
  email: string | null;
  /** Whether the email is confirmed as the person's own: only then do invites to it count. */
  emailVerified: boolean;
  /** A name the person gave their account (Supabase's `user_metadata.full_name` / `name`), if any. */
  name: string | null;
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
  // The identity claims are read leniently: a token whose signature verifies is the issuer's word, and a
  // field of an unexpected shape only means "no email" or "no name", never a failed sign-in.
  email: z.string().optional().catch(undefined),
  email_verified: z.boolean().optional().catch(undefined),
  is_anonymous: z.boolean().optional().catch(undefined),
  user_metadata: z
    .object({
      email_verified: z.boolean().optional().catch(undefined),
      full_name: z.string().optional().catch(undefined),
      name: z.string().optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
});
type Claims = z.infer<typeof Claims>;

/**
 * Whether the token vouches for its email. Supabase access tokens always carry `email` (empty for phone
 * and anonymous users) but not `email_confirmed_at`, which lives only on the user record; what they do
 * carry is `user_metadata`, where Supabase Auth keeps the identity's `email_verified` (set once the
 * person confirms the address, and copied from the provider for OAuth sign-ins). An invite hands over a
 * workspace, so an email counts only with that flag: a project that lets people sign up without
 * confirming could otherwise hand anyone's invite to whoever typed the address. The demo sign-in's own
 * tokens say `email_verified` at the top level, as OpenID Connect names it. Anonymous users never count.
 */
function emailOf(claims: Claims): Pick<AccessTokenClaims, 'email' | 'emailVerified'> {
  const email = claims.email?.trim().toLowerCase() || null;
  if (!email || claims.is_anonymous === true) return { email, emailVerified: false };
  return { email, emailVerified: claims.email_verified === true || claims.user_metadata?.email_verified === true };
}

/**
 * The one token verifier: a signature by one of the configured keys, an `exp` in the future, the
 * `authenticated` audience when the token names one, and a user id (`sub`). Every failure, including
 * an unreachable JWKS, is an InvalidTokenError: the request is then simply not signed in.
 */
export function createTokenVerifier(keys: VerificationKeys): TokenVerifier {
  // Given the raw secret, jose imports it into a CryptoKey on every verification; it is the same key for
  // the verifier's whole life, so it is imported once, on first use.
  let hs256Key: Promise<CryptoKey> | undefined;
  const resolveKey: JWTVerifyGetKey = async (header, token) => {
    if (header.alg === 'HS256') {
      if (!keys.hs256Secret) throw new InvalidTokenError('HS256 tokens are not accepted here');
      hs256Key ??= crypto.subtle.importKey('raw', new Uint8Array(keys.hs256Secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
      return hs256Key;
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
    const name = claims.data.user_metadata?.full_name?.trim() || claims.data.user_metadata?.name?.trim() || null;
    return { userId: sub, expiresAt: new Date(exp * 1000), ...emailOf(claims.data), name };
  };
}
