import { DEMO_MEMBER, DEMO_OWNER, DEMO_TENANTS, OTHER_TENANT_OWNER } from '../../supabase/seed/demo-users';
import { signTestToken } from '../fixtures/auth';
import { TEST_JWT_SECRET } from './prod-server';

/** The demo users of README's table. */
export const DEMO_USER_IDS = { olivia: DEMO_OWNER.userId, max: DEMO_MEMBER.userId, grace: OTHER_TENANT_OWNER.userId } as const;

export const TENANT_IDS = { northwind: DEMO_TENANTS.northwind.id, globex: DEMO_TENANTS.globex.id } as const;

export interface MintOptions {
  userId: string;
  /** Defaults to the secret the suite's servers verify with; another one gives a forged token. */
  secret?: string;
  /** Negative → already expired. Default one hour. */
  expiresInSeconds?: number;
  /** 'none' gives an unsigned token (empty signature part). */
  alg?: 'HS256' | 'none';
  role?: string;
  audience?: string;
}

/** An access token shaped like the demo sign-in's (and Supabase's): sub, aud, role. */
export async function mintAccessToken({
  userId,
  secret = TEST_JWT_SECRET,
  expiresInSeconds = 3_600,
  alg = 'HS256',
  role = 'authenticated',
  audience = 'authenticated',
}: MintOptions): Promise<string> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const claims = { role, sub: userId, aud: audience, iss: 'kairo-demo', iat: issuedAt, exp: issuedAt + expiresInSeconds };
  if (alg === 'none') {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
  }
  return signTestToken(new TextEncoder().encode(secret), claims);
}
