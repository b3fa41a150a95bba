import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page, type TestInfo, test } from '@playwright/test';
import { atReviewWidths } from './screenshots';
import { signInAsDemoUser } from './sign-in';

/**
 * The workspace's first screen at a desktop and a phone width, attached to the report (and written to
 * E2E_SCREENSHOTS_DIR when set, for a person to look at).
 */
async function shots(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS_DIR;
  if (dir) mkdirSync(dir, { recursive: true });
  await atReviewWidths(page, async (width) => {
    const body = await page.screenshot();
    await testInfo.attach(`${name}-${width}`, { body, contentType: 'image/png' });
    if (dir) {
      await page.screenshot({ path: join(dir, `${name}-${width}.png`) });
      await page.screenshot({ path: join(dir, `${name}-${width}-page.png`), fullPage: true });
    }
  });
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

  // Writing first: the idea is one closed summary line and the thesis a summary (no open form), so the
  // first draft is on the first screen.
  const origin = page.locator('details.workspace__origin');
  await expect(origin.locator('summary')).toBeVisible();
  expect(await origin.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
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

  // An edit saves itself a moment after typing stops: the draft is now the person's (no longer the
  // offline model's), the preview follows, and a reload finds it.
  const firstDraft = linkedin.locator('.variant').filter({ has: page.getByRole('textbox', { name: 'LinkedIn draft 1' }) });
  const status = firstDraft.locator('.variant__save').getByRole('status');
  await expect(firstDraft.getByText('Offline model (no AI configured)')).toBeVisible();
  await expect(status).toHaveText('Saves as you type');
  const edit = `Edited in the browser ${Date.now()}: close the books in days, not weeks.\n\nHere is the checklist we use.`;
  await draft.fill(edit);
  await expect(firstDraft.getByText('Edited', { exact: true })).toBeVisible();
  await expect(firstDraft.getByText('Offline model (no AI configured)')).toHaveCount(0);
  await expect(firstDraft.getByRole('figure', { name: 'LinkedIn preview' })).toContainText('close the books in days');
  await expect(status).toHaveText('Saved');
  await expect(firstDraft.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  await shots(page, testInfo, 'workspace-after-edit');
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss();
  });
  await page.reload();
  expect(dialogs).toEqual([]);
  await expect(draft).toHaveValue(edit);
  await expect(firstDraft.getByText('Edited', { exact: true })).toBeVisible();
  await expect(firstDraft.getByText('Offline model (no AI configured)')).toHaveCount(0);

  // Typed, then the back button at once (before the pause that saves): the edit is saved on the way
  // out, so coming back finds it, and so does the server.
  const quick = `${edit}\n\nOne more line, typed just before leaving.`;
  await draft.fill(quick);
  await page.goBack();
  await expect(page).toHaveURL(/\/today$/);
  await page.goForward();
  await expect(page).toHaveURL(packageUrl);
  await expect(draft).toHaveValue(quick);
  await expect(status).toHaveText(/^(Saved|Saves as you type)$/);
  await page.reload();
  await expect(draft).toHaveValue(quick);
  expect(dialogs).toEqual([]);

  // A save that fails keeps the text and says why beside the editor; until it is saved, every way out
  // asks first: an in-app link, the brand switcher and a reload are each refused, the edit stays.
  const saves = (url: URL) => url.pathname.includes('variants.update');
  await page.route(saves, (route) => route.abort());
  const mine = `${quick}\n\nMy last line.`;
  await draft.fill(mine);
  await expect(status).toHaveText(
    'Not saved. Kairo could not be reached. Your text is still here; Retry, or keep writing and it saves again.',
  );
  await expect(page.getByRole('navigation', { name: 'Channels in this package' })).toContainText(/LinkedIn · \d+ drafts? · not saved/);
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
  await page.reload({ timeout: 5_000 }).catch(() => undefined);
  await expect.poll(() => dialogs.length).toBe(3);
  expect(dialogs.at(-1)).toBe('beforeunload');
  await expect(draft).toHaveValue(mine);

  // Meanwhile someone else saves the same draft: Retry is refused rather than overwriting them, the
  // person's text stays, and they choose.
  const other = await context.newPage();
  await other.goto(packageUrl);
  const theirLinkedin = other.getByRole('region', { name: 'LinkedIn' });
  const theirDraft = theirLinkedin.getByRole('textbox', { name: 'LinkedIn draft 1' });
  await expect(theirDraft).toHaveValue(quick);
  const theirs = `Their version ${Date.now()}: the close checklist, rewritten.`;
  await theirDraft.fill(theirs);
  await theirDraft.blur();
  await expect(theirLinkedin.locator('.variant__save').getByRole('status').first()).toHaveText('Saved');
  await other.close();
  await page.unroute(saves);
  await firstDraft.getByRole('button', { name: 'Retry' }).click();
  await expect(status).toHaveText('Not saved. Someone else changed this draft after you opened it; your text is still here.');
  await expect(draft).toHaveValue(mine);
  await firstDraft.getByRole('button', { name: 'Save mine over it' }).click();
  await expect(status).toHaveText('Saved');
  await expect(page.getByRole('navigation', { name: 'Channels in this package' })).not.toContainText('not saved');

  // Saved: leaving no longer asks.
  const before = dialogs.length;
  await page.getByRole('navigation', { name: 'Brand sections' }).getByRole('link', { name: 'Today' }).click();
  await expect(page).toHaveURL(/\/today/);
  expect(dialogs.length).toBe(before);
  await page.goto(packageUrl);
  await expect(page.getByRole('region', { name: 'LinkedIn' }).getByRole('textbox', { name: 'LinkedIn draft 1' })).toHaveValue(mine);
});

