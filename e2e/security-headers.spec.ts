import { test as base, expect, type Locator, type Page, type Response } from '@playwright/test';
import { signInAsDemoUser } from './sign-in';
import { firstCardWithoutPackage } from './today-cards';

// Every page must pass its own Content-Security-Policy in a real browser: a violation means a script or
// style Kairo needs was blocked (or something was injected). Each test watches the browser for
// `securitypolicyviolation` events, Chromium's CSP and Permissions-Policy console messages and uncaught
// page errors, and fails on any of them when it ends.

declare global {
  interface Window {
    reportCspViolation?: (violation: string) => void;
    kairoPageMarker?: string;
  }
}

// biome-ignore lint/suspicious/noConfusingVoidType: Playwright types a fixture that gives the test no value as void
const test = base.extend<{ cspWatch: void }>({
  cspWatch: [
    async ({ page }, use) => {
      const problems: string[] = [];
      await page.exposeFunction('reportCspViolation', (violation: string) => problems.push(violation));
      await page.addInitScript(() => {
        document.addEventListener(
          'securitypolicyviolation',
          (event) =>
            window.reportCspViolation?.(
              `${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`,
            ),
          true,
        );
      });
      page.on('console', (message) => {
        // Chromium logs refused scripts and styles, and header values it cannot parse, to the console.
        if (/content security policy|permissions-policy/i.test(message.text()))
          problems.push(`console ${message.type()}: ${message.text()}`);
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      await use();
      expect(problems, 'CSP violations and page errors').toEqual([]);
    },
    { auto: true },
  ],
});

test.use({ viewport: { width: 1440, height: 900 } });

const brandIdOf = (page: Page) => /\/brands\/([0-9a-f-]{36})\//.exec(page.url())![1]!;

/** The fixed headers and a nonce-based production policy; answers the nonce. */
function expectSecureDocument(response: Response | null): string {
  expect(response, 'a document response').not.toBeNull();
  const headers = response!.headers();
  const policy = headers['content-security-policy'] ?? '';
  const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)' 'strict-dynamic';/.exec(policy)?.[1];
  expect(nonce, `script-src with a nonce in: ${policy}`).toBeTruthy();
  for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"]) {
    expect(policy).toContain(directive);
  }
  expect(policy).not.toContain('unsafe-eval');
  expect(policy).not.toContain('unsafe-inline');
  expectFixedHeaders(headers);
  return nonce!;
}

function expectFixedHeaders(headers: Record<string, string>): void {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['x-frame-options']).toBe('DENY');
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
    expect(headers['permissions-policy']).toContain(`${feature}=()`);
  }
  expect(headers['x-powered-by']).toBeUndefined();
}

/** Every script tag the server sent carries this response's nonce: none relies on the policy being loose. */
async function expectNoncedScripts(response: Response, nonce: string): Promise<void> {
  const tags = (await response.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length).toBeGreaterThan(0);
  for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
}

/**
 * Proof that the page hydrated: a click on a `next/link` is handled by Next's client router (the
 * window, and a marker set on it, survive), where a page whose scripts were blocked would reload.
 */
async function expectClientNavigation(page: Page, link: Locator, to: RegExp): Promise<void> {
  await page.waitForFunction(() => (window as { next?: { appDir?: boolean } }).next?.appDir === true);
  await page.evaluate(() => (window.kairoPageMarker = 'still here'));
  await link.click();
  await expect(page).toHaveURL(to);
  expect(await page.evaluate(() => window.kairoPageMarker)).toBe('still here');
}

test('the sign-in page carries the policy and runs its nonced scripts', async ({ page }) => {
  const response = await page.goto('/sign-in');
  const nonce = expectSecureDocument(response);
  await expectNoncedScripts(response!, nonce);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await page.waitForFunction(() => (window as { next?: { appDir?: boolean } }).next?.appDir === true);
});

