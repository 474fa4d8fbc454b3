// The embedded database's own thread: PGlite (PostgreSQL compiled to WebAssembly) runs here and
// speaks the PostgreSQL wire protocol with the bot's thread (src/store/pglite-thread.ts), so
// the bot's event loop keeps acknowledging Slack while a statement executes. Plain JavaScript:
// Node 20 cannot load TypeScript in a worker thread, and this file is copied to dist/ as it is.
import { parentPort, workerData } from 'node:worker_threads';
import { readFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const TERMINATE = 0x58; // 'X'

/** @type {{ dir: string, startParams: string[], template: string | null }} */
const { dir, startParams, template } = workerData;
const port = /** @type {import('node:worker_threads').MessagePort} */ (parentPort);

const loadDataDir = template ? new Blob([await readFile(template)], { type: 'application/x-gzip' }) : undefined;
const db = new PGlite(dir, { startParams: [...PGlite.defaultStartParams, ...startParams], loadDataDir });
await db.waitReady;

/** @typedef {{ buffer: Buffer, started: boolean }} Connection */
/** @type {Map<number, Connection>} */
const connections = new Map();
/** @typedef {{ type: 'write', id: number, sql: string, params: unknown[], deadline: number }} Write */
/** @typedef {{ type: 'dump', id: number }} Dump */
/** @type {({ conn: number, bytes: Uint8Array } | { conn: number, close: true } | Write | Dump | { shutdown: true })[]} */
const queue = [];
// The connection whose transaction is open: PGlite is one session, so until it ends only that
// connection's messages run (as one PostgreSQL backend serves one client).
/** @type {number | null} */
let owner = null;
let pumping = false;

// Splits what arrived into whole messages: the first is the startup message (no type byte);
// after it, each is a type byte and a length. A terminate message closes the connection here
// instead of reaching PostgreSQL, which would end its one session.
function takeMessages(conn, connection) {
  const whole = [];
  let buffer = connection.buffer;
  for (;;) {
    if (!connection.started) {
      if (buffer.length < 8) break;
      const length = buffer.readInt32BE(0);
      if (buffer.length < length) break;
      if (length === 8 && buffer.readInt32BE(4) === SSL_REQUEST) {
        port.postMessage({ type: 'data', conn, bytes: new TextEncoder().encode('N') });
      } else {
        connection.started = true;
        queue.push({ conn, bytes: new Uint8Array(buffer.subarray(0, length)) });
      }
      buffer = buffer.subarray(length);
      continue;
    }
    if (buffer.length < 5) break;
    const length = 1 + buffer.readInt32BE(1);
    if (buffer.length < length) break;
    if (buffer[0] === TERMINATE) {
      if (whole.length) queue.push({ conn, bytes: new Uint8Array(Buffer.concat(whole)) });
      whole.length = 0;
      queue.push({ conn, close: true });
    } else {
      whole.push(buffer.subarray(0, length));
    }
    buffer = buffer.subarray(length);
  }
  // PostgreSQL reads every message it is given in one call: a query's Parse, Bind, Execute and
  // Sync go in together.
  if (whole.length) queue.push({ conn, bytes: new Uint8Array(Buffer.concat(whole)) });
  connection.buffer = Buffer.from(buffer);
}

// Between transactions, a write with a deadline goes first: a person's acknowledgement waits on it.
function nextIndex() {
  if (owner === null || !db.isInTransaction()) {
    const write = queue.findIndex((item) => item.type === 'write');
    return write >= 0 ? write : queue.length ? 0 : -1;
  }
  return queue.findIndex((item) => 'conn' in item && item.conn === owner);
}

// One statement, committed on its own; or, when it could not start before its deadline, not run
// at all (false), so "nothing was saved" is true when the bot says it.
async function write(item) {
  if (Date.now() >= item.deadline) return false;
  await db.query(item.sql, item.params);
  return true;
}

// A consistent tar of the data directory: nothing else runs until it is taken.
async function dump() {
  await db.exec('CHECKPOINT');
  return new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer());
}

// A request from the bot's thread gets its own reply: what it returned, or why it failed.
async function reply(item, work) {
  try {
    const value = await work(item);
    port.postMessage({ type: 'reply', id: item.id, value }, value instanceof Uint8Array ? [value.buffer] : []);
  } catch (error) {
    port.postMessage({ type: 'reply', id: item.id, error: error instanceof Error ? error.message : String(error) });
  }
}

async function run(item) {
  if ('shutdown' in item) {
    await db.close();
    port.postMessage({ type: 'closed' });
    return;
  }
  if (item.type === 'write') return reply(item, write);
  if (item.type === 'dump') return reply(item, dump);
  if ('close' in item) {
    connections.delete(item.conn);
    if (owner === item.conn && db.isInTransaction()) await db.exec('ROLLBACK');
    if (owner === item.conn) owner = null;
    port.postMessage({ type: 'closed', conn: item.conn });
    return;
  }
  if (!connections.has(item.conn)) return;
  // A copy: PGlite may answer with a view of its own receive buffer, which must stay with it.
  const out = new Uint8Array(await db.execProtocolRaw(item.bytes));
  owner = db.isInTransaction() ? item.conn : null;
  if (out.length) port.postMessage({ type: 'data', conn: item.conn, bytes: out }, [out.buffer]);
}

async function pump() {
  if (pumping) return;
  pumping = true;
  try {
    for (let i = nextIndex(); i >= 0; i = nextIndex()) await run(queue.splice(i, 1)[0]);
  } catch (error) {
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    port.postMessage({ type: 'fatal', message });
  } finally {
    pumping = false;
  }
}

port.on('message', (message) => {
  if (message.type === 'open') connections.set(message.conn, { buffer: Buffer.alloc(0), started: false });
  else if (message.type === 'data') {
    const connection = connections.get(message.conn);
    if (!connection) return;
    connection.buffer = Buffer.concat([connection.buffer, message.bytes]);
    takeMessages(message.conn, connection);
  } else if (message.type === 'close') queue.push({ conn: message.conn, close: true });
  else if (message.type === 'write' || message.type === 'dump') queue.push(message);
  else if (message.type === 'shutdown') queue.push({ shutdown: true });
  void pump();
});
port.postMessage({ type: 'ready' });
