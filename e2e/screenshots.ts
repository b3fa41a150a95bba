import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';

/** The two widths the product is designed for. */
const REVIEW_SIZES = [
  [1440, 900],
  [390, 844],
] as const;

/** Runs `shoot` with the page at each review width, scrolled to the top, then gives the page its size back. */
export async function atReviewWidths(page: Page, shoot: (width: number) => Promise<void>): Promise<void> {
  const before = page.viewportSize();
  for (const [width, height] of REVIEW_SIZES) {
    await page.setViewportSize({ width, height });
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(width);
  }
  if (before) await page.setViewportSize(before);
}

/**
 * With E2E_SCREENSHOTS_DIR set, shots for a person to look at, at both widths: the whole page, and the
 * `focus` element alone and on its screen when given.
 */
export async function screenshotsForReview(page: Page, name: string, focus?: Locator): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await atReviewWidths(page, async (width) => {
    await page.screenshot({ path: join(dir, `${name}-${width}-page.png`), fullPage: true });
    if (focus) {
      await focus.screenshot({ path: join(dir, `${name}-${width}.png`) });
      // The screen around it too: a menu that opens out of the element shows only here.
      await focus.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(dir, `${name}-${width}-screen.png`) });
    }
  });
}
