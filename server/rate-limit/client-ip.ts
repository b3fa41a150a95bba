/**
 * The address per-IP limits count against: the first entry of `x-forwarded-for`, else `x-real-ip`.
 *
 * Trust assumption: Kairo runs behind a proxy that writes these headers itself. Vercel does — it
 * overwrites `x-forwarded-for` with the address the connection came from, so a client cannot choose
 * its own entry. Behind a proxy that appends to a client-sent header instead, or with no proxy at all,
 * the first entry is whatever the client wrote: a script could spread its guesses over made-up
 * addresses, or spend another address's sign-in attempts. Such a deployment must strip the incoming
 * header at its edge. Requests with neither header (a local `next start`) share one bucket.
 */
export function clientIp(headers: Pick<Headers, 'get'>): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded) return forwarded;
  return headers.get('x-real-ip')?.trim() || 'unknown';
}
