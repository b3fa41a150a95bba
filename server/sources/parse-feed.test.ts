import { describe, expect, it } from 'vitest';
import { ATOM_FEED, JSON_FEED, MALFORMED_XML, NOT_A_FEED, RSS_FEED } from '../../test/fixtures/feeds';
import { parseFeedDocument } from './parse-feed';

describe('parseFeedDocument', () => {
  it('reads RSS 2.0: guid, link, date, and the description as plain text', () => {
    expect(parseFeedDocument(RSS_FEED)).toEqual({
      ok: true,
      feed: {
        format: 'rss',
        title: 'Close Weekly',
        items: [
          {
            guid: 'close-1',
            link: 'https://close.example/auditors',
            title: 'Auditors want faster closes',
            summary: 'Three in four auditors & controllers say the close is too slow.',
            publishedAt: new Date('2026-11-29T10:00:00Z'),
          },
          {
            guid: null,
            link: 'https://close.example/reconcile',
            title: 'Reconciliation without spreadsheets',
            summary: 'Matching rules that run every night.',
            publishedAt: new Date('2026-11-28T09:00:00Z'),
          },
        ],
      },
    });
  });

  it('reads Atom: the entry id, its alternate link and its published date', () => {
    const result = parseFeedDocument(ATOM_FEED);
    expect(result).toEqual({
      ok: true,
      feed: {
        format: 'atom',
        title: 'Forecast Notes',
        items: [
          {
            guid: 'urn:uuid:entry-1',
            link: 'https://forecast.example/rolling',
            title: 'Rolling forecasts beat annual budgets',
            summary: 'Quarterly re-forecasting, explained.',
            publishedAt: new Date('2026-11-29T08:00:00Z'),
          },
        ],
      },
    });
  });

  it('reads JSON Feed, an untitled entry included', () => {
    const result = parseFeedDocument(JSON_FEED);
    expect(result).toMatchObject({ ok: true, feed: { format: 'json', title: 'Cash Digest' } });
    const items = result.ok ? result.feed.items : [];
    expect(items).toEqual([
      {
        guid: 'cash-7',
        link: 'https://cash.example/7',
        title: 'Working capital in a high-rate year',
        summary: 'Why DSO matters again.',
        publishedAt: new Date('2026-11-27T07:30:00Z'),
      },
      { guid: 'cash-8', link: null, title: null, summary: 'An untitled entry still counts.', publishedAt: null },
    ]);
  });

  it('names malformed XML and a page that is not a feed, in words', () => {
    expect(parseFeedDocument(MALFORMED_XML)).toEqual({ ok: false, error: 'the feed is malformed and could not be read' });
    expect(parseFeedDocument(NOT_A_FEED)).toEqual({ ok: false, error: 'the address did not answer with an RSS, Atom or JSON feed' });
    expect(parseFeedDocument('{"version": "https://jsonfeed.org/version/1.1", "title": ')).toMatchObject({ ok: false });
  });

  it('reads at most 100 entries of a long feed', () => {
    const items = Array.from({ length: 150 }, (_, n) => `<item><title>Item ${n}</title><guid>g${n}</guid></item>`).join('');
    const result = parseFeedDocument(
      `<rss version="2.0"><channel><title>Long</title><link>https://l.example</link><description>d</description>${items}</channel></rss>`,
    );
    expect(result.ok && result.feed.items.length).toBe(100);
  });
});
