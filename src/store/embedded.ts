// The embedded database on disk: opening it, and writing and restoring backups of it.
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync, gzip } from 'node:zlib';

import type { PGlite } from '@electric-sql/pglite';
import { AppError } from '../domain/errors.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { SqlSession } from './migrate.ts';
import { pgliteTemplate } from './project-files.ts';
import { replayJournal } from './write-journal.ts';

const gzipAsync = promisify(gzip);

export const embeddedDir = (dataDir: string) => path.join(dataDir, 'pglite');

// PostgreSQL's defaults size its memory for a server; inside the bot's process every megabyte of
// buffers is resident for good (WebAssembly memory never shrinks). A bot's database is small:
// 16 MB of shared buffers hold its working set. Added to PGlite's own start parameters.
export const START_PARAMS = [
  ...['-c', 'shared_buffers=16MB', '-c', 'temp_buffers=2MB', '-c', 'wal_buffers=1MB'],
  ...['-c', 'work_mem=2MB', '-c', 'maintenance_work_mem=16MB'],
];

// A new database starts from the empty one `npm run build` made, when there is one, instead of
// running initdb in WebAssembly.
export const templateFor = (dir: string) => (existsSync(path.join(dir, 'PG_VERSION')) ? null : pgliteTemplate());

// PGlite is loaded where it runs: the bot runs it on its own thread (pglite-thread.ts), and its
// main thread need not load it at all.
async function pgliteClass() {
  return (await import('@electric-sql/pglite')).PGlite;
}

// Opens (or creates) the embedded database in `dir` in this thread, for maintenance scripts.
export async function newPglite(dir: string): Promise<PGlite> {
  const PGlite = await pgliteClass();
  const template = templateFor(dir);
  const loadDataDir = template ? new Blob([await readFile(template)], { type: 'application/x-gzip' }) : undefined;
  const db = new PGlite(dir, { startParams: [...PGlite.defaultStartParams, ...START_PARAMS], loadDataDir });
  await db.waitReady;
  return db;
}

// A consistent tar of a PGlite opened in this thread: PGlite holds its query lock for the whole dump.
export async function dumpTar(pglite: PGlite): Promise<Uint8Array> {
  await pglite.exec('CHECKPOINT');
  return new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
}
export const hasEmbeddedDatabase = (dataDir: string) => existsSync(path.join(embeddedDir(dataDir), 'PG_VERSION'));

export function sessionOf(db: PGlite): SqlSession {
  return {
    query: async (sql, params) => (await db.query(sql, params as unknown[])).rows as never,
    exec: async (sql) => void (await db.exec(sql)),
  };
}

export type EmbeddedDatabase = { pglite: PGlite; session: SqlSession; close(): Promise<void> };

// Takes the data directory's lock first, so a running bot makes maintenance refuse instead of
// two processes writing one database.
export async function openEmbedded(dataDir: string, options: { mustExist: boolean }): Promise<EmbeddedDatabase> {
  if (options.mustExist && !hasEmbeddedDatabase(dataDir)) {
    throw new AppError('NOT_FOUND', `there is no embedded database in ${path.resolve(embeddedDir(dataDir))}`);
  }
  const unlock = lockDataDir(dataDir);
  try {
    const pglite = await newPglite(embeddedDir(dataDir));
    // Commands a bot acknowledged during a backup it did not live to apply are part of the database.
    await replayJournal(dataDir, async ({ sql, params }) => void (await pglite.query(sql, params))).catch(
      async (error) => {
        await pglite.close();
        throw error;
      },
    );
    return {
      pglite,
      session: sessionOf(pglite),
      close: async () => {
        await pglite.close();
        unlock();
      },
    };
  } catch (error) {
    unlock();
    throw error;
  }
}

// A consistent copy while the bot keeps running: the dump is taken between transactions with no
// statement running, so everything committed before it began is in it. The tar is taken
// uncompressed (about 0.4 s of the database instead of 1 s, so commands waiting to be recorded
// are not refused) and compressed afterwards on libuv's thread pool.
// Written to a temporary name and renamed, so a crash never leaves a half backup under a real name.
export async function writeBackup(dump: () => Promise<Uint8Array>, file: string): Promise<{ bytes: number }> {
  const bytes = await gzipAsync(await dump());
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  await writeFile(partial, bytes);
  await rename(partial, file);
  return { bytes: bytes.length };
}

export async function restoreBackup(file: string, dataDir: string): Promise<void> {
  const target = embeddedDir(dataDir);
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new AppError(
      'CONFLICT',
      `${path.resolve(target)} is not empty; restore into an empty DATA_DIR (move the old one aside first)`,
    );
  }
  let archive: Buffer;
  try {
    archive = await readFile(file);
  } catch (error) {
    throw new AppError('NOT_FOUND', `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  const tar = unpackBackup(archive, file);
  const unlock = lockDataDir(dataDir);
  try {
    const PGlite = await pgliteClass();
    const pglite = new PGlite(target, {
      startParams: [...PGlite.defaultStartParams, ...START_PARAMS],
      loadDataDir: new Blob([tar], { type: 'application/x-tar' }),
    });
    await pglite.waitReady;
    await pglite.query('SELECT 1');
    await pglite.close();
  } catch (error) {
    await rm(target, { recursive: true, force: true });
    throw new AppError('BAD_INPUT', `${file} could not be restored: ${(error as Error).message}`);
  } finally {
    unlock();
  }
}

// Checked here because PGlite reports a damaged archive as an uncaught stream error, not a rejection.
function unpackBackup(archive: Buffer, file: string): Buffer {
  const notABackup = () => new AppError('BAD_INPUT', `${file} is not a backup of the embedded database`);
  let tar: Buffer;
  try {
    tar = gunzipSync(archive);
  } catch {
    throw notABackup();
  }
  const isTar = tar.subarray(257, 262).toString('latin1') === 'ustar';
  if (!isTar || !tar.includes('PG_VERSION')) throw notABackup();
  return tar;
}
