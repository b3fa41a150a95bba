import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { signInAsDemoUser } from './sign-in';

/**
 * The workspace's first screen at a desktop and a phone width, attached to the report (and written to
 * E2E_SCREENSHOTS_DIR when set, for a person to look at).
 */
async function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const before = page.viewportSize();
  const dir = process.env.E2E_SCREENSHOTS_DIR;
  if (dir) mkdirSync(dir, { recursive: true });
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    const body = await page.screenshot();
    await testInfo.attach(`${name}-${width}`, { body, contentType: 'image/png' });
    if (dir) {
      await page.screenshot({ path: join(dir, `${name}-${width}.png`) });
      await page.screenshot({ path: join(dir, `${name}-${width}-page.png`), fullPage: true });
    }
  }
  if (before) await page.setViewportSize(before);
}

test.use({ viewport: { width: 1440, height: 900 } });

test('the package workspace puts the writing first and never loses an edit', async ({ page, context }, testInfo) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await signInAsDemoUser(page);
  const brandName = ((await page.getByRole('combobox', { name: 'Brand' }).locator('option:checked').textContent()) ?? '').trim();
  expect(brandName.length).toBeGreaterThan(0);
  await expect(page).toHaveTitle(`Today · ${brandName} · Kairo`);

  // A card without a package yet (other specs build from the first cards), found again by its id
  // since the board may reorder around it.
  const fresh = page
    .locator('article.opportunity')
    .filter({ has: page.getByRole('button', { name: 'Create package', exact: true }) })
    .first();
  const cardId = await fresh.getAttribute('data-opportunity-id');
  const card = page.locator(`article.opportunity[data-opportunity-id="${cardId}"]`);
  await card.getByRole('button', { name: 'Create package', exact: true }).click();
  const picker = card.getByRole('group', { name: /Create a package from/ });
  for (const channel of ['LinkedIn', 'X', 'Newsletter'])
    await picker.getByRole('checkbox', { name: channel, exact: true }).setChecked(true);
  await picker.getByRole('button', { name: 'Build for 3 channels' }).click();
  await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/packages\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  const packageUrl = page.url();
  const title = ((await page.getByRole('heading', { level: 1 }).textContent()) ?? '').trim();

  // Where the person is: the tab names the package and brand, the Packages section is current, the
  // breadcrumb ends at the package.
  await expect(page).toHaveTitle(`${title} · ${brandName} · Kairo`);
  await expect(page.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Packages' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' });
  await expect(breadcrumb.getByRole('link', { name: 'Packages' })).toBeVisible();
  await expect(breadcrumb.getByText(title, { exact: true })).toHaveAttribute('aria-current', 'page');

  // Writing first: the thesis is a summary (no open form), the first draft is on the first screen.
  await expect(page.getByRole('button', { name: 'Edit thesis' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: /^Core argument/ })).toHaveCount(0);
  const linkedin = page.getByRole('region', { name: 'LinkedIn' });
  const x = page.getByRole('region', { name: 'X', exact: true });
  const newsletter = page.getByRole('region', { name: 'Newsletter' });
  const draft = linkedin.getByRole('textbox', { name: 'LinkedIn draft 1' });
  await expect(draft).toBeInViewport();
  const editorWidth = await draft.evaluate((box) => box.getBoundingClientRect().width);
  expect(editorWidth).toBeGreaterThan(560);
  await shots(page, testInfo, 'workspace-first-screen');

  // Each draft beside a preview shaped like its channel, and a copy button.
  const linkedinPreview = linkedin.getByRole('figure', { name: 'LinkedIn preview' }).first();
  await expect(linkedinPreview).toContainText(brandName);
  await expect(linkedinPreview).toContainText('Like · Comment · Repost · Send');
  const xDraft = x.getByRole('textbox', { name: 'X draft 1' });
  const xLength = (await xDraft.inputValue()).length;
  await expect(x.getByRole('figure', { name: 'X preview' }).first()).toContainText(`${xLength} / 280`);
  await expect(newsletter.getByRole('figure', { name: 'Newsletter preview' }).first()).toContainText(`From ${brandName}`);
  await linkedin.getByRole('button', { name: 'Copy LinkedIn draft 1' }).click();
  await expect(linkedin.getByRole('button', { name: 'Copy LinkedIn draft 1' })).toHaveText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await draft.inputValue());

  // The post-link example fits the channel.
  await expect(linkedin.getByRole('textbox', { name: 'Post link' }).first()).toHaveAttribute('placeholder', /linkedin\.com/);
  await expect(x.getByRole('textbox', { name: 'Post link' }).first()).toHaveAttribute('placeholder', /x\.com/);

  // One capitalisation for badges: each starts with a capital (sentence case), none is a raw status.
  const badges = await page.getByRole('article').locator('.badge').allTextContents();
  expect(badges.length).toBeGreaterThan(3);
  for (const badge of badges) expect(badge.trim()).toMatch(/^[A-Z0-9]/);

  // An edit: the draft is now the person's, the preview follows, the channel link says it is unsaved.
  const firstDraft = linkedin.locator('.variant').filter({ has: page.getByRole('textbox', { name: 'LinkedIn draft 1' }) });
  await expect(firstDraft.getByText('Offline model (no AI configured)')).toBeVisible();
  const edit = `Edited in the browser ${Date.now()}: close the books in days, not weeks.\n\nHere is the checklist we use.`;
  await draft.fill(edit);
  await expect(firstDraft.getByText('Edited by you · not saved')).toBeVisible();
  await expect(firstDraft.getByText('Offline model (no AI configured)')).toHaveCount(0);
  await expect(firstDraft.getByRole('figure', { name: 'LinkedIn preview' })).toContainText('close the books in days');
  await expect(page.getByRole('navigation', { name: 'Channels in this package' })).toContainText('unsaved edits');

  // Leaving asks first: an in-app link, the brand switcher and a reload are each refused, the edit stays.
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await page.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Today' }).click();
  await expect.poll(() => dialogs).toEqual(['confirm']);
  await expect(page).toHaveURL(packageUrl);
  const switcher = page.getByRole('combobox', { name: 'Brand' });
  const otherBrand = await switcher.locator('option:not(:checked)').first().getAttribute('value');
  // The demo owner has a second brand to switch to.
  expect(otherBrand).toBeTruthy();
  await switcher.selectOption(otherBrand!);
  await expect.poll(() => dialogs).toEqual(['confirm', 'confirm']);
  await expect(page).toHaveURL(packageUrl);
  await expect(switcher.locator('option:checked')).toHaveText(brandName);
  const asked = dialogs.length;
  await page.reload({ timeout: 5_000 }).catch(() => undefined);
  await expect.poll(() => dialogs.length).toBe(asked + 1);
  expect(dialogs.at(-1)).toBe('beforeunload');
  await expect(draft).toHaveValue(edit);

  // Saved: the draft says Edited, and leaving no longer asks.
  await firstDraft.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(firstDraft.getByText('Saved', { exact: true })).toBeVisible();
  await expect(firstDraft.getByText('Edited', { exact: true })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Channels in this package' })).not.toContainText('unsaved edits');
  await shots(page, testInfo, 'workspace-after-edit');
  const before = dialogs.length;
  await page.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Today' }).click();
  await expect(page).toHaveURL(/\/today/);
  expect(dialogs.length).toBe(before);
  await page.goto(packageUrl);
  await expect(page.getByRole('region', { name: 'LinkedIn' }).getByRole('textbox', { name: 'LinkedIn draft 1' })).toHaveValue(edit);
});
