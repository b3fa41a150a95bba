import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The HTTP suite: the production build (`next start`) on fresh PostgreSQL databases, over HTTP.
// Each file boots its own servers, which already use both cores, so files run one at a time.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(import.meta.dirname) } },
  test: {
    include: ['test/http/**/*.http.test.ts'],
    globalSetup: ['test/http/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