test('the Today board passes its policy and is interactive', async ({ page }, testInfo) => {
  const card = await firstCardWithoutPackage(page);
  const response = await page.reload();
  const nonce = expectSecureDocument(response);
  await expectNoncedScripts(response!, nonce);

  // Opening the channel picker is client state only: it works only once React has hydrated.
  await card.getByRole('button', { name: 'Create package' }).click();
  await expect(card.getByRole('group', { name: /Create a package from/ })).toBeVisible();
  await page.keyboard.press('Escape');

  // Stylesheets applied: the body is not the browser's default serif on white with 8px margins.
  expect(await page.evaluate(() => getComputedStyle(document.body).margin)).not.toBe('8px');
  // For a person to look at: fonts, colours and layout as the policy leaves them.
  await page.screenshot({ path: testInfo.outputPath('today-1440x900.png') });

  await expectClientNavigation(page, page.getByRole('link', { name: 'Insights' }), /\/insights/);
});

test('a package workspace passes its policy and navigates on the client', async ({ page }) => {
  await signInAsDemoUser(page);
  await page.goto(`/brands/${brandIdOf(page)}/insights?days=90`);
  const packageHref = await page.getByTestId('pattern-table').getByTestId('package-link').first().getAttribute('href');
  expect(packageHref).toMatch(/\/brands\/[0-9a-f-]{36}\/packages\/[0-9a-f-]{36}$/);

  const response = await page.goto(packageHref!);
  expect(response?.status()).toBe(200);
  const nonce = expectSecureDocument(response);
  await expectNoncedScripts(response!, nonce);
  await expect(page.getByRole('heading', { name: 'Thesis' })).toBeVisible();
  // The seeded packages with metrics are published, so their drafts are read-only: no typing here.
  await expectClientNavigation(page, page.getByRole('link', { name: 'Runs' }), /\/runs$/);
});

test('insights passes its policy, chart included, and navigates on the client', async ({ page }) => {
  await signInAsDemoUser(page);
  const response = await page.goto(`/brands/${brandIdOf(page)}/insights`);
  const nonce = expectSecureDocument(response);
  await expectNoncedScripts(response!, nonce);
  await expect(page.getByTestId('engagement-chart')).toBeVisible();
  await expectClientNavigation(page, page.getByRole('link', { name: '7 days' }), /\?days=7$/);
});

test('runs passes its policy and navigates on the client', async ({ page }) => {
  await signInAsDemoUser(page);
  const response = await page.goto(`/brands/${brandIdOf(page)}/runs`);
  const nonce = expectSecureDocument(response);
  await expectNoncedScripts(response!, nonce);
  await expect(page.getByRole('heading', { level: 1, name: 'Runs' })).toBeVisible();
  await expectClientNavigation(page, page.getByRole('link', { name: 'Today' }), /\/today/);
});

test('not-found pages, unknown paths and missing packages alike, pass the policy', async ({ page }) => {
  await signInAsDemoUser(page);
  const missingPackage = await page.goto(`/brands/${brandIdOf(page)}/packages/00000000-0000-4000-8000-000000000000`);
  expect(missingPackage?.status()).toBe(404);
  await expectNoncedScripts(missingPackage!, expectSecureDocument(missingPackage));
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();

  const unknown = await page.goto('/no-such-page');
  expect(unknown?.status()).toBe(404);
  await expectNoncedScripts(unknown!, expectSecureDocument(unknown));
  // The demo owner has two brands, so the front door is the brand list.
  await expectClientNavigation(page, page.getByRole('link', { name: 'Back to Kairo' }), /\/brands$/);
});

test('an API response carries the fixed headers but no page policy, and no X-Powered-By', async ({ request }) => {
  const response = await request.get('/api/trpc/brands.list');
  expect(response.status()).toBe(401);
  expectFixedHeaders(response.headers());
  expect(response.headers()['content-security-policy']).toBeUndefined();
});
