// The embedded database runs on a thread of its own: the bot's event loop keeps turning while a
// statement executes, and connections to it behave as connections to one PostgreSQL session.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { START_PARAMS, templateFor } from '../../src/store/embedded.ts';
import { PgliteThread } from '../../src/store/pglite-thread.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function dataDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'incident-bot-thread-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function openEmbedded(): Promise<Database> {
  const database = await openDatabase({ dataDir: dataDir() });
  cleanups.push(() => database.close());
  return database;
}

async function startThread(): Promise<PgliteThread> {
  const dir = path.join(dataDir(), 'pglite');
  const thread = await PgliteThread.start({ dir, startParams: START_PARAMS, template: templateFor(dir) });
  cleanups.push(() => thread.close());
  return thread;
}

async function client(thread: PgliteThread) {
  const c = new pg.Client(thread.clientConfig);
  await c.connect();
  cleanups.push(() => c.end().catch(() => {}));
  return c;
}

// A new connection with a transaction open that has put 1 into a new table t. Open any other
// connection first: a connection's start-up waits for the open transaction too.
async function transactionWithOneRow(thread: PgliteThread) {
  const a = await client(thread);
  await a.query('CREATE TABLE t (n int)');
  await a.query('BEGIN');
  await a.query('INSERT INTO t VALUES (1)');
  return a;
}

// The longest time the event loop went without running a 5 ms interval, while `work` ran.
async function longestStall(work: () => Promise<unknown>) {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  // The wait since the interval last ran counts too (a blocked loop never ran it at all).
  longest = Math.max(longest, performance.now() - last);
  return { longest, took: performance.now() - started };
}

describe('the embedded database thread', () => {
  it('keeps the event loop turning while a long statement executes', async () => {
    const database = await openEmbedded();
    const { longest, took } = await longestStall(() =>
      database.prisma.$queryRawUnsafe('SELECT count(*) FROM generate_series(1, 3000000)'),
    );
    // The statement takes most of a second; the loop never waits for it.
    expect(took).toBeGreaterThan(300);
    expect(longest).toBeLessThan(took / 3);
  });

  it("runs only a transaction's own connection until it ends, like one PostgreSQL session", async () => {
    const thread = await startThread();
    const b = await client(thread);
    const a = await transactionWithOneRow(thread);
    let seen: number | undefined;
    const read = b.query('SELECT count(*)::int AS n FROM t').then((r) => (seen = r.rows[0].n));
    await new Promise((r) => setTimeout(r, 200));
    // b waits: its statement would otherwise run inside a's transaction and see its row.
    expect(seen).toBeUndefined();
    await a.query('ROLLBACK');
    await read;
    expect(seen).toBe(0);
  });

  it('rolls back the transaction of a connection that goes away, and the others go on', async () => {
    const thread = await startThread();
    const b = await client(thread);
    const a = await transactionWithOneRow(thread);
    const read = b.query('SELECT count(*)::int AS n FROM t');
    await a.end();
    expect((await read).rows[0].n).toBe(0);
    expect((await b.query('SELECT 1 AS one')).rows[0].one).toBe(1);
  });

  it('writes a statement with a deadline once no transaction is open, or not at all when it could not start in time', async () => {
    const thread = await startThread();
    const a = await transactionWithOneRow(thread);
    const late = thread.writeBefore('INSERT INTO t VALUES ($1)', [2], Date.now() + 150);
    const inTime = thread.writeBefore('INSERT INTO t VALUES ($1)', [3], Date.now() + 5_000);
    await new Promise((r) => setTimeout(r, 300));
    await a.query('COMMIT');
    expect(await late).toBe(false);
    expect(await inTime).toBe(true);
    // The late write never ran; the other committed on its own, after the transaction it waited for.
    expect((await a.query('SELECT n FROM t ORDER BY n')).rows.map((r) => r.n)).toEqual([1, 3]);
    await expect(thread.writeBefore('INSERT INTO nowhere VALUES (1)', [], Date.now() + 5_000)).rejects.toThrow(
      /relation "nowhere" does not exist/,
    );
  });

  it('goes ahead of the statements connections have waiting, between transactions', async () => {
    const thread = await startThread();
    const a = await client(thread);
    const b = await client(thread);
    await a.query('CREATE TABLE t (n int, at timestamptz DEFAULT clock_timestamp())');
    await a.query('BEGIN');
    // Sent while the transaction is open, so both wait in the thread's queue; the write was sent last.
    const queued = b.query('INSERT INTO t (n) VALUES (1)');
    await new Promise((r) => setTimeout(r, 50));
    const write = thread.writeBefore('INSERT INTO t (n) VALUES (2)', [], Date.now() + 5_000);
    await new Promise((r) => setTimeout(r, 50));
    await a.query('COMMIT');
    await Promise.all([queued, write]);
    expect((await a.query('SELECT n FROM t ORDER BY at')).rows.map((r) => r.n)).toEqual([2, 1]);
  });

  it('refuses every statement with the reason once its thread has died, and reports it once', async () => {
    const fatal: Error[] = [];
    // A thread that starts, then ends unasked at its first statement (as a crashed engine would).
    const thread = await PgliteThread.start({
      dir: path.join(dataDir(), 'pglite'),
      startParams: [],
      template: null,
      onFatal: (error) => fatal.push(error),
      script: new URL('../support/dying-thread.mjs', import.meta.url),
    });
    cleanups.push(() => thread.close());
    const c = new pg.Client(thread.clientConfig);
    c.on('error', () => {});
    await expect(c.connect()).rejects.toThrow(/embedded database thread exited with 3/);
    const again = new pg.Client(thread.clientConfig);
    await expect(again.connect()).rejects.toThrow(/embedded database thread exited with 3/);
    await expect(thread.dumpTar()).rejects.toThrow(/exited with 3/);
    expect(fatal.map((e) => e.message)).toEqual(['the embedded database thread exited with 3']);
  });
});

describe('the embedded database thread’s heap', () => {
  // `npm start` caps the bot's heap; a thread would take the same cap from the command line, and
  // a year's largest reads need more on PGlite's side (found by `npm run bench -- year`).
  it('is not held to the bot’s own --max-old-space-size', async () => {
    const script = path.resolve(import.meta.dirname, '../support/thread-heap.ts');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--max-old-space-size=64', '--import', 'tsx', script],
      { timeout: 60_000 },
    );
    expect(stdout.trim()).toBe('ready');
  });
});
