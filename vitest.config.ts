import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const TIMEOUTS = { testTimeout: 20_000, hookTimeout: 60_000 };
// vi.mock replaces a module only for files that have not loaded it yet, so files that mock need modules of their own.
const MOCKING_FILES = ['test/db/ingestion-scale.test.ts'];

export default defineConfig({
  test: {
    // The root project's global setup builds the migrated templates once for every project below.
    globalSetup: ['test/support/global-setup.ts'],
    // Every test has a database of its own, so files may run side by side; much of a browser or CLI test is
    // waiting on another process, so two workers pay off even on two cores (5.5 min against 8 here).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      // Loading the app's modules once per worker instead of once per file saves most of a file's start-up.
      { test: { name: 'shared-modules', include: ['test/**/*.test.ts'], exclude: MOCKING_FILES, isolate: false, ...TIMEOUTS } },
      { test: { name: 'own-modules', include: MOCKING_FILES, ...TIMEOUTS } },
    ],
  },
});
