import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, expect, type Locator, type Page, type TestInfo, test } from '@playwright/test';
import { brandIdOf } from './new-brand';
import { signInAsDemoUser } from './sign-in';

// Every page of the app, at the two widths the product is designed for, checked by axe for WCAG 2 A and
// AA rules; a serious or critical violation fails the run. A full-page screenshot of each page at each
// width is attached to the report, so a reviewer sees every screen without running the app. The menus,
// panels and questions that open over a page are checked (and photographed) open as well: closed, most
// of them are not in the page at all.
//
// Where the e2e suite checks issue 14 ("The pages as a content lead uses them"), point by point:
//  1. Errors in place: today-board.spec "a sixth pin is refused next to its button, with focus on the
//     reason"; package-lifecycle.spec, the same post link on a second X draft is refused beside its button.
//  2. Today board: today-board.spec, one test each for the short board with the first card above the fold
//     on a phone (compact header), the summary not repeating the heading, sort/search/"Show more", a pin
//     keeping its place, menus closing on Escape and outside clicks, snooze undo and the Snoozed view, a
//     card's package link and the "second package?" question, learning kept out of "why now".
//  3. Workspace: workspace.spec, one walk: the first draft on the first screen beside a collapsed idea and thesis,
//     a wide editor, each channel's preview and Copy, the post-link example per channel, one badge case,
//     "Offline model" gone after an edit, autosave (saved through a reload and the back button) and the
//     confirm on leaving while a save has failed (link, brand switch, reload), the current
//     section and breadcrumb, the tab title.
//  4. Insights: insights.spec "insights read in plain words" (axis label, tooltips, legend order, dates,
//     named events, trends, the hidden table taking no room), "the owner runs learning now" (what the
//     button does, as its description), "a member sees … no Run learning now" (and why), "a new ingest
//     key is shown once with a Copy button".
//  5. Navigation: navigation.spec: the brand list and `/` landing there, a deep link through sign-in,
//     the skip link, focus back on the control that opened a panel.
//  6. Accessibility in CI: this spec (the Runs page's "Succeeded" pill among the pages).
//  7. README: no step; the README's Quick start says each thing the point lists.
// And the forms keep what was typed before the page hydrated: onboarding.spec's first step types the
// workspace name while the page's scripts are held back.

const WIDTHS = [
  { name: 'desktop', viewport: { width: 1440, height: 900 } },
  { name: 'mobile', viewport: { width: 390, height: 844 } },
] as const;
type WidthName = (typeof WIDTHS)[number]['name'];

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const FAILING_IMPACTS = new Set(['serious', 'critical']);

