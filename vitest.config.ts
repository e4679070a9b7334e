import { defineConfig } from 'vitest/config';

// Browser tests drive a real Chromium through several pages each; on a loaded 2-core machine a single test can take
// a minute, so they get their own, longer timeouts. Everything else keeps the short ones.
const browserTests = 'server/**/*.browser.test.ts';

export default defineConfig({
  test: {
    globalSetup: ['server/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    teardownTimeout: 30_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          // A worker imports the app once for all its files instead of once per file (see server/test/per-file.ts).
          isolate: false,
          setupFiles: ['server/test/per-file.ts'],
          include: ['server/**/*.test.{ts,tsx}', 'shared/**/*.test.ts', 'client/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [browserTests, '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: [browserTests],
          isolate: false,
          setupFiles: ['server/test/per-file.ts'],
          // One Chromium for all browser test files instead of one launch each.
          globalSetup: ['server/test/browser-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
