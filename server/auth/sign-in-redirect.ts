import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { REQUEST_PATH_HEADER, signInHref } from '@/lib/next-path';

/**
 * Sends a signed-out visitor to the sign-in page, carrying the page they asked for (set by proxy.ts) as
 * `?next=` so sign-in brings them back to it. Pages call this instead of `redirect('/sign-in')`.
 */
export async function redirectToSignIn(): Promise<never> {
  const requested = (await headers()).get(REQUEST_PATH_HEADER);
  redirect(signInHref(requested));
}
