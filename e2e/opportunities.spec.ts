import { expect, type Page, test } from '@playwright/test';
import { type FeedServer, serve, startFeedServer } from '../test/fixtures/feeds';
import { closeNotesFeed, LOCAL_FEED_ITEM_COUNT, LOCAL_FEED_PATH, LOCAL_FEED_PORT, LOCAL_FEED_TITLE, LOCAL_FEED_URL } from './local-feed';
import { createCalibratedBrand } from './new-brand';
import { screenshotsForReview } from './screenshots';

// A brand with no seed data fills its board from its own sources, on the production build with the
// offline model: an idea typed in, a feed served from 127.0.0.1 (on the run's allow-list), Generate
// ideas, then triage. The person is new each run: the server's data folder is wiped before it.
const BRAND = {
  email: 'tess.controller@tidewater.example',
  workspace: 'Tidewater Finance',
  brand: 'Tidewater Ledger',
  answers: {
    'What does the brand do, in one line?': 'Tidewater Ledger closes the books for growing companies in five days instead of fifteen.',
    'Who is it for?': 'finance controllers, startup founders',
    'What should its content achieve?': 'explain the month-end close, share cash forecasting advice, earn trust with real numbers',
    'How must it never sound?': 'salesy, smug',
    'Which topics must it never touch?': 'politics, layoffs',
  },
};
const MANUAL_TITLE = 'Our own close calendar, day by day';

let feed: FeedServer;

test.beforeAll(async () => {
  // Dated from now, so the items are this week's news whenever the suite runs.
  feed = await startFeedServer({ [LOCAL_FEED_PATH]: serve(closeNotesFeed(new Date())) }, LOCAL_FEED_PORT);
});

test.afterAll(async () => {
  await feed?.close();
});

const boardOf = (page: Page) => page.getByRole('list', { name: 'Opportunities, best first' });
const cardNamed = (page: Page, title: string) => page.getByRole('article', { name: title, exact: true });

/** Every card's score, best first, as the badge's title says it ("Score 93 of 100 (high)"). */
async function boardScores(page: Page): Promise<number[]> {
  const titles = await boardOf(page)
    .getByTitle(/^Score \d+ of 100/)
    .evaluateAll((badges) => badges.map((badge) => badge.getAttribute('title') ?? ''));
  return titles.map((title) => Number(/^Score (\d+)/.exec(title)![1]));
}

