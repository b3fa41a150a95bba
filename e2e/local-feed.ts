// The feed the opportunities spec follows: served from 127.0.0.1 on a port fixed per run, which the
// config's webServer puts on the fetcher's test-only allow-list (KAIRO_FETCH_ALLOW_HOSTS). Derived from
// E2E_PORT, so two runs side by side on their own ports serve their own feeds.

export const LOCAL_FEED_PORT = Number(process.env.E2E_FEED_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1000);
export const LOCAL_FEED_HOST = `127.0.0.1:${LOCAL_FEED_PORT}`;
export const LOCAL_FEED_PATH = '/close-notes.xml';
export const LOCAL_FEED_URL = `http://${LOCAL_FEED_HOST}${LOCAL_FEED_PATH}`;
export const LOCAL_FEED_TITLE = 'Close Notes';

/**
 * Ten news items for a bookkeeping brand, each naming the close, cash forecasting, trust in the numbers,
 * controllers or founders, with a summary long enough for a writer to start from.
 */
const ITEMS = [
  {
    title: 'Controllers say the month-end close now takes nine working days',
    summary:
      'A survey of 400 finance controllers finds the month-end close has grown from six to nine working days, mostly spent chasing receipts and fixing reconciliations by hand.',
  },
  {
    title: 'Rolling cash forecasting replaces the annual budget at growing startups',
    summary:
      'More startup founders now re-forecast cash every month instead of defending an annual budget; the ones who do say they saw their runway problems a quarter earlier.',
  },
  {
    title: 'Investors ask founders for audited numbers before a Series A',
    summary:
      'Venture funds increasingly want reviewed or audited accounts before a Series A term sheet, which catches founders whose books were kept in spreadsheets off guard.',
  },
  {
    title: 'Nightly reconciliation rules shorten the close by two days',
    summary:
      'Teams that match bank lines to invoices with rules that run every night report closing two days sooner, and controllers spend the saved time on review instead of typing.',
  },
  {
    title: 'Why founders misjudge their runway by three months',
    summary:
      'Unbooked bills, annual contracts paid up front and late customer payments make most founders think they have three more months of cash than the bank balance supports.',
  },
  {
    title: 'Continuous accounting wins over quarterly catch-up sessions',
    summary:
      'Finance teams that book and reconcile every day rather than in a quarterly catch-up report fewer audit adjustments and a calmer close, according to a new benchmark study.',
  },
  {
    title: 'Revenue recognition errors top the list of audit findings',
    summary:
      'Auditors flag revenue recognition on multi-year subscription contracts more than any other issue this year; most findings trace back to deals booked as cash received.',
  },
  {
    title: 'Weekly forecasts help founders keep investor updates honest',
    summary:
      'Founders who send investors a thirteen-week cash forecast each month say the updates lead to better questions, fewer surprises in board meetings and trust in the numbers.',
  },
  {
    title: 'The checklist controllers keep for a clean year-end',
    summary:
      'Accruals, prepaid expenses, fixed asset registers and payroll liabilities: the year-end checklist controllers share most often, and the two items nearly everyone forgets.',
  },
  {
    title: 'Higher interest rates push companies to collect invoices sooner',
    summary:
      'With borrowing dearer, companies are shortening payment terms and chasing overdue invoices earlier, and finance leads now report days sales outstanding to the board monthly.',
  },
] as const;

const HOUR_MS = 3_600_000;

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The feed as RSS 2.0, its items published over the last day and a half before `now` (newest first). */
export function closeNotesFeed(now: Date): string {
  const items = ITEMS.map(
    (item, index) => `    <item>
      <title>${escaped(item.title)}</title>
      <link>https://close-notes.example/${index + 1}</link>
      <guid isPermaLink="false">close-notes-${index + 1}</guid>
      <pubDate>${new Date(now.getTime() - (index + 1) * 3 * HOUR_MS).toUTCString()}</pubDate>
      <description>${escaped(item.summary)}</description>
    </item>`,
  ).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>${LOCAL_FEED_TITLE}</title>
    <link>https://close-notes.example</link>
    <description>News for people who close the books</description>
${items}
  </channel>
</rss>`;
}

export const LOCAL_FEED_ITEM_COUNT = ITEMS.length;
