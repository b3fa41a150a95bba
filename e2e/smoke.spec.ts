import { expect, test } from '@playwright/test';
import { signInAsDemoUser } from './sign-in';

test('signed out, the app sends a visitor to the sign-in page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('the demo owner signs in, sees the brand switcher with the tenant brands, and switches brand', async ({ page }) => {
  await signInAsDemoUser(page);
  const switcher = page.getByRole('combobox', { name: 'Brand' });
  await expect(switcher).toBeVisible();
  const options = switcher.locator('option');
  await expect(options).toHaveText(['Ember & Oak Coffee Roasters', 'Ledgerline']);

  const before = page.url();
  const other = (await switcher.inputValue()) === (await options.nth(0).getAttribute('value')) ? 1 : 0;
  const otherName = await options.nth(other).textContent();
  await switcher.selectOption({ index: other });
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/today/);
  await expect(switcher.locator('option:checked')).toHaveText(otherName ?? '');

  for (const section of ['Today', 'Insights', 'Runs']) {
    await expect(page.getByRole('link', { name: section })).toBeVisible();
  }
});

test('a brand of another tenant is not found, not forbidden', async ({ page }) => {
  await signInAsDemoUser(page, 'Grace Owner');
  const globexBrandUrl = page.url();
  await page.context().clearCookies();
  await signInAsDemoUser(page);
  const response = await page.goto(globexBrandUrl);
  expect(response?.status()).toBe(404);
});
