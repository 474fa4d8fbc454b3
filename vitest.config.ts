import { randomUUID } from 'node:crypto';
import { defineConfig } from 'vitest/config';
import { RUN_ID_VARIABLE } from './tests/support/processes.ts';

// Marks the processes tests start, so the leak check at the end finds any that outlived them.
process.env[RUN_ID_VARIABLE] ??= randomUUID();

// The integration suite runs twice, once per database backend; a backend that cannot be reached
// fails its run instead of being skipped.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Files share a worker's loaded modules (each still starts its own bots, fakes and databases):
    // loading Bolt, Prisma and the sources again for every file was a quarter of the suite's CPU.
    isolate: false,
    // Two files at a time, whatever the machine says it has: much of an integration test is waiting (on
    // a bot process, a timer, a retry's backoff), and a third file on two cores only made every
    // file slower (measured: 408 s against 415 s, with the backup test refused under the load).
    maxWorkers: 2,
    setupFiles: ['tests/support/kill-processes.setup.ts', 'tests/support/slack-limits.setup.ts'],
    globalSetup: ['tests/support/leak-check.ts'],
    projects: [
      { extends: true, test: { name: 'domain', include: ['tests/domain/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'tooling', include: ['tests/tooling/**/*.test.ts', 'tests/harness/**/*.test.ts'] },
      },
      {
        extends: true,
        // Pages in Debian's Chromium, against a bot on the embedded database.
        test: {
          name: 'browser',
          include: ['tests/browser/**/*.test.ts'],
          env: { TEST_DB_BACKEND: 'pglite' },
          globalSetup: ['tests/support/global-setup.ts', 'tests/support/browser-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: ['tests/integration/**/*.test.ts'],
          // Several bot processes on one database need PostgreSQL.
          exclude: ['tests/integration/**/*.postgres.test.ts'],
          env: { TEST_DB_BACKEND: 'pglite' },
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/integration/**/*.test.ts'],
          // Backups and restores are of the embedded database.
          exclude: ['tests/integration/**/*.pglite.test.ts'],
          env: { TEST_DB_BACKEND: 'postgres' },
          globalSetup: ['tests/support/global-setup.ts'],
        },
      },
    ],
  },
});
