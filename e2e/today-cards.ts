import { expect, type Locator, type Page } from '@playwright/test';
import { signInAsDemoUser } from './sign-in';

/**
 * Signs in as the demo owner and returns the first Today card that has no package yet (a card with one
 * offers "Create another package" and asks first; other specs build from the first cards). Today shows
 * which ideas have a package once its own query answers, and until then every card offers "Create
 * package", so this waits for that answer. The card is held by its id: the board may reorder around it.
 */
export async function firstCardWithoutPackage(page: Page): Promise<Locator> {
  const packageLinks = page.waitForResponse((response) => response.url().includes('packages.forOpportunities'));
  await signInAsDemoUser(page);
  await packageLinks;
  const cards = page.locator('article.opportunity');
  await expect(cards.first()).toBeVisible();
  const cardId = await cards.evaluateAll(
    (list) =>
      list
        .find((article) => [...article.querySelectorAll('button')].some((button) => button.textContent?.trim() === 'Create package'))
        ?.getAttribute('data-opportunity-id') ?? null,
  );
  expect(cardId).not.toBeNull();
  return page.locator(`article.opportunity[data-opportunity-id="${cardId}"]`);
}
