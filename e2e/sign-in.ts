import { expect, type Page } from '@playwright/test';

export const DEMO_OWNER = 'Olivia Owner';

/** Signs in through the demo sign-in page and waits for the first brand's Today board. */
export async function signInAsDemoUser(page: Page, displayName = DEMO_OWNER): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: `Sign in as ${displayName}` }).click();
  await expect(page).toHaveURL(/\/brands\/[0-9a-f-]{36}\/today/);
}