test('on a phone the shell header is one row, its menu opens and closes from the keyboard, and the first draft starts on the first screen', async ({
  page,
}, testInfo) => {
  await signInAsDemoUser(page);
  await page.setViewportSize({ width: 390, height: 844 });
  const sections = page.getByRole('navigation', { name: 'Brand sections' });
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(sections).toBeHidden();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  const headerHeight = await page.locator('.shell-header').evaluate((header) => header.getBoundingClientRect().height);
  expect(headerHeight).toBeLessThan(80);
  // The first Today card is on the first screen.
  const firstCard = page.locator('article.opportunity').first();
  await expect(firstCard).toBeVisible();
  expect(await firstCard.evaluate((card) => card.getBoundingClientRect().top)).toBeLessThan(844);

  // Keyboard: the menu opens, shows where the person is, Escape closes it and focus comes back.
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  await expect(sections.getByRole('link', { name: 'Today' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('link', { name: 'All brands' })).toBeVisible();
  await testInfo.attach('shell-menu-open-390', { body: await page.screenshot(), contentType: 'image/png' });
  await page.keyboard.press('Tab');
  await page.keyboard.press('Escape');
  await expect(sections).toBeHidden();
  await expect(menu).toBeFocused();

  // A section followed from the menu closes it; the package workspace's first draft is on the first screen.
  await menu.click();
  await sections.getByRole('link', { name: 'Packages' }).click();
  await expect(page).toHaveURL(/\/packages$/);
  await expect(sections).toBeHidden();
  await page.getByRole('main').locator('a[href*="/packages/"]').first().click();
  await expect(page).toHaveURL(/\/packages\/[0-9a-f-]{36}$/);
  const draft = page.getByRole('textbox', { name: /draft 1$/ }).first();
  await expect(draft).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 0));
  expect(await draft.evaluate((box) => box.getBoundingClientRect().top)).toBeLessThan(844);
  await testInfo.attach('workspace-first-screen-390-menu-closed', { body: await page.screenshot(), contentType: 'image/png' });
});
