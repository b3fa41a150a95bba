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
  // The button says what it does before it is pressed.
  await expect(run).toHaveAccessibleDescription(/^Learns from the last 30 days now, as the daily run does: re-scores ideas/);
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('learning-result')).toContainText(/posts scored, \d+ patterns updated, \d+ opportunities re-scored/);

  const changes = page.getByTestId('score-changes').locator('li');
  await expect(changes.first()).toBeVisible();
  await expect(changes.first()).toContainText(/\d+ → \d+/);
  // Where the change was learned, as dates ("1–30 Nov 2026"), not an event id.
  await expect(changes.first()).toContainText(/Learned from \d{1,2}( [A-Z][a-z]{2})?( \d{4})? ?– ?\d{1,2} [A-Z][a-z]{2} \d{4}/);
  await expect(page.getByTestId('score-changes')).not.toContainText(/\b[0-9a-f]{8}\b/);
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
  // …and is told why, instead of a button that is simply missing.
  await expect(page.getByTestId('learning-not-allowed')).toContainText("for this brand's owners and admins");
});

test('insights read in plain words: a labelled axis, tooltips, a fixed legend order, dates, named events and trends', async ({ page }) => {
  await signInAsDemoUser(page);
  await page.goto(`/brands/${brandIdOf(page)}/insights?days=30`);
  const chart = page.getByTestId('engagement-chart');
  await expect(chart).toContainText('Per 100 impressions');
  // Every point carries its own tooltip: channel, day and rate.
  const tooltips = chart.locator('.chart__point > title');
  expect(await tooltips.count()).toBeGreaterThan(0);
  expect(await tooltips.first().textContent()).toMatch(/^[A-Za-z]+, \d{1,2} [A-Z][a-z]{2}: [\d.]+ per 100 impressions$/);
  // The legend follows the channels' fixed order, whichever has data first.
  const order = ['LinkedIn', 'X', 'Newsletter', 'Instagram', 'YouTube', 'TikTok'];
  const legend = (await page.locator('.chart__key').allTextContents()).map((text) => text.trim());
  expect(legend.length).toBeGreaterThan(0);
  expect(legend).toEqual(order.filter((channel) => legend.includes(channel)));

  // The window reads as dates, not an ISO range.
  await expect(page.locator('.insights__bar')).toContainText(/\d{1,2}( [A-Z][a-z]{2})?( \d{4})? ?– ?\d{1,2} [A-Z][a-z]{2} \d{4} \(UTC\)/);
  await expect(page.locator('.insights__bar')).not.toContainText(/\d{4}-\d{2}-\d{2}/);

  // Learning events name what they are about, never a hex id.
  const events = page.getByTestId('learning-events');
  await expect(events.locator('li').first()).toBeVisible();
  await expect(events).not.toContainText(/\b[0-9a-f]{8}\b/);
  await expect(events).not.toContainText(/\d{4}-\d{2}-\d{2}/);

  // The trend column shows a direction with the change, or a dash when one half of the window is empty.
  // When no pattern has one, the column goes and a line says when it will appear.
  const patternTable = page.getByTestId('pattern-table');
  if ((await patternTable.getByRole('columnheader', { name: 'Trend' }).count()) > 0) {
    const trends = await patternTable.locator('tbody tr td:last-child').allTextContents();
    expect(trends.some((trend) => /[↑↓→]/.test(trend))).toBe(true);
    for (const trend of trends) expect(trend.trim()).toMatch(/^(—|[↑↓→] [+-]?\d+ points, .+)$/);
  } else {
    await expect(page.getByTestId('pattern-trend-note')).toContainText('No trend yet');
  }

  // The screen-reader table is there for assistive technology and takes no room on the page.
  const hiddenTable = page.locator('figure.chart .visually-hidden');
  await expect(hiddenTable.getByRole('table', { name: /Engagement per 100 impressions/ })).toBeAttached();
  const box = await hiddenTable.boundingBox();
  expect(box?.height ?? 0).toBeLessThanOrEqual(1);

  for (const { name, viewport } of [
    { name: 'desktop', viewport: { width: 1440, height: 900 } },
    { name: 'mobile', viewport: { width: 390, height: 844 } },
  ]) {
    await page.setViewportSize(viewport);
    // No blank scrolling below the last section: the page ends where its content does.
    const overflow = await page.evaluate(() => {
      const last = [...document.querySelectorAll('.insights > *')].at(-1)!;
      return document.documentElement.scrollHeight - (last.getBoundingClientRect().bottom + window.scrollY);
    });
    expect(overflow).toBeLessThan(120);
    // Every column of the pattern table is in view at this width: nothing hides behind sideways scrolling.
    const tableFits = await page
      .getByTestId('pattern-table')
      .evaluate((table) => table.parentElement!.scrollWidth <= table.parentElement!.clientWidth);
    expect(tableFits).toBe(true);
    const shot = await page.screenshot({
      fullPage: true,
      ...(process.env.E2E_SHOTS_DIR ? { path: `${process.env.E2E_SHOTS_DIR}/insights-${name}.png` } : {}),
    });
    await test.info().attach(`insights-${name}`, { body: shot, contentType: 'image/png' });
    // The chart alone at full size, to judge its labels at this width.
    const chartShot = await page.locator('figure.chart').screenshot({
      ...(process.env.E2E_SHOTS_DIR ? { path: `${process.env.E2E_SHOTS_DIR}/insights-chart-${name}.png` } : {}),
    });
    await test.info().attach(`insights-chart-${name}`, { body: chartShot, contentType: 'image/png' });
  }
});

test('a new ingest key is shown once with a Copy button', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInAsDemoUser(page);
  await page.goto(`/brands/${brandIdOf(page)}/insights`);
  await page.getByRole('textbox', { name: 'New key name' }).fill('Copy test webhook');
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = page.locator('.ingest-keys__secret');
  await expect(secret).toBeVisible();
  const copy = page.getByRole('button', { name: 'Copy the key Copy test webhook' });
  await copy.click();
  await expect(copy).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await secret.textContent());
});
