import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    // test/http runs against the production build: `npm run test:http` (vitest.http.config.ts).
    exclude: ['node_modules/**', 'e2e/**', '.next/**', '.next-*/**', '.data/**', 'test/http/**'],
    globalSetup: ['test/global-setup.ts'],
    environment: 'node',
    // Each file opens its own database copy; PGlite is CPU-bound, so two workers match the two cores.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
