import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { Logger } from '../log.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { embeddedDir, START_PARAMS, templateFor, writeBackup } from './embedded.ts';
import { PrismaClient } from './generated/client.ts';
import { applyMigrations, readMigrations, type SqlSession } from './migrate.ts';
import { PgliteThread } from './pglite-thread.ts';
import { replayJournal, type Statement, WriteJournal } from './write-journal.ts';

export type Db = PrismaClient;
export type Backend = 'pglite' | 'postgres';

export type Database = {
  prisma: PrismaClient;
  backend: Backend;
  appliedMigrations: string[];
  version(): Promise<string>;
  // The embedded database only: PostgreSQL's backups are the server's business.
  backup?(file: string): Promise<{ bytes: number }>;
  // The embedded database only: one statement committed on its own, ahead of what waits for the
  // one session, or not at all when it cannot start before `deadline` (epoch ms). During a backup
  // it is journaled instead (store/write-journal.ts), so it must be idempotent.
  writeBefore?(sql: string, params: unknown[], deadline: number): Promise<boolean>;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  databaseUrl?: string;
  dataDir: string;
  logger?: Logger;
  // The embedded database's thread failed: nothing can be read or written until a restart.
  onFatal?: (error: Error) => void;
};

// Opens the database the configuration names and brings its schema up to date before returning.
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.logger)
    : openPglite(options.dataDir, options.logger, options.onFatal);
}

async function openPostgres(connectionString: string, logger?: Logger): Promise<Database> {
  const appliedMigrations = await migrate({ connectionString, connectionTimeoutMillis: 10_000 });
  logger?.info({ backend: 'postgres', appliedMigrations }, 'database ready');
  const adapter = new PrismaPg({ connectionString, connectionTimeoutMillis: 10_000, max: 10 });
  const prisma = new PrismaClient({ adapter });
  return {
    prisma,
    backend: 'postgres',
    appliedMigrations,
    version: () => selectVersion(prisma),
    close: () => prisma.$disconnect(),
  };
}

// Brings the schema up to date over one connection of its own, closed before returning.
async function migrate(config: pg.ClientConfig): Promise<string[]> {
  const client = new pg.Client(config);
  await client.connect();
  try {
    const session: SqlSession = {
      query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
      exec: async (sql) => void (await client.query(sql)),
    };
    return await applyMigrations(session, await readMigrations());
  } finally {
    await client.end();
  }
}

// The embedded database runs on a thread of its own and is reached with the same PostgreSQL
// client as a server: statements execute there while this thread keeps answering Slack.
async function openPglite(dataDir: string, logger?: Logger, onFatal?: (error: Error) => void): Promise<Database> {
  const unlock = lockDataDir(dataDir);
  let thread: PgliteThread | undefined;
  try {
    const dir = embeddedDir(dataDir);
    thread = await PgliteThread.start({ dir, startParams: START_PARAMS, template: templateFor(dir), onFatal });
    // PGlite is one session: one connection, which a transaction holds until it ends. Kept open.
    const config = {
      ...thread.clientConfig,
      max: 1,
      idleTimeoutMillis: 0,
      connectionTimeoutMillis: 10_000,
    };
    const appliedMigrations = await migrate(config);
    const running = thread;
    const apply = async ({ sql, params }: Statement) => {
      if (!(await running.writeBefore(sql, params, Number.POSITIVE_INFINITY))) throw new Error('not written');
    };
    const replayed = await replayJournal(dataDir, apply);
    logger?.info({ backend: 'pglite', dataDir, appliedMigrations, replayed }, 'database ready');
    const journal = new WriteJournal({
      dataDir,
      writeBefore: (sql, params, deadline) => running.writeBefore(sql, params, deadline),
      apply,
      onApplyFailed: (error) => logger?.error({ err: error }, 'commands acknowledged during a backup not applied yet'),
    });
    const prisma = new PrismaClient({ adapter: new PrismaPg(config) });
    return {
      prisma,
      backend: 'pglite',
      appliedMigrations,
      version: () => selectVersion(prisma),
      backup: (file) => writeBackup(() => journal.during(() => running.dumpTar()), file),
      writeBefore: (sql, params, deadline) => journal.write(sql, params, deadline),
      close: async () => {
        await journal.close();
        await prisma.$disconnect();
        await running.close();
        unlock();
      },
    };
  } catch (error) {
    await thread?.close();
    unlock();
    throw error;
  }
}

async function selectVersion(prisma: PrismaClient): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<{ version: string }[]>('SELECT version() AS version');
  return rows[0]!.version;
}
