import { NextResponse } from 'next/server';
import { z } from 'zod';
import { errorCode } from '@/engines/errors';
import { NormalizedEmail } from '@/engines/tenancy/dto';
import { NEXT_PARAM, safeNextPath } from '@/lib/next-path';
import { type IssuedToken, signInAsDemoUser, signInByDemoEmail } from '@/server/auth/demo-sign-in';
import { ACCESS_TOKEN_COOKIE, accessTokenCookieOptions } from '@/server/auth/token-transport';
import { answeringErrors } from '@/server/http/errors';
import { getSystemContext } from '@/server/orchestrator/context';
import { clientIp } from '@/server/rate-limit/client-ip';

/**
 * The demo sign-in form: `userId` (a seeded user) or `email` (anyone, a new user included) → a demo
 * token in the access-token cookie → the app, or the same-origin page in `next` (the deep link that sent
 * the visitor to sign in; anything else is ignored, so this is no open redirect).
 */
export const POST = answeringErrors('demo sign-in', async (request) => {
  const system = await getSystemContext();
  if (!system.auth.demoSigningKey) return new Response('The demo sign-in is disabled here.', { status: 403 });
  await system.limits.consume('signIns', clientIp(request.headers));
  const form = await readForm(request);
  if (!form)
    return new Response('The body must be a form (application/x-www-form-urlencoded or multipart/form-data) with a userId or an email.', {
      status: 400,
    });
  let issued: IssuedToken;
  if (form.has('email')) {
    const email = NormalizedEmail.safeParse(form.get('email'));
    if (!email.success) return new Response('email must be a valid email address.', { status: 400 });
    issued = await signInByDemoEmail(system, email.data);
  } else {
    const userId = z.uuid().safeParse(form.get('userId'));
    if (!userId.success) return new Response('userId must be a user id (or send an email instead).', { status: 400 });
    try {
      issued = await signInAsDemoUser(system, userId.data);
    } catch (error) {
      if (errorCode(error) === 'not_found') return new Response('No such demo user.', { status: 404 });
      throw error;
    }
  }
  const response = new NextResponse(null, { status: 303, headers: { Location: safeNextPath(form.get(NEXT_PARAM)) ?? '/' } });
  response.cookies.set(ACCESS_TOKEN_COOKIE, issued.token, accessTokenCookieOptions(issued.expiresAt, request.url));
  return response;
});

/** The posted form, or null when the body is not one: `formData()` throws a TypeError for JSON, text or no body. */
async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
}