/** The demo owner's ids the brand and workspace pages need, found once through the pages themselves. */
interface DemoIds {
  brandId: string;
  /** The owner's other brand: the checks that add ideas or a package do it there, not on the brand other specs use. */
  otherBrandId: string;
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

/** A menu, panel or question that opens over a page, for the demo owner. */
interface OpenUi {
  name: string;
  path: (ids: DemoIds) => string;
  /** Only where it exists: the phone's Menu and "Filter and sort" are laid out open on a wide screen. */
  widths?: readonly WidthName[];
  /** Opens it on the settled page and returns it, visible. */
  open: (page: Page) => Promise<Locator>;
}

const today = ({ brandId }: DemoIds) => `/brands/${brandId}/today`;
const cards = (page: Page) => page.locator('article.opportunity');
const card = (page: Page, id: string | null) => page.locator(`article.opportunity[data-opportunity-id="${id}"]`);

/** A card that has a package, so it offers "Create another package"; builds one from a fresh card when none has. */
async function cardWithPackage(page: Page): Promise<Locator> {
  const todayUrl = page.url();
  const another = cards(page).filter({ has: page.getByRole('button', { name: 'Create another package' }) });
  if ((await another.count()) > 0) return another.first();
  // Building a package (then Today again) is a minute's work on a busy machine, beyond a page check's time.
  test.slow();
  const fresh = cards(page).filter({ has: page.getByRole('button', { name: 'Create package', exact: true }) });
  const id = await fresh.first().getAttribute('data-opportunity-id');
  await card(page, id).getByRole('button', { name: 'Create package', exact: true }).click();
  await card(page, id)
    .getByRole('button', { name: /^Build for/ })
    .click();
  await expect(page).toHaveURL(/\/packages\/[0-9a-f-]{36}$/, { timeout: 60_000 });
  // A fresh load of the board, which now knows the card's package.
  await page.goto(todayUrl);
  await settle(page);
  return card(page, id);
}

// The brand switcher is a native <select>: its open list is drawn by the browser, outside the page axe
// reads, so the page at rest covers it. The unsaved-changes question is the browser's own confirm.
const OPEN_UI: OpenUi[] = [
  {
    name: "Today, a card's Snooze menu",
    path: today,
    open: async (page) => {
      await cards(page).first().getByText('Snooze', { exact: true }).click();
      return cards(page)
        .first()
        .getByRole('group', { name: /^Snooze / });
    },
  },
  {
    name: 'Today, the Create package picker',
    path: today,
    open: async (page) => {
      const fresh = cards(page).filter({ has: page.getByRole('button', { name: 'Create package', exact: true }) });
      const id = await fresh.first().getAttribute('data-opportunity-id');
      await card(page, id).getByRole('button', { name: 'Create package', exact: true }).click();
      return card(page, id).getByRole('group', { name: /^Create a package from/ });
    },
  },
  {
    name: 'Today, "Create a second package?"',
    path: ({ otherBrandId }) => `/brands/${otherBrandId}/today`,
    open: async (page) => {
      const withPackage = await cardWithPackage(page);
      await withPackage.getByRole('button', { name: 'Create another package' }).click();
      return withPackage.getByRole('group', { name: 'Create a second package?' });
    },
  },
  {
    name: 'Today, the Add idea panel',
    path: today,
    open: async (page) => {
      await page.getByRole('button', { name: 'Add idea' }).click();
      return page.getByRole('form', { name: 'New idea' });
    },
  },
  {
    name: 'Today, Generate ideas with its outcome',
    path: ({ otherBrandId }) => `/brands/${otherBrandId}/today`,
    open: async (page) => {
      const panel = page.getByRole('region', { name: 'Generate ideas' });
      await panel.getByRole('button', { name: 'Generate ideas' }).click();
      // The run's counts, or its refusal: either is what the panel shows after a click.
      await expect(panel.locator('[role="status"], [role="alert"]').first()).toBeVisible({ timeout: 60_000 });
      return panel;
    },
  },
  {
    name: 'Today, the Snoozed view',
    path: today,
    open: async (page) => {
      await page.getByRole('button', { name: 'Snoozed', exact: true }).click();
      // Nothing of the demo owner's is snoozed when this spec runs (it runs first): the view's empty state.
      return page.getByRole('list', { name: 'Snoozed ideas' }).or(page.getByText(/^Nothing is snoozed/));
    },
  },
  {
    name: 'Today, Filter and sort',
    path: today,
    widths: ['mobile'],
    open: async (page) => {
      await page.getByRole('button', { name: 'Filter and sort' }).click();
      return page.getByRole('form', { name: 'Filter the board' });
    },
  },
  {
    name: 'Brand pages, the Menu',
    path: today,
    widths: ['mobile'],
    open: async (page) => {
      await page.getByRole('button', { name: 'Menu', exact: true }).click();
      return page.getByRole('navigation', { name: 'Brand sections' });
    },
  },
  {
    name: 'Package workspace, the thesis editor',
    path: ({ brandId, packageId }) => `/brands/${brandId}/packages/${packageId}`,
    open: async (page) => {
      await page.getByRole('button', { name: 'Edit thesis' }).click();
      await expect(page.getByRole('textbox', { name: /^Core argument/ })).toBeVisible();
      return page.locator('form.thesis--editing');
    },
  },
  {
    name: 'Patterns, the New pattern form',
    path: ({ brandId }) => `/brands/${brandId}/patterns`,
    open: async (page) => {
      await page.getByRole('button', { name: 'New pattern' }).click();
      return page.getByRole('region', { name: 'New pattern' });
    },
  },
  {
    name: 'Patterns, "Retire …?"',
    path: ({ brandId }) => `/brands/${brandId}/patterns`,
    open: async (page) => {
      await page.getByRole('button', { name: 'Retire', exact: true }).first().click();
      return page.getByRole('group', { name: /^Retire .+\?$/ });
    },
  },
  {
    name: 'Settings, "Archive brand?"',
    path: ({ brandId }) => `/brands/${brandId}/settings`,
    open: async (page) => {
      await page.getByRole('button', { name: 'Archive brand…' }).click();
      return page.getByRole('group', { name: 'Confirm archiving' });
    },
  },
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

  await page.goto('/brands');
  const brandHrefs = await page
    .getByRole('link', { name: /^Open Today for / })
    .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
  const otherBrandId = brandHrefs.map((href) => /\/brands\/([0-9a-f-]{36})\//.exec(href)?.[1]).find((id) => id && id !== brandId);

  expect(packageId, 'the demo brand has a package in its library').toBeTruthy();
  expect(workspaceId, 'the brand pages link to the workspace team').toBeTruthy();
  expect(otherBrandId, 'the demo owner has a second brand').toBeTruthy();
  ids = { brandId, otherBrandId: otherBrandId!, packageId: packageId!, workspaceId: workspaceId! };
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

/**
 * Attaches a full-page screenshot and axe's findings for the page as it is now; fails on a serious or
 * critical violation. `within` limits the rules to what was opened: the rest of the page is checked at
 * rest, and with the page scrolled to the opened part, axe's target-size counts controls that have
 * scrolled under the sticky header as obscured.
 */
async function checkAndAttach(page: Page, testInfo: TestInfo, label: string, within?: Locator): Promise<void> {
  await testInfo.attach(label, { body: await page.screenshot({ fullPage: true }), contentType: 'image/png' });
  const axe = new AxeBuilder({ page }).withTags(WCAG_TAGS);
  if (within) {
    await within.evaluate((element) => element.setAttribute('data-axe-opened', ''));
    axe.include('[data-axe-opened]');
  }
  const results = await axe.analyze();
  await testInfo.attach(`axe findings: ${label}`, {
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
  expect(failing, `${label} at ${page.url()}`).toEqual([]);
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
          await checkAndAttach(page, testInfo, `${pageUnderTest.name} at ${width.viewport.width}px`);
        } finally {
          await page.context().close();
        }
      });
    }

    for (const openUi of OPEN_UI.filter((ui) => !ui.widths || ui.widths.includes(width.name))) {
      test(`${openUi.name}, open, has no serious or critical accessibility violation`, async ({ browser }, testInfo) => {
        const page = await openAt(browser, width.viewport, true);
        try {
          await page.goto(openUi.path(ids));
          await settle(page);
          const opened = await openUi.open(page);
          await expect(opened).toBeVisible();
          await checkAndAttach(page, testInfo, `${openUi.name} at ${width.viewport.width}px`, opened);
        } finally {
          await page.context().close();
        }
      });
    }
  });
}
