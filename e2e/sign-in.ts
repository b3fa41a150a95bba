import { expect, type Page } from '@playwright/test';

export const DEMO_OWNER = 'Olivia Owner';

/**
 * Signs in through the demo sign-in page and waits for the first brand's Today board. A person with
 * one brand lands there; one with more lands on the brand list (/brands), and this opens the first.
 */
export async function signInAsDemoUser(page: Page, displayName = DEMO_OWNER): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${displayName}` }).click();
  await expect(page).toHaveURL(/\/brands(\/[0-9a-f-]{36}\/today)?$/);
  if (new URL(page.url()).pathname === '/brands') {
    await page
      .getByRole('link', { name: /^Open Today for / })
      .first()
      .click();
  }
  await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/today/);
}

/**
 * Signs in through the demo sign-in page's "New here?" form as the person with this email (a new local
 * user the first time). Where it lands depends on that person: the workspace setup for someone in no
 * workspace, their first brand's Today board otherwise; this waits only for leaving the sign-in page.
 */
export async function signInByEmail(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('button', { name: 'Sign in with this email' }).click();
  await expect(page).not.toHaveURL(/\/sign-in$/);
}
