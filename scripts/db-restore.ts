// `npm run db:restore -- <file>`: restores a backup into an empty DATA_DIR; the bot then starts on it
// (and applies any migrations newer than the backup).
import { formatConfigProblems, loadDatabaseSettings } from '../src/config/index.ts';
import { embeddedDir, restoreBackup } from '../src/store/embedded.ts';
import { failWith } from './maintenance.ts';

const file = process.argv[2];
if (!file) failWith('usage: npm run db:restore -- <file.tar.gz>', 64);
const settings = loadDatabaseSettings(process.env);
if (!settings.ok) failWith(formatConfigProblems(settings.problems), 78);

try {
  await restoreBackup(file, settings.dataDir);
  console.log(
    `restored ${file} into ${embeddedDir(settings.dataDir)}; start the bot with DATA_DIR=${settings.dataDir}`,
  );
} catch (error) {
  failWith(`restore failed: ${(error as Error).message}`, 1);
}
