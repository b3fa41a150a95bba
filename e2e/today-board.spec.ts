import { expect, type Page, test } from '@playwright/test';
import { signInAsDemoUser } from './sign-in';

// Issue 14, points 1 and 2: the Today board can be scanned, and a refused action says why in place.

const SHOTS = process.env.U1_SHOTS_DIR ?? '/tmp/shots-u1';
const cards = (page: Page) => page.locator('article[data-opportunity-id]');
const cardIds = (page: Page) => cards(page).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-opportunity-id')!));
const card = (page: Page, id: string) => page.locator(`article[data-opportunity-id="${id}"]`);
const brandIdOf = (page: Page) => /\/brands\/([0-9a-f-]{36})\//.exec(page.url())![1]!;

async function trpcGet<T>(page: Page, path: string, input: unknown): Promise<T> {
  const response = await page.request.get(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

async function unpinAll(page: Page) {
  const board = await trpcGet<{ opportunities: { id: string; isPinned: boolean }[] }>(page, 'today.get', { brandId: brandIdOf(page) });
  for (const { id } of board.opportunities.filter((o) => o.isPinned)) {
    const response = await page.request.post('/api/trpc/opportunities.pin', {
      data: { json: { brandId: brandIdOf(page), opportunityId: id, pinned: false } },
    });
    expect(response.ok()).toBe(true);
  }
  await page.reload();
}

// Workers run one at a time (playwright.config.ts); each test leaves the board as it found it, or as a later test expects.

test('at both widths the board is short and, on a phone, the first card is above the fold', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await signInAsDemoUser(page);
  await expect(cards(page)).toHaveCount(12);
  await expect(page.locator('.focus-strip__summary')).not.toContainText('Writing');
  await page.screenshot({ path: `${SHOTS}/today-1440-after.png`, fullPage: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  expect(height).toBeLessThan(9_100 / 2);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(cards(page).first()).toBeVisible();
  await expect(page.locator('.focus-strip__summary')).not.toContainText('Writing');
  await page.screenshot({ path: `${SHOTS}/today-390-after.png` });
  await page.screenshot({ path: `${SHOTS}/today-390-after-full.png`, fullPage: true });
  // Filters, sort and search fold behind one button on a phone.
  await expect(page.getByRole('combobox', { name: 'Pillar' })).toBeHidden();
  const firstTop = await cards(page)
    .first()
    .evaluate((node) => node.getBoundingClientRect().top);
  expect(firstTop).toBeLessThan(844);
  await page.getByRole('button', { name: 'Filter and sort' }).click();
  await expect(page.getByRole('combobox', { name: 'Pillar' })).toBeVisible();
  await expect(page.getByRole('searchbox', { name: 'Search' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/today-390-after-controls-open.png` });
});

test('the summary does not repeat the heading', async ({ page }) => {
  await signInAsDemoUser(page);
  const heading = (await page.getByRole('heading', { level: 2, name: /^Focus on .+ today$/ }).textContent())!;
  const pillar = heading.replace(/^Focus on /, '').split(' / ')[0]!;
  await expect(page.locator('.focus-strip__summary')).toContainText(/high-scoring/);
  await expect(page.locator('.focus-strip__summary')).not.toContainText(pillar);
  await expect(page.locator('.focus-strip__summary')).not.toContainText(/^Focus /);
});

test('sort, search and "Show more" page through the board', async ({ page }) => {
  await signInAsDemoUser(page);
  await expect(cards(page)).toHaveCount(12);
  const showing = page.getByText(/^Showing \d+ of \d+/);
  const total = Number(/of (\d+)/.exec((await showing.textContent())!)![1]);
  expect(total).toBeGreaterThan(12);
  await page.getByRole('button', { name: /^Show \d+ more/ }).click();
  await expect(cards(page)).toHaveCount(Math.min(24, total));

  const byScore = await cardIds(page);
  await page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Newest' });
  await expect(page.getByRole('list', { name: 'Opportunities, newest' })).toBeVisible();
  expect(await cardIds(page)).not.toEqual(byScore);
  await page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Expiring soonest' });
  await expect(page.getByRole('list', { name: 'Opportunities, expiring soonest' })).toBeVisible();
  await page.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Best score' });

  const firstTitle = (await cards(page).first().locator('h3').textContent())!.replace(/^Pinned/, '');
  const word = firstTitle.split(/\s+/).find((w) => w.length > 5) ?? firstTitle;
  await page.getByRole('searchbox', { name: 'Search' }).fill(word);
  await expect(cards(page).first()).toBeVisible();
  for (const title of await cards(page).locator('h3').allTextContents()) expect(title.length).toBeGreaterThan(0);
  expect(await cards(page).count()).toBeLessThan(total);
  await page.getByRole('searchbox', { name: 'Search' }).fill('zzzz no idea says this');
  await expect(page.getByText('No idea on the board matches')).toBeVisible();
  await page.getByRole('button', { name: 'Clear search' }).click();
  await expect(cards(page)).toHaveCount(12);
});

test('a pinned card keeps its place for a moment, then moves to the top and stays in view', async ({ page }) => {
  await signInAsDemoUser(page);
  await unpinAll(page);
  const ids = await cardIds(page);
  const target = ids[6]!;
  await card(page, target).getByRole('button', { name: 'Pin', exact: true }).click();
  // Still where the person clicked it, now marked pinned.
  await expect(card(page, target).getByRole('button', { name: 'Unpin' })).toBeVisible();
  expect((await cardIds(page)).indexOf(target)).toBe(6);
  // Then the board re-ranks it to the top, scrolled into view with focus on its button.
  await expect(cards(page).first()).toHaveAttribute('data-opportunity-id', target);
  await expect(card(page, target)).toBeInViewport();
  await expect(card(page, target).getByRole('button', { name: 'Unpin' })).toBeFocused();
});

test('a sixth pin is refused next to its button, with focus on the reason', async ({ page }) => {
  await signInAsDemoUser(page);
  await unpinAll(page);
  const ids = (await cardIds(page)).slice(0, 6);
  for (const id of ids.slice(0, 5)) {
    await card(page, id).getByRole('button', { name: 'Pin', exact: true }).click();
    await expect(card(page, id).getByRole('button', { name: 'Unpin' })).toBeVisible();
  }
  await page.waitForTimeout(1_500);
  const sixth = ids[5]!;
  await card(page, sixth).getByRole('button', { name: 'Pin', exact: true }).click();
  const reason = card(page, sixth).getByTestId('error-in-place');
  await expect(reason).toBeVisible();
  await expect(reason).toBeFocused();
  await expect(reason).toContainText(/pin/i);
  await expect(reason).not.toContainText('Internal server error');
  await expect(card(page, sixth).getByRole('button', { name: 'Pin', exact: true })).toHaveAttribute('aria-describedby', /error-in-place/);
  await expect(page.getByRole('alert').filter({ hasText: 'Internal server error' })).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}/today-1280-sixth-pin.png` });
  await reason.getByRole('button', { name: 'Dismiss' }).click();
  await expect(reason).toHaveCount(0);
  await unpinAll(page);
});

test('menus close on Escape and on a click outside', async ({ page }) => {
  await signInAsDemoUser(page);
  const first = cards(page).first();
  const menu = first.locator('details.menu').first();
  await first.getByText('Snooze', { exact: true }).click();
  await expect(menu).toHaveAttribute('open', '');
  await page.keyboard.press('Escape');
  await expect(menu).not.toHaveAttribute('open', '');
  await expect(first.getByText('Snooze', { exact: true })).toBeFocused();
  await first.getByText('Snooze', { exact: true }).click();
  await expect(menu).toHaveAttribute('open', '');
  await page.getByRole('heading', { level: 1, name: 'Today' }).click();
  await expect(menu).not.toHaveAttribute('open', '');
});

test('snooze has an undo, and the Snoozed view brings an idea back', async ({ page }) => {
  await signInAsDemoUser(page);
  const [first, second] = await cardIds(page);
  await card(page, first!).getByText('Snooze', { exact: true }).click();
  await card(page, first!).getByRole('button', { name: 'Until tomorrow' }).click();
  await expect(card(page, first!)).toHaveCount(0);
  const undo = page.getByTestId('snooze-undo');
  await expect(undo).toContainText(/^Snoozed “.+” until /);
  await expect(undo).toBeInViewport();
  await page.screenshot({ path: `${SHOTS}/today-1280-snooze-undo.png` });
  await undo.getByRole('button', { name: 'Undo' }).click();
  await expect(card(page, first!)).toBeVisible();
  await expect(undo).toHaveCount(0);

  await card(page, second!).getByText('Snooze', { exact: true }).click();
  await card(page, second!).getByRole('button', { name: 'Until next week' }).click();
  await expect(card(page, second!)).toHaveCount(0);
  await page.getByRole('button', { name: 'Snoozed', exact: true }).click();
  const item = page.locator(`[data-snoozed-id="${second}"]`);
  await expect(item).toContainText('Back on the board');
  await page.screenshot({ path: `${SHOTS}/today-1280-snoozed-view.png` });
  await item.getByRole('button', { name: 'Bring back now' }).click();
  await expect(item).toHaveCount(0);
  await page.getByRole('button', { name: 'On the board' }).click();
  await expect(card(page, second!)).toBeVisible();
});

test('a card with a package links to it, and a second package is asked for first', async ({ page }) => {
  await signInAsDemoUser(page);
  const brandId = brandIdOf(page);
  const board = await trpcGet<{ opportunities: { id: string }[]; packages: { opportunityId: string }[] }>(page, 'today.get', { brandId });
  let target = board.opportunities.slice(0, 10).find((o) => board.packages.some((link) => link.opportunityId === o.id))?.id;
  if (!target) {
    target = board.opportunities[0]!.id;
    await card(page, target).getByRole('button', { name: 'Create package' }).click();
    await card(page, target)
      .getByRole('button', { name: /^Build for/ })
      .click();
    await expect(page).toHaveURL(/\/packages\/[0-9a-f-]{36}/, { timeout: 60_000 });
    await page.goBack();
  }
  const packageLine = card(page, target).getByTestId('card-package');
  await expect(packageLine).toContainText('Package made:');
  await expect(packageLine.getByRole('link')).toHaveAttribute('href', new RegExp(`/brands/${brandId}/packages/[0-9a-f-]{36}$`));
  await card(page, target).getByRole('button', { name: 'Create another package' }).click();
  await expect(card(page, target).getByRole('group', { name: 'Create a second package?' })).toContainText('already has a package');
  await card(page, target).getByRole('button', { name: 'Yes, create a second package' }).click();
  await expect(card(page, target).getByRole('button', { name: /^Build for/ })).toBeVisible();
});

test('learning stays out of the "why now"', async ({ page }) => {
  await signInAsDemoUser(page);
  await expect(cards(page).first()).toBeVisible();
  await expect(page.locator('.opportunity__why').filter({ hasText: /Learned [+-]?\d/ })).toHaveCount(0);
  const learned = page.getByTestId('learned-line');
  if ((await learned.count()) > 0) await expect(learned.first()).toHaveText(/^Scored (up|down) \d+/);
});
