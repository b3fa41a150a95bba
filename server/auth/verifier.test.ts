import { randomBytes, randomUUID } from 'node:crypto';
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCode } from '../../engines/errors';
import { signTestToken } from '../../test/fixtures/auth';
import { createTokenVerifier, InvalidTokenError, type TokenVerifier } from './verifier';

const secret = randomBytes(32);
const userId = randomUUID();
const now = () => Math.floor(Date.now() / 1000);

describe('HS256 tokens', () => {
  const verify = createTokenVerifier({ hs256Secret: secret });

  it('accepts a valid token and takes sub as the user id', async () => {
    const claims = await verify(await signTestToken(secret, { sub: userId }));
    expect(claims.userId).toBe(userId);
    expect(claims.expiresAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('rejects an expired token', async () => {
    const token = await signTestToken(secret, { sub: userId, exp: now() - 60 });
    await expect(verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signTestToken(randomBytes(32), { sub: userId });
    await expect(verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('rejects a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await signTestToken(secret, { sub: userId })).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: randomUUID(), aud: 'authenticated', exp: now() + 600 })).toString('base64url');
    await expect(verify(`${header}.${forged}.${signature}`)).rejects.toThrow(InvalidTokenError);
  });

  it('rejects a token without sub', async () => {
    const token = await signTestToken(secret, { sub: undefined });
    await expect(verify(token)).rejects.toThrow(InvalidTokenError);
  });

  it('rejects a token whose sub is not a user id', async () => {
    await expect(verify(await signTestToken(secret, { sub: 'service-account' }))).rejects.toThrow(InvalidTokenError);
  });

  it('rejects a token without exp', async () => {
    await expect(verify(await signTestToken(secret, { sub: userId, exp: undefined }))).rejects.toThrow(InvalidTokenError);
  });

  it('rejects a token for another audience and accepts one without an audience', async () => {
    await expect(verify(await signTestToken(secret, { sub: userId, aud: 'anon' }))).rejects.toThrow(InvalidTokenError);
    await expect(verify(await signTestToken(secret, { sub: userId, aud: ['other', 'authenticated'] }))).resolves.toMatchObject({ userId });
    await expect(verify(await signTestToken(secret, { sub: userId, aud: undefined }))).resolves.toMatchObject({ userId });
  });

  it('rejects a validly signed token that is not a signed-in person (anon key, service role, no role)', async () => {
    await expect(verify(await signTestToken(secret, { sub: userId, role: 'anon' }))).rejects.toThrow('role is not "authenticated"');
    await expect(verify(await signTestToken(secret, { sub: userId, role: 'service_role' }))).rejects.toThrow(InvalidTokenError);
    await expect(verify(await signTestToken(secret, { sub: userId, role: undefined }))).rejects.toThrow(InvalidTokenError);
  });

  it('marks every refusal with the invalid_token code, whichever bundle reads it', async () => {
    const refusal = await verify('not-a-token').catch((error: unknown) => error);
    expect(errorCode(refusal)).toBe('invalid_token');
    expect((refusal as Error).name).toBe('InvalidTokenError');
  });

  it('rejects an unsigned token and garbage', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: userId, aud: 'authenticated', exp: now() + 600 })).toString('base64url');
    await expect(verify(`${header}.${payload}.`)).rejects.toThrow(InvalidTokenError);
    await expect(verify('not-a-token')).rejects.toThrow(InvalidTokenError);
  });
});

describe.each(['RS256', 'ES256'] as const)('%s tokens through a JWKS', (alg) => {
  let verify: TokenVerifier;
  let sign: (claims: Record<string, unknown>, kid?: string) => Promise<string>;
  let strangerToken: string;

  beforeAll(async () => {
    const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
    const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'project-key', alg, use: 'sig' };
    verify = createTokenVerifier({ jwks: createLocalJWKSet({ keys: [jwk] }) });
    sign = (claims, kid = 'project-key') =>
      new SignJWT({ aud: 'authenticated', role: 'authenticated', exp: now() + 600, ...claims })
        .setProtectedHeader({ alg, kid })
        .sign(privateKey);
    const stranger = await generateKeyPair(alg);
    strangerToken = await new SignJWT({ sub: userId, aud: 'authenticated', role: 'authenticated', exp: now() + 600 })
      .setProtectedHeader({ alg, kid: 'project-key' })
      .sign(stranger.privateKey);
  });

  it('accepts a token signed by the project key', async () => {
    await expect(verify(await sign({ sub: userId }))).resolves.toMatchObject({ userId });
  });

  it('rejects a token signed by a key outside the set', async () => {
    await expect(verify(strangerToken)).rejects.toThrow(InvalidTokenError);
  });

  it('rejects an expired token and one naming an unknown key', async () => {
    await expect(verify(await sign({ sub: userId, exp: now() - 1 }))).rejects.toThrow(InvalidTokenError);
    await expect(verify(await sign({ sub: userId }, 'rotated-away'))).rejects.toThrow(InvalidTokenError);
  });

  it('rejects HS256 tokens when only a JWKS is configured', async () => {
    await expect(verify(await signTestToken(secret, { sub: userId }))).rejects.toThrow(InvalidTokenError);
  });
});

it('rejects asymmetric tokens when only an HS256 secret is configured', async () => {
  const { privateKey } = await generateKeyPair('RS256');
  const token = await new SignJWT({ sub: userId, aud: 'authenticated', role: 'authenticated', exp: now() + 600 })
    .setProtectedHeader({ alg: 'RS256' })
    .sign(privateKey);
  await expect(createTokenVerifier({ hs256Secret: secret })(token)).rejects.toThrow(InvalidTokenError);
});

it('accepts nothing when no key is configured', async () => {
  await expect(createTokenVerifier({})(await signTestToken(secret, { sub: userId }))).rejects.toThrow(InvalidTokenError);
});

describe('the email a token vouches for', () => {
  const verify = createTokenVerifier({ hs256Secret: secret });
  const claimsOf = async (claims: Record<string, unknown>) => verify(await signTestToken(secret, { sub: userId, ...claims }));

  it("takes Supabase's email, lower-cased, as verified when user_metadata says so, with the account's name", async () => {
    const claims = await claimsOf({ email: 'Ada@Example.com', user_metadata: { email_verified: true, full_name: ' Ada Lovelace ' } });
    expect(claims).toMatchObject({ email: 'ada@example.com', emailVerified: true, name: 'Ada Lovelace' });
  });

  it('takes the top-level email_verified of the demo tokens', async () => {
    expect(await claimsOf({ email: 'demo@example.com', email_verified: true })).toMatchObject({
      email: 'demo@example.com',
      emailVerified: true,
    });
  });

  it('does not count an email nobody confirmed, or an anonymous user', async () => {
    expect(await claimsOf({ email: 'new@example.com', user_metadata: { email_verified: false } })).toMatchObject({ emailVerified: false });
    expect(await claimsOf({ email: 'new@example.com' })).toMatchObject({ emailVerified: false });
    expect(await claimsOf({ email: 'anon@example.com', email_verified: true, is_anonymous: true })).toMatchObject({ emailVerified: false });
  });

  it('reads no email from a token without one, or an empty or odd one, and still signs the person in', async () => {
    expect(await claimsOf({})).toMatchObject({ userId, email: null, emailVerified: false, name: null });
    expect(await claimsOf({ email: '', user_metadata: { email_verified: true } })).toMatchObject({ email: null, emailVerified: false });
    expect(await claimsOf({ email: 42, email_verified: 'yes', user_metadata: 'x' })).toMatchObject({
      userId,
      email: null,
      emailVerified: false,
    });
  });
});
