import { defineConfig } from 'vitest/config';

/**
 * Browser journeys (e2e/*.e2e.test.ts) against the built app: each file starts the API on a free
 * port with a fresh embedded database (demo seeded) serving web/dist, and drives Debian Chromium.
 * Run `pnpm --filter @banso/web build` first (the root `pnpm test:e2e` does).
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One server and one browser at a time: the machine is small and each file owns a database.
    fileParallelism: false,
    pool: 'forks',
  },
});
