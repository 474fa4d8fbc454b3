import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/store/database.ts';
import { createTestDatabase, migratedPgliteFixture, type TestBackend } from './backend.ts';

// Builds dist/ (what `npm start` and bin/incident-gate.js run) from the sources under test, makes the
// migrated embedded database tests copy, prints which database this run really uses, and fails the
// run when it cannot be reached. Both integration projects run it: the second finds it done.
export default async function setup(project: TestProject) {
  const fixture = migratedPgliteFixture();
  if (!existsSync(fixture)) {
    execFileSync(process.execPath, [path.resolve(import.meta.dirname, '../../scripts/build.mjs')], {
      cwd: path.resolve(import.meta.dirname, '../..'),
      stdio: 'inherit',
    });
    mkdirSync(fixture);
    const migrated = await openDatabase({ dataDir: fixture });
    await migrated.close();
  }

  const backend = (project.config.env?.TEST_DB_BACKEND ?? 'pglite') as TestBackend;
  const location = await createTestDatabase(backend);
  const database = await openDatabase({ databaseUrl: location.databaseUrl, dataDir: location.dataDir });
  try {
    process.stdout.write(`[${backend}] SELECT version(): ${await database.version()}\n`);
  } finally {
    await database.close();
    await location.drop();
  }
  return () => rmSync(fixture, { recursive: true, force: true });
}
