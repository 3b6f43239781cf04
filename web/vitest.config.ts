import { defineConfig } from 'vitest/config';

/** Unit and component tests (src/**). Files that need a DOM say so with `// @vitest-environment jsdom`. */
export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
