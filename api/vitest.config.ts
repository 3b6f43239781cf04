import { defineConfig } from 'vitest/config';

/**
 * API tests run once per database: always on embedded PGlite and, when TEST_DATABASE_URL is set
 * (CI sets it), again on the real PostgreSQL server. Each test file gets its own fresh database,
 * copied from a migrated and seeded template made once per run.
 */
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgres'] : [])];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: databases.map((db) => ({
      extends: true,
      test: {
        name: db,
        include: ['test/**/*.test.ts'],
        globalSetup: ['test/support/global-setup.ts'],
        env: { TEST_DB: db },
      },
    })),
  },
});
