import { expect, type Page, test } from '@playwright/test';
import { signInAsDemoUser } from './sign-in';

const brandIdOf = (page: Page) => /\/brands\/([0-9a-f-]{36})\//.exec(page.url())![1]!;

test.describe.configure({ mode: 'serial' });

test('insights shows the engagement chart and the pattern table, server-rendered for the window in the URL', async ({ page }) => {
  await signInAsDemoUser(page);
  await page.getByRole('link', { name: 'Insights' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Insights' })).toBeVisible();
  await expect(page.getByRole('link', { name: '30 days' })).toHaveAttribute('aria-current', 'page');

  const chart = page.getByTestId('engagement-chart');
  await expect(chart).toBeVisible();
  expect(await chart.locator('polyline').count()).toBeGreaterThan(0);
  const table = page.getByTestId('pattern-table');
  await expect(table).toBeVisible();
  expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
  await expect(page.getByTestId('learning-summary')).toContainText(/last 30 days/);

  // The window picker is a link: the URL carries it and a direct load renders it on the server.
  await page.getByRole('link', { name: '7 days' }).click();
  await expect(page).toHaveURL(/\?days=7$/);
  await expect(page.getByRole('link', { name: '7 days' })).toHaveAttribute('aria-current', 'page');
  const response = await page.request.get(`/brands/${brandIdOf(page)}/insights?days=90`);
  expect(await response.text()).toContain('data-testid="pattern-table"');
});

test('the owner runs learning now and sees the result and the score changes; running again changes nothing', async ({ page }) => {
  await signInAsDemoUser(page);
  await page.goto(`/brands/${brandIdOf(page)}/insights?days=30`);
  const run = page.getByRole('button', { name: 'Run learning now' });
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('learning-result')).toContainText(/posts scored, \d+ patterns updated, \d+ opportunities re-scored/);

  const changes = page.getByTestId('score-changes').locator('li');
  await expect(changes.first()).toBeVisible();
  await expect(changes.first()).toContainText(/\d+ → \d+/);
  await expect(changes.first()).toContainText('Learning event');
  await expect(page.getByTestId('learning-events').locator('li').first()).toContainText('Score update');

  // A score change links to the package whose posts it was learned from.
  const packageLink = page.getByTestId('score-changes').getByTestId('package-link').first();
  await expect(packageLink).toHaveAttribute('href', /\/brands\/[0-9a-f-]{36}\/packages\/[0-9a-f-]{36}$/);
  const insightsUrl = page.url();
  await packageLink.click();
  await expect(page).toHaveURL(/\/packages\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Thesis' })).toBeVisible();
  await page.goto(insightsUrl);

  await page.getByRole('button', { name: 'Run learning now' }).click();
  await expect(page.getByTestId('learning-result')).toContainText('Already up to date');

  await page.getByRole('link', { name: 'Runs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  const firstRun = page.getByTestId('runs-list').locator('details').filter({ hasText: 'Learning update' }).first();
  await expect(firstRun).toContainText('Succeeded');
  await firstRun.locator('summary').click();
  await expect(firstRun).toContainText('claimWindow');
});

test('a member sees insights but no "Run learning now" and no ingest keys', async ({ page }) => {
  await signInAsDemoUser(page, 'Max Member');
  await page.goto(`/brands/${brandIdOf(page)}/insights`);
  await expect(page.getByTestId('pattern-table')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Run learning now' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Ingest keys' })).toHaveCount(0);
});
