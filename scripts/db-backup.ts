// `npm run db:backup -- <file>`: writes a backup of the embedded database under DATA_DIR with the bot
// stopped (the running bot writes its own on the `backup` schedule).
import { formatConfigProblems, loadDatabaseSettings } from '../src/config/index.ts';
import { dumpTar, openEmbedded, writeBackup } from '../src/store/embedded.ts';
import { failWith } from './maintenance.ts';

const file = process.argv[2];
if (!file) failWith('usage: npm run db:backup -- <file.tar.gz>', 64);
const settings = loadDatabaseSettings(process.env);
if (!settings.ok) failWith(formatConfigProblems(settings.problems), 78);
if (settings.databaseUrl) failWith('DATABASE_URL is set: back PostgreSQL up with its own tools (pg_dump)', 64);

let source: Awaited<ReturnType<typeof openEmbedded>> | undefined;
try {
  const opened = await openEmbedded(settings.dataDir, { mustExist: true });
  source = opened;
  const { bytes } = await writeBackup(() => dumpTar(opened.pglite), file);
  console.log(`wrote ${file} (${bytes} bytes)`);
} catch (error) {
  failWith(`backup failed: ${(error as Error).message}`, 1);
} finally {
  await source?.close();
}
