import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { brandIdOf } from './new-brand';
import { signInAsDemoUser } from './sign-in';

// Every page of the app, at the two widths the product is designed for, checked by axe for WCAG 2 A and
// AA rules; a serious or critical violation fails the run. A full-page screenshot of each page at each
// width is attached to the report, so a reviewer sees every screen without running the app.

const WIDTHS = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'mobile', viewport: { width: 390, height: 844 } },
] as const;

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/** The demo owner's ids the brand and workspace pages need, found once through the pages themselves. */
interface DemoIds {
  brandId: string;
  packageId: string;
  workspaceId: string;
}

interface PageUnderTest {
  name: string;
  signedIn: boolean;
  path: (ids: DemoIds) => string;
}

const PAGES: PageUnderTest[] = [
  { name: 'Sign in', signedIn: false, path: () => '/sign-in' },
  { name: 'Home', signedIn: true, path: () => '/' },
  { name: 'Brands', signedIn: true, path: () => '/brands' },
  { name: 'New brand', signedIn: true, path: () => '/brands/new' },
  { name: 'Today', signedIn: true, path: ({ brandId }) => `/brands/${brandId}/today` },
  { name: 'Packages', signedIn: true, path: ({ brandId }) => `/brands/${brandId}/packages` },
  { name: 'Package workspace', signedIn: true, path: ({ brandId, packageId }) => `/brands/${brandId}/packages/${packageId}` },
  { name: 'Strategy', signedIn: true, path: ({ brandId }) => `/brands/${brandId}/strategy` },
  { name: 'Strategy setup', signedIn: true, path: ({ brandId }) => `/brands/${brandId}/strategy/setup` },
  { name: 'Patterns', signedIn: true, path: ({ brandId }) => `/brands/${brandId}/patterns` },
  { name: 'Sources', signedIn: true, path: ({ brandId }) => `/brands/${brandId}/sources` },
  { name: 'Insights', signedIn: true, path: ({ brandId }) => `/brands/${brandId}/insights` },
  { name: 'Runs', signedIn: true, path: ({ brandId }) => `/brands/${brandId}/runs` },
  { name: 'Settings', signedIn: true, path: ({ brandId }) => `/brands/${brandId}/settings` },
  { name: 'Team', signedIn: true, path: ({ workspaceId }) => `/workspaces/${workspaceId}/team` },
];

let ids: DemoIds;
let signedInState: Awaited<ReturnType<BrowserContext['storageState']>>;

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await signInAsDemoUser(page);
  const brandId = brandIdOf(page);

  await page.goto(`/brands/${brandId}/packages`);
  const packageLink = page.locator(`a[href^="/brands/${brandId}/packages/"]`).first();
  const packageHref = await packageLink.getAttribute('href');
  const packageId = /\/packages\/([0-9a-f-]{36})/.exec(packageHref ?? '')?.[1];

  const teamHref = await page.locator('a[href^="/workspaces/"][href$="/team"]').first().getAttribute('href');
  const workspaceId = /\/workspaces\/([0-9a-f-]{36})\/team/.exec(teamHref ?? '')?.[1];

  expect(packageId, 'the demo brand has a package in its library').toBeTruthy();
  expect(workspaceId, 'the brand pages link to the workspace team').toBeTruthy();
  ids = { brandId, packageId: packageId!, workspaceId: workspaceId! };
  signedInState = await page.context().storageState();
  await page.close();
});

async function openAt(browser: Browser, viewport: { width: number; height: number }, signedIn: boolean): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    storageState: signedIn ? signedInState : undefined,
  });
  return context.newPage();
}

/** Waits until the page has its heading and its client queries have answered, so axe sees the real page. */
async function settle(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  // A page that polls (Runs) never goes fully idle; a short cap is enough for its first answers.
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

for (const width of WIDTHS) {
  test.describe(`at ${width.viewport.width}×${width.viewport.height}`, () => {
    for (const pageUnderTest of PAGES) {
      test(`${pageUnderTest.name} has no serious or critical accessibility violation`, async ({ browser }, testInfo) => {
        const page = await openAt(browser, width.viewport, pageUnderTest.signedIn);
        try {
          const response = await page.goto(pageUnderTest.path(ids));
          expect(response?.status(), `${pageUnderTest.name} answers`).toBeLessThan(400);
          await settle(page);

          await testInfo.attach(`${pageUnderTest.name} at ${width.viewport.width}px`, {
            body: await page.screenshot({ fullPage: true }),
            contentType: 'image/png',
          });

          const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
          await testInfo.attach(`axe findings: ${pageUnderTest.name} at ${width.viewport.width}px`, {
            body: JSON.stringify({ url: page.url(), violations: results.violations }, null, 2),
            contentType: 'application/json',
          });
          const failing = results.violations
            .filter((violation) => FAILING_IMPACTS.has(violation.impact ?? ''))
            .map(
              (violation) =>
                `${violation.id} (${violation.impact}): ${violation.help} — ` +
                violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ')}`).join(' | '),
            );
          expect(failing, `${pageUnderTest.name} at ${page.url()}`).toEqual([]);
        } finally {
          await page.context().close();
        }
      });
    }
  });
}
