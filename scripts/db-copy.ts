// `npm run db:copy -- --to postgresql://… [--force]`: copies the embedded database under DATA_DIR
// (the bot stopped) into a PostgreSQL database, so a team can move to replicas with its history.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { formatConfigProblems, loadDatabaseSettings } from '../src/config/index.ts';
import { copyDatabase } from '../src/store/copy-database.ts';
import { embeddedDir, openEmbedded } from '../src/store/embedded.ts';
import { readMigrations, type SqlSession } from '../src/store/migrate.ts';
import { maskSecrets } from '../src/log.ts';
import { failWith } from './maintenance.ts';

const USAGE = 'usage: npm run db:copy -- --to postgresql://user:password@host:5432/database [--force]';

const { values } = (() => {
  try {
    return parseArgs({ options: { to: { type: 'string' }, force: { type: 'boolean', default: false } } });
  } catch (error) {
    return failWith(`${(error as Error).message}\n${USAGE}`, 64);
  }
})();
const to = values.to ?? '';
if (!/^postgres(ql)?:\/\//.test(to)) failWith(`--to must be a postgresql:// URL\n${USAGE}`, 64);
const settings = loadDatabaseSettings(process.env);
if (!settings.ok) failWith(formatConfigProblems(settings.problems), 78);

let source: Awaited<ReturnType<typeof openEmbedded>> | undefined;
const client = new pg.Client({ connectionString: to, connectionTimeoutMillis: 10_000 });
try {
  source = await openEmbedded(settings.dataDir, { mustExist: true });
  await client.connect();
  const target: SqlSession = {
    query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
    exec: async (sql) => void (await client.query(sql)),
  };
  console.log(`copying ${embeddedDir(settings.dataDir)} into ${maskSecrets(to)}`);
  const report = await copyDatabase({
    source: source.session,
    target,
    migrations: await readMigrations(),
    force: values.force,
  });
  if (report.emptied.length) console.log(`--force: emptied ${report.emptied.join(', ')} in the target first`);
  const width = Math.max(...report.tables.map((t) => t.table.length));
  for (const { table, rows } of report.tables) console.log(`  ${table.padEnd(width)}  ${rows}`);
  const total = report.tables.reduce((sum, t) => sum + t.rows, 0);
  console.log(`copied ${total} rows in ${report.tables.length} tables; counts checked. The source was not changed.`);
  console.log(`Next: set DATABASE_URL to that database and start the bot.`);
} catch (error) {
  failWith(`copy failed, nothing was written to the target: ${String((error as Error).message ?? error)}`, 1);
} finally {
  await client.end().catch(() => {});
  await source?.close();
}
