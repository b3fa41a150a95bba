import { SignJWT } from 'jose';
import { DEMO_TENANTS } from '../../supabase/seed/demo-users';
import { TEST_JWT_SECRET } from './prod-server';

/** The demo users of README's table. */
export const DEMO_USER_IDS = {
  olivia: '11111111-1111-4111-8111-111111111111',
  max: '22222222-2222-4222-8222-222222222222',
  grace: '33333333-3333-4333-8333-333333333333',
} as const;

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
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}
