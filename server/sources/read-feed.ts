import type { FeedItem, RecordFetchInput } from '../../engines/sources/dto';
import { parseFeedDocument } from './parse-feed';
import { type SafeFetchOptions, safeFetch, type Validators } from './safe-fetch';

export type FeedReadResult =
  | { status: 'refused'; reason: string }
  | { status: 'failed'; error: string }
  | { status: 'not_modified' }
  | { status: 'ok'; title: string | null; items: FeedItem[]; etag: string | null; lastModified: string | null };

/** Fetches a feed safely and reads it; every way it can go wrong comes back as a short line. */
export async function readFeed(url: string, validators: Validators = {}, options: SafeFetchOptions = {}): Promise<FeedReadResult> {
  const fetched = await safeFetch(url, validators, options);
  if (fetched.status !== 'ok') return fetched;
  const parsed = parseFeedDocument(fetched.body);
  if (!parsed.ok) return { status: 'failed', error: parsed.error };
  return { status: 'ok', title: parsed.feed.title, items: parsed.feed.items, etag: fetched.etag, lastModified: fetched.lastModified };
}

/** What the engine stores of a read: a refusal and a failure become the source's last error, a 304 only its time. */
export function fetchRecord(sourceId: string, result: FeedReadResult): RecordFetchInput {
  switch (result.status) {
    case 'refused':
      return { sourceId, error: `Refused: ${result.reason}` };
    case 'failed':
      return { sourceId, error: capitalised(result.error) };
    case 'not_modified':
      return { sourceId };
    case 'ok':
      return { sourceId, title: result.title, items: result.items, etag: result.etag, lastModified: result.lastModified };
  }
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
