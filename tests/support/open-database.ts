// Opened by tests as a separate process: prints the migrations it applied as JSON.
import { isAppError } from '../../src/domain/errors.ts';
import { openDatabase } from '../../src/store/database.ts';

try {
  const database = await openDatabase({
    databaseUrl: process.env.DATABASE_URL || undefined,
    dataDir: process.env.DATA_DIR ?? './data',
  });
  process.stdout.write(`${JSON.stringify(database.appliedMigrations)}\n`);
  await database.close();
} catch (error) {
  process.stderr.write(`${isAppError(error) ? error.message : String(error)}\n`);
  process.exit(1);
}
