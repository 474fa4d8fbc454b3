import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import type { Logger } from '../log.ts';
import { lockDataDir } from './data-dir-lock.ts';
import { embeddedDir, newPglite, sessionOf, writeBackup } from './embedded.ts';
import { PrismaClient } from './generated/client.ts';
import { applyMigrations, readMigrations, type SqlSession } from './migrate.ts';

export type Db = PrismaClient;
export type Backend = 'pglite' | 'postgres';

export type Database = {
  prisma: PrismaClient;
  backend: Backend;
  appliedMigrations: string[];
  version(): Promise<string>;
  // The embedded database only: PostgreSQL's backups are the server's business.
  backup?(file: string): Promise<{ bytes: number }>;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = { databaseUrl?: string; dataDir: string; logger?: Logger };

// Opens the database the configuration names and brings its schema up to date before returning.
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.logger)
    : openPglite(options.dataDir, options.logger);
}

async function openPostgres(connectionString: string, logger?: Logger): Promise<Database> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  await client.connect();
  let appliedMigrations: string[];
  try {
    const session: SqlSession = {
      query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
      exec: async (sql) => void (await client.query(sql)),
    };
    appliedMigrations = await applyMigrations(session, await readMigrations());
  } finally {
    await client.end();
  }
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

async function openPglite(dataDir: string, logger?: Logger): Promise<Database> {
  const unlock = lockDataDir(dataDir);
  try {
    const db = await newPglite(embeddedDir(dataDir));
    const appliedMigrations = await applyMigrations(sessionOf(db), await readMigrations());
    logger?.info({ backend: 'pglite', dataDir, appliedMigrations }, 'database ready');
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(db) });
    return {
      prisma,
      backend: 'pglite',
      appliedMigrations,
      version: () => selectVersion(prisma),
      backup: (file) => writeBackup(db, file),
      close: async () => {
        await prisma.$disconnect();
        await db.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

async function selectVersion(prisma: PrismaClient): Promise<string> {
  const rows = await prisma.$queryRawUnsafe<{ version: string }[]>('SELECT version() AS version');
  return rows[0]!.version;
}
