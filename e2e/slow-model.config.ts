import { defineConfig, type PlaywrightTestConfig } from '@playwright/test';
import base from './playwright.config';

// The specs that need a build to take a while (a duplicate arriving while it runs): the same app and
// settings as playwright.config.ts, with the offline model answering each call 10 s late. They are
// named *.slow-spec.ts, so the main run (and its fast offline model) does not pick them up.
// Run: npx playwright test -c e2e/slow-model.config.ts
type WebServer = Exclude<NonNullable<PlaywrightTestConfig['webServer']>, unknown[]>;
const server = base.webServer as WebServer;

export default defineConfig({
  ...base,
  testMatch: '**/*.slow-spec.ts',
  timeout: 90_000,
  webServer: { ...server, env: { ...server.env, KAIRO_OFFLINE_MODEL_LATENCY_MS: '10000' } },
});
