// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL (or the embedded database under
// DATA_DIR). The bot does the same at start-up; this is for deploy pipelines that migrate first.
import { formatConfigProblems, loadDatabaseSettings } from '../src/config/index.ts';
import { isAppError } from '../src/domain/errors.ts';
import { maskSecrets } from '../src/log.ts';
import { openDatabase } from '../src/store/database.ts';

const settings = loadDatabaseSettings(process.env);
if (!settings.ok) {
  console.error(formatConfigProblems(settings.problems));
  process.exit(78);
}
try {
  const database = await openDatabase(settings);
  const applied = database.appliedMigrations;
  console.log(
    applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database already up to date',
  );
  await database.close();
} catch (error) {
  console.error(`migration failed: ${isAppError(error) ? error.message : maskSecrets(String(error))}`);
  process.exit(1);
}
