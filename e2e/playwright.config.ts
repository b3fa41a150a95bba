import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './chromium';
import { LOCAL_FEED_HOST } from './local-feed';

const PORT = Number(process.env.E2E_PORT ?? 3100);
// A data folder of its own, wiped before every run, so the tests always meet freshly seeded demo data
// and never touch the developer's `.data/pglite`; one per port, so two runs side by side do not share it.
const DATA_DIR = `.data/e2e-${PORT}`;
// The build folder next.config.mjs reads: a run beside another build uses its own, and `next start`
// must serve the folder this run built.
const DIST_DIR = process.env.KAIRO_NEXT_DIST_DIR || '.next';
// E2E_REUSE_BUILD=1 serves the build already in DIST_DIR (CI builds once, for the HTTP suite and both Playwright runs).
const BUILD = process.env.E2E_REUSE_BUILD === '1' ? '' : 'npm run build && ';

export default defineConfig({
  testDir: '.',
  // One app, one embedded database: the specs change shared demo data, so they run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  // The HTML report keeps what the specs attach (accessibility.spec.ts: a screenshot of every page at both
  // widths and axe's findings). CI points E2E_HTML_REPORT into its reports folder (`reports/`, kept after the run); locally it lands in
  // e2e/playwright-report/<port> (git-ignored; one per port like the data folder, as the reporter empties its
  // folder first), opened with `npx playwright show-report e2e/playwright-report/<port>`.
  reporter: [['list'], ['html', { outputFolder: process.env.E2E_HTML_REPORT || `playwright-report/${PORT}`, open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // A production build: what users get, and pages that do not compile on first visit.
    command: `rm -rf ${DATA_DIR} && ${BUILD}npm start -- -p ${PORT} -H 127.0.0.1`,
    cwd: '..',
    url: `http://127.0.0.1:${PORT}/sign-in`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      KAIRO_DATA_DIR: DATA_DIR,
      KAIRO_NEXT_DIST_DIR: DIST_DIR,
      KAIRO_ALLOW_DEMO_IN_PRODUCTION: '1',
      // Every test signs in from the same address; the default (10 a minute) is for a person, not a suite.
      KAIRO_RATE_LIMIT_SIGN_INS: '1000/60',
      // Every spec signs in as the same demo owner and opens Today (and so its summary) many times.
      KAIRO_RATE_LIMIT_SUMMARIES: '1000/60',
      KAIRO_RATE_LIMIT_PACKAGE_BUILDS: '1000/60',
      // The feed opportunities.spec.ts serves on 127.0.0.1: the fetcher refuses loopback addresses except
      // those on this test-only allow-list (read only outside production, or with the demo flag above).
      KAIRO_FETCH_ALLOW_HOSTS: LOCAL_FEED_HOST,
      NEXT_TELEMETRY_DISABLED: '1',
      // The e2e run is always the embedded demo: no external database, model or auth provider.
      DATABASE_URL: '',
      OPENAI_API_KEY: '',
      SUPABASE_URL: '',
      SUPABASE_JWT_SECRET: '',
    },
  },
});
