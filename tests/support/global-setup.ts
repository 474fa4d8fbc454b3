import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/store/database.ts';
import { createTestDatabase, type TestBackend } from './backend.ts';

// Prints which database this run really uses, and fails the run when it cannot be reached.
export default async function setup(project: TestProject) {
  const backend = (project.config.env?.TEST_DB_BACKEND ?? 'pglite') as TestBackend;
  const location = await createTestDatabase(backend);
  const database = await openDatabase({ databaseUrl: location.databaseUrl, dataDir: location.dataDir });
  try {
    process.stdout.write(`[${backend}] SELECT version(): ${await database.version()}\n`);
  } finally {
    await database.close();
    await location.drop();
  }
}
