import { createHash, timingSafeEqual } from 'node:crypto';

// Small helpers the machine-facing route handlers (ingest, cron) share.

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The `Authorization: Bearer` token, or null. Machine routes never read the session cookie. */
export function bearerToken(headers: Pick<Headers, 'get'>): string | null {
  const match = BEARER.exec(headers.get('authorization') ?? '');
  return match?.[1] ?? null;
}

export type CappedBody = { ok: true; text: string } | { ok: false; reason: 'too_large' };

/**
 * The body as text, read no further than `maxBytes`. Content-Length refuses an honest oversized
 * request before reading; counting while reading refuses one that lies or is chunked.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<CappedBody> {
  const declared = Number(request.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, reason: 'too_large' };
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return { ok: false, reason: 'too_large' };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

/** A constant-time comparison of two secrets, so a wrong guess takes as long as a near miss. */
export function sameSecret(presented: string, expected: string): boolean {
  const presentedDigest = createHash('sha256').update(presented).digest();
  const expectedDigest = createHash('sha256').update(expected).digest();
  return timingSafeEqual(presentedDigest, expectedDigest);
}
