import { expect, type Page, test } from '@playwright/test';
import { signInAsDemoUser } from './sign-in';

const cards = (page: Page) => page.locator('article[data-opportunity-id]');
const cardIds = (page: Page) => cards(page).evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-opportunity-id')));
const card = (page: Page, id: string) => page.locator(`article[data-opportunity-id="${id}"]`);

/** today.get through the public API, with the page's own session cookie. */
async function boardFromApi(page: Page, brandId: string): Promise<{ id: string; isPinned: boolean }[]> {
  const input = encodeURIComponent(JSON.stringify({ json: { brandId } }));
  const response = await page.request.get(`/api/trpc/today.get?input=${input}`);
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { result: { data: { json: { opportunities: { id: string; isPinned: boolean }[] } } } };
  return body.result.data.json.opportunities;
}

const brandIdOf = (page: Page) => /\/brands\/([0-9a-f-]{36})\//.exec(page.url())![1]!;

test.describe.configure({ mode: 'serial' });

test("Today shows the focus strip, the summary and the board in the API's order", async ({ page }) => {
  await signInAsDemoUser(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Today' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: /^Focus on .+ today$/ })).toBeVisible();
  await expect(page.getByText(/high-score opportunit(y|ies) of \d+ live/)).toBeVisible();
  await expect(page.locator('.focus-strip__summary')).toContainText(/; \d+ high-scoring ideas? (is|are) waiting/);
  await expect(page.locator('.focus-strip__summary')).toContainText('(offline model)');

  const api = await boardFromApi(page, brandIdOf(page));
  expect(api.length).toBeGreaterThan(5);
  // The board shows its first twelve cards in the API's order; "Show more" adds the rest.
  expect(await cardIds(page)).toEqual(api.slice(0, 12).map((o) => o.id));
});

test('a pinned card moves to the top and stays there after a reload', async ({ page }) => {
  await signInAsDemoUser(page);
  // Start from a board with no pins, so "the top" is unambiguous.
  for (const id of (await boardFromApi(page, brandIdOf(page))).filter((o) => o.isPinned).map((o) => o.id)) {
    await card(page, id).getByRole('button', { name: 'Unpin' }).click();
    await expect(card(page, id).getByRole('button', { name: 'Pin', exact: true })).toBeVisible();
  }
  const last = (await cardIds(page)).at(-1)!;
  await card(page, last).getByRole('button', { name: 'Pin', exact: true }).click();
  await expect(cards(page).first()).toHaveAttribute('data-opportunity-id', last);
  await expect(card(page, last).getByRole('button', { name: 'Unpin' })).toHaveAttribute('aria-pressed', 'true');

  await page.reload();
  await expect(cards(page).first()).toHaveAttribute('data-opportunity-id', last);
  expect((await boardFromApi(page, brandIdOf(page)))[0]).toMatchObject({ id: last, isPinned: true });
});

test('a snoozed card leaves the list, also after a reload', async ({ page }) => {
  await signInAsDemoUser(page);
  const target = (await cardIds(page))[1]!;
  const total = await cards(page).count();
  // A card has two menus now (Snooze, Not relevant): open the snooze one by its name.
  await card(page, target).getByText('Snooze', { exact: true }).click();
  await card(page, target)
    .getByRole('group', { name: /^Snooze / })
    .getByRole('button', { name: 'Until tomorrow' })
    .click();
  await expect(card(page, target)).toHaveCount(0);

  await page.reload();
  await expect(cards(page).first()).toBeVisible();
  await expect(card(page, target)).toHaveCount(0);
  expect((await boardFromApi(page, brandIdOf(page))).map((o) => o.id)).not.toContain(target);
  expect(await cards(page).count()).toBeLessThanOrEqual(total);
});

test('filtering by a pillar narrows the list and lives in the URL', async ({ page }) => {
  await signInAsDemoUser(page);
  const pillarSelect = page.getByRole('combobox', { name: 'Pillar' });
  const pillarName = (await pillarSelect.locator('option').nth(1).textContent())!;
  await pillarSelect.selectOption({ label: pillarName });
  await expect(page).toHaveURL(/[?&]pillar=[0-9a-f-]{36}/);
  await expect(cards(page).first()).toBeVisible();
  const count = await cards(page).count();
  for (let i = 0; i < count; i++) {
    await expect(cards(page).nth(i).getByRole('list', { name: 'Details' })).toContainText(pillarName);
  }

  await page.reload();
  await expect(pillarSelect).toHaveValue(/[0-9a-f-]{36}/);
  await expect(cards(page)).toHaveCount(count);

  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(page).not.toHaveURL(/pillar=/);
  await expect(page.getByText(/^Showing \d+ of \d+/)).not.toHaveText(`Showing ${count} of ${count}`);
});

test('a bookmarked filter naming a pillar the brand does not have shows the whole board', async ({ page }) => {
  await signInAsDemoUser(page);
  const todayUrl = page.url();
  await page.goto(`${todayUrl}?pillar=00000000-0000-4000-8000-000000000000`);
  await expect(page).toHaveURL(todayUrl);
  await expect(cards(page).first()).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Pillar' })).toHaveValue('');
});
