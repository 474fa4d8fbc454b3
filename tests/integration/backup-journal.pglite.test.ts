// A backup never refuses a command: while the embedded database is held by the dump, commands are
// journaled in DATA_DIR (fsynced), and applied in arrival order as soon as the dump is done; a
// journal a dead process left behind is applied when the database is next opened.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { openEmbedded } from '../../src/store/embedded.ts';
import { insertJobsStatement } from '../../src/store/insert-jobs.ts';
import { journalFile } from '../../src/store/write-journal.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function newDataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'incident-bot-journal-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function open(dataDir: string): Promise<Database> {
  const database = await openDatabase({ dataDir });
  cleanups.push(() => database.close());
  return database;
}

const job = (name: string) => ({
  id: randomUUID(),
  kind: 'command',
  payload: { name },
  runAt: new Date(),
  queueKey: null,
});

// Writes one command's row the way a command is recorded: with 1.6 s to start.
function record(database: Database, name: string) {
  const { sql, params } = insertJobsStatement([job(name)]);
  return database.writeBefore!(sql, params, Date.now() + 1_600);
}

async function namesInOrder(database: Database): Promise<string[]> {
  const rows = await database.prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT payload->>'name' AS name FROM "Job" WHERE kind = 'command' ORDER BY seq`,
  );
  return rows.map((r) => r.name);
}

describe('commands acknowledged during a backup', () => {
  it('are recorded at once while the dump waits, and applied in arrival order right after it', async () => {
    const dataDir = newDataDir();
    const database = await open(dataDir);
    expect(await record(database, 'before')).toBe(true);

    // A dump starts between transactions: an open one keeps it (and so the database) waiting for
    // as long as the test likes, as a dump of a large database would.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    cleanups.push(async () => release());
    let backup!: Promise<{ bytes: number }>;
    let backupAsked!: () => void;
    const asked = new Promise<void>((resolve) => (backupAsked = resolve));
    const transaction = database.prisma.$transaction(
      async (tx) => {
        await tx.$queryRawUnsafe('SELECT 1');
        backup = database.backup!(path.join(dataDir, 'backups', 'b.tar.gz'));
        backupAsked();
        await held;
      },
      { maxWait: 10_000, timeout: 30_000 },
    );
    await asked;

    // Without the journal these could not start before their deadline: the session is held.
    const started = Date.now();
    const during = await Promise.all(['during 1', 'during 2', 'during 3'].map((name) => record(database, name)));
    expect(during).toEqual([true, true, true]);
    // Far below the 1.6 s a command may wait (an fsync each, on a busy disk).
    expect(Date.now() - started).toBeLessThan(1_000);
    const journaled = readFileSync(journalFile(dataDir), 'utf8').trim().split('\n');
    expect(journaled).toHaveLength(3);

    release();
    await transaction;
    const last = record(database, 'after');
    await backup;
    expect(await last).toBe(true);
    expect(await namesInOrder(database)).toEqual(['before', 'during 1', 'during 2', 'during 3', 'after']);
    expect(existsSync(journalFile(dataDir))).toBe(false);
    // Later commands go straight to the database again.
    expect(await record(database, 'later')).toBe(true);
    expect(existsSync(journalFile(dataDir))).toBe(false);
  }, 30_000);

  it('left behind by a process that died are applied once when the database is next opened', async () => {
    const dataDir = newDataDir();
    const first = await openDatabase({ dataDir });
    expect(await record(first, 'committed')).toBe(true);
    await first.close();

    // What a bot killed mid-backup leaves: two fsynced commands, one of them already applied (it
    // died between applying and emptying the journal), and a line it was writing when it died.
    const applied = job('applied twice');
    const alreadyThere = insertJobsStatement([applied]);
    const journaledOnly = insertJobsStatement([job('journaled only')]);
    const seeded = await openDatabase({ dataDir });
    expect(await seeded.writeBefore!(alreadyThere.sql, alreadyThere.params, Date.now() + 1_600)).toBe(true);
    await seeded.close();
    const lines = [alreadyThere, journaledOnly].map((s) => JSON.stringify(s));
    writeFileSync(journalFile(dataDir), `${lines.join('\n')}\n{"sql":"INSERT INTO`);

    const database = await open(dataDir);
    expect(await namesInOrder(database)).toEqual(['committed', 'applied twice', 'journaled only']);
    expect(existsSync(journalFile(dataDir))).toBe(false);
  }, 30_000);

  it('are applied by maintenance scripts too, so a copy or backup taken before the bot restarts has them', async () => {
    const dataDir = newDataDir();
    const first = await openDatabase({ dataDir });
    await first.close();
    writeFileSync(journalFile(dataDir), `${JSON.stringify(insertJobsStatement([job('journaled')]))}\n`);

    const maintenance = await openEmbedded(dataDir, { mustExist: true });
    const rows = await maintenance.session.query(`SELECT payload->>'name' AS name FROM "Job" WHERE kind = 'command'`);
    await maintenance.close();
    expect(rows).toEqual([{ name: 'journaled' }]);
    expect(existsSync(journalFile(dataDir))).toBe(false);
  }, 30_000);
});
