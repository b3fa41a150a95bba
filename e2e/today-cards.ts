import { expect, type Locator, type Page } from '@playwright/test';
import { signInAsDemoUser } from './sign-in';

/**
 * Signs in as the demo owner and returns the first Today card that has no package yet (a card with one
 * offers "Create another package" and asks first; other specs build from the first cards). The board's
 * own read says which ideas have a package, so every card knows from its first paint. The card is held
 * by its id: the board may reorder around it.
 */
export async function firstCardWithoutPackage(page: Page): Promise<Locator> {
  await signInAsDemoUser(page);
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
