import { type AnyFeed, parseFeed } from 'feedsmith';
import { type FeedItem, MAX_ITEMS_PER_FETCH } from '../../engines/sources/dto';

/** What a feed document holds for Kairo: its title and its entries, whatever the format. */
export interface ParsedFeed {
  format: AnyFeed['format'];
  title: string | null;
  items: FeedItem[];
}

export type FeedParseResult = { ok: true; feed: ParsedFeed } | { ok: false; error: string };

/**
 * Reads an RSS 2.0 / RDF, Atom or JSON Feed document with feedsmith (which detects the format itself)
 * and maps its entries to the engine's FeedItem. Only the newest MAX_ITEMS_PER_FETCH entries are read.
 */
export function parseFeedDocument(text: string): FeedParseResult {
  let parsed: AnyFeed;
  try {
    parsed = parseFeed(text, { maxItems: MAX_ITEMS_PER_FETCH });
  } catch (error) {
    // feedsmith names the failure: DetectError (not a feed at all) or MalformedError (broken markup).
    const name = (error as { name?: unknown } | null)?.name;
    return {
      ok: false,
      error:
        name === 'DetectError'
          ? 'the address did not answer with an RSS, Atom or JSON feed'
          : 'the feed is malformed and could not be read',
    };
  }
  return { ok: true, feed: { format: parsed.format, ...entriesOf(parsed) } };
}

function entriesOf(parsed: AnyFeed): Omit<ParsedFeed, 'format'> {
  switch (parsed.format) {
    case 'rss':
      return {
        title: plain(parsed.feed.title),
        items: (parsed.feed.items ?? []).map((item) => ({
          guid: plain(item.guid?.value),
          link: plain(item.link),
          title: plain(item.title),
          summary: plain(item.description ?? item.content?.encoded),
          publishedAt: dateOf(item.pubDate ?? item.dc?.dates?.[0]),
        })),
      };
    case 'rdf':
      return {
        title: plain(parsed.feed.title),
        items: (parsed.feed.items ?? []).map((item) => ({
          guid: plain(item.rdf?.about),
          link: plain(item.link),
          title: plain(item.title),
          summary: plain(item.description),
          publishedAt: dateOf(item.dc?.dates?.[0]),
        })),
      };
    case 'atom':
      return {
        title: plain(parsed.feed.title?.value),
        items: (parsed.feed.entries ?? []).map((entry) => ({
          guid: plain(entry.id),
          link: plain((entry.links?.find((link) => !link.rel || link.rel === 'alternate') ?? entry.links?.[0])?.href),
          title: plain(entry.title?.value),
          summary: plain(entry.summary?.value ?? entry.content?.value),
          publishedAt: dateOf(entry.published ?? entry.updated),
        })),
      };
    case 'json':
      return {
        title: plain(parsed.feed.title),
        items: (parsed.feed.items ?? []).map((item) => ({
          guid: plain(item.id),
          link: plain(item.url ?? item.external_url),
          title: plain(item.title),
          summary: plain(item.summary ?? item.content_text ?? item.content_html),
          publishedAt: dateOf(item.date_published ?? item.date_modified),
        })),
      };
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Feed text as a line a person reads: descriptions are often HTML, so tags are dropped (the text is
 * shown and prompted as text, never rendered as markup) and whitespace folded.
 */
function plain(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos|nbsp|#39);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
  return text || null;
}

function dateOf(value: unknown): Date | null {
  if (typeof value !== 'string' && !(value instanceof Date)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