test('a brand with no seed data gets a good board from an idea typed in and a feed it follows, then triages it', async ({ page }) => {
  test.setTimeout(180_000);
  let brandId = '';

  await test.step('a new person sets up a calibrated brand; its board starts empty', async () => {
    brandId = await createCalibratedBrand(page, BRAND);
    await expect(page.getByRole('combobox', { name: 'Brand' }).locator('option:checked')).toHaveText(BRAND.brand);
    await expect(page.getByRole('article')).toHaveCount(0);
  });

  await test.step('they add an idea by hand; it lands on the board with a score', async () => {
    await page.getByRole('button', { name: 'Add idea' }).click();
    const form = page.getByRole('form', { name: 'New idea' });
    await form.getByRole('textbox', { name: 'Title' }).fill(MANUAL_TITLE);
    await form
      .getByRole('textbox', { name: /^Angle/ })
      .fill('Show the five days of our own month-end close, what happens on each and what a controller checks before sign-off.');
    await form.getByRole('combobox', { name: 'Pillar' }).selectOption({ label: 'Explain the month-end close' });
    await form.getByRole('combobox', { name: 'Persona' }).selectOption({ label: 'Finance controllers' });
    await screenshotsForReview(page, 'today-add-idea', form);
    await form.getByRole('button', { name: 'Add to the board' }).click();

    await expect(page.getByRole('status').filter({ hasText: `Added “${MANUAL_TITLE}” with a score of` })).toContainText(
      'it is on the board below.',
    );
    const card = cardNamed(page, MANUAL_TITLE);
    await expect(card).toBeVisible();
    await expect(card.getByRole('list', { name: 'Details' })).toContainText('Explain the month-end close');
    await expect(card.getByRole('list', { name: 'Details' })).toContainText('Finance controllers');
    // No why-now for an idea typed in: the card says how its score came about instead.
    await expect(card).toContainText(/Why this score: Initial score \d+: evergreen ideas start at \d+ and do not age\./);
  });

  await test.step('they follow a feed on the Sources page; it is fetched at once', async () => {
    await page.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Sources' }).click();
    await expect(page).toHaveURL(`/brands/${brandId}/sources`);
    await expect(page.getByRole('heading', { level: 1, name: 'Sources' })).toBeVisible();
    await expect(page.getByText('No sources yet: follow a feed or paste a note above.')).toBeVisible();

    await page.getByRole('textbox', { name: 'Feed address (RSS, Atom or JSON Feed)' }).fill(LOCAL_FEED_URL);
    await page.getByRole('button', { name: 'Add feed' }).click();
    await expect(page.getByRole('status')).toHaveText(`Added “${LOCAL_FEED_TITLE}”: ${LOCAL_FEED_ITEM_COUNT} items fetched.`);

    const source = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: LOCAL_FEED_TITLE }) });
    await expect(source).toContainText('Feed');
    await expect(source.getByRole('link', { name: LOCAL_FEED_URL })).toBeVisible();
    await expect(source).toContainText(`Last fetched: just now · ${LOCAL_FEED_ITEM_COUNT} items`);
    await expect(source).not.toContainText('Last fetch failed');
    expect(feed.requests.map((request) => request.path)).toContain(LOCAL_FEED_PATH);
    await screenshotsForReview(page, 'sources');
  });

  await test.step('Generate ideas turns the feed into scored ideas; the board is classed good', async () => {
    await page.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Today' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
    const generate = page.getByRole('region', { name: 'Generate ideas' });
    await generate.getByRole('button', { name: 'Generate ideas' }).click();
    // One idea per feed item, nothing dropped: the offline model places each on a pillar and a persona.
    await expect(generate.getByRole('status')).toContainText(
      `${LOCAL_FEED_ITEM_COUNT} proposed, ${LOCAL_FEED_ITEM_COUNT} landed, 0 dropped`,
      { timeout: 60_000 },
    );
    await expect(generate.getByText('Offline model', { exact: true })).toBeVisible();
    await expect(generate.getByText('Good board', { exact: true })).toBeVisible();
    await expect(generate).toContainText(
      new RegExp(`${LOCAL_FEED_ITEM_COUNT + 1} live ideas over [2-5] pillars and 2 personas; \\d+ score 70 or more, 0 below 40\\.`),
    );

    await expect(boardOf(page).getByRole('article')).toHaveCount(LOCAL_FEED_ITEM_COUNT + 1);
    // The focus strip's sentence is refetched with the board: it counts the new ideas, not the empty board.
    await expect(page.getByText(/; [1-9]\d* high-scoring ideas? (is|are) waiting on the board\./)).toBeVisible();
    const scores = await boardScores(page);
    // The closing note's figures: the class and the spread of the generated board.
    test
      .info()
      .annotations.push(
        { type: 'board class', description: (await generate.locator('[data-board-class]').first().textContent()) ?? '' },
        { type: 'score spread', description: `${Math.min(...scores)}–${Math.max(...scores)} (${scores.join(', ')})` },
      );
    console.log(`Generated board: ${await generate.textContent()}\nScores, best first: ${scores.join(', ')}`);
    expect(scores.filter((score) => score >= 70).length).toBeGreaterThanOrEqual(4);
    await screenshotsForReview(page, 'today-generate-result', generate);
  });

  await test.step('a generated card shows why now and the five sub-scores with their reasons', async () => {
    const card = boardOf(page).getByRole('article').filter({ hasText: 'came out on' }).first();
    await expect(card).toContainText(
      /Why now: ".+" came out on \d{4}-\d{2}-\d{2}, and (Finance controllers|Startup founders) will have seen it\./,
    );
    await card.getByText('Why this score').click();
    const reasons = card.getByRole('definition');
    await expect(reasons).toHaveCount(5);
    for (const dimension of ['Clarity', 'Strategic fit', 'Timeliness', 'Differentiation', 'Execution readiness']) {
      await expect(card.getByRole('term').filter({ hasText: dimension })).toContainText(/\d\/4/);
    }
    await expect(reasons.first()).toContainText('(offline heuristic)');
    await expect(card).toContainText(
      /Rubric score \d+ \(clarity \d, fit \d, timeliness \d, differentiation \d, readiness \d, each of 4\)\./,
    );
    await screenshotsForReview(page, 'today-why-this-score', card);
  });

  await test.step('they dismiss one idea as not relevant; it stays gone after a reload', async () => {
    const cards = boardOf(page).getByRole('article');
    // The lowest generated idea (the one typed in by hand stays).
    const dismissed = (await cards.filter({ hasText: 'came out on' }).last().getByRole('heading').textContent())!;
    const card = cardNamed(page, dismissed);
    await card.getByText('Not relevant', { exact: true }).click();
    const form = card.getByRole('form', { name: `Dismiss ${dismissed}` });
    await form.getByRole('textbox', { name: 'Why not? (optional)' }).fill('Not a topic for this brand.');
    await screenshotsForReview(page, 'today-not-relevant', card);
    await form.getByRole('button', { name: 'Dismiss idea' }).click();
    await expect(card).toHaveCount(0);
    await expect(cards).toHaveCount(LOCAL_FEED_ITEM_COUNT);

    await page.reload();
    await expect(cards).toHaveCount(LOCAL_FEED_ITEM_COUNT);
    await expect(cardNamed(page, dismissed)).toHaveCount(0);
  });

  await test.step('they open the best generated idea as a package', async () => {
    const card = boardOf(page).getByRole('article').filter({ hasText: 'came out on' }).first();
    const title = (await card.getByRole('heading').textContent())!;
    await card.getByRole('button', { name: 'Create package' }).click();
    const picker = card.getByRole('group', { name: `Create a package from “${title}”` });
    await picker.getByRole('checkbox', { name: 'LinkedIn' }).setChecked(true);
    await picker.getByRole('checkbox', { name: 'X' }).setChecked(false);
    await picker.getByRole('checkbox', { name: 'Newsletter' }).setChecked(false);
    await screenshotsForReview(page, 'today-create-package', card);
    await picker.getByRole('button', { name: 'Build for 1 channel' }).click();

    await expect(page).toHaveURL(new RegExp(`/brands/${brandId}/packages/[0-9a-f-]{36}$`), { timeout: 90_000 });
    await expect(page.getByRole('heading', { name: 'Thesis' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'LinkedIn' }).getByRole('textbox', { name: 'LinkedIn draft 1' })).not.toHaveValue('');
  });
});
