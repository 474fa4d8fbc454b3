// The bot's side of the embedded database's thread (pglite-thread.mjs): connections that `pg`
// (and so Prisma, through @prisma/adapter-pg) uses as if they were sockets to a PostgreSQL
// server, but that carry the wire protocol to the other thread in memory. Nothing listens on a
// port or a file, so nothing else on the machine can reach the database.
import { Duplex } from 'node:stream';
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';

type FromThread =
  | { type: 'ready' }
  | { type: 'data'; conn: number; bytes: Uint8Array }
  | { type: 'closed'; conn?: number }
  | { type: 'reply'; id: number; value?: unknown; error?: string }
  | { type: 'fatal'; message: string };

export type PgliteThreadOptions = {
  dir: string;
  // Added to PGlite's own start parameters.
  startParams: string[];
  // An empty database to start from when `dir` holds none yet (instead of running initdb).
  template: string | null;
  // The thread died or PGlite failed: nothing more can be read or written.
  onFatal?: (error: Error) => void;
  // Another script for the thread: tests use one that dies.
  script?: URL;
};

const SCRIPT = new URL('./pglite-thread.mjs', import.meta.url);
export const EMBEDDED_THREAD_HEAP_MB = 1024;

export class PgliteThread {
  private readonly sockets = new Map<number, ThreadSocket>();
  // Requests to the thread itself (dumps, deadline writes), by id, until it replies.
  private readonly requests = new Map<number, { resolve(value: unknown): void; reject(e: Error): void }>();
  private nextId = 1;
  private failure: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly onFatal?: (error: Error) => void,
  ) {}

  static async start(options: PgliteThreadOptions): Promise<PgliteThread> {
    const { dir, startParams, template } = options;
    // `npm start` caps the bot's heap (--max-old-space-size=256) so it stays small, but a thread
    // takes that same command-line cap whatever its resourceLimits say, and PGlite needs more for
    // a year's largest reads. V8 reads the flag when a thread's heap is made: raising it here
    // gives this thread its own limit and leaves the bot's own thread at the cap it started with.
    v8.setFlagsFromString(`--max-old-space-size=${EMBEDDED_THREAD_HEAP_MB}`);
    // No inherited flags: the bot's own (tsx's loader in development) are not for this thread.
    const worker = new Worker(options.script ?? SCRIPT, { workerData: { dir, startParams, template }, execArgv: [] });
    const handlers: { error?: (e: Error) => void; exit?: (code: number) => void; message?: (m: FromThread) => void } =
      {};
    await new Promise<void>((resolve, reject) => {
      handlers.error = reject;
      handlers.exit = (code) => reject(new Error(`the embedded database thread exited with ${code}`));
      handlers.message = (message) => {
        if (message.type === 'ready') resolve();
        else if (message.type === 'fatal') reject(new Error(message.message));
      };
      worker.on('error', handlers.error).on('exit', handlers.exit).on('message', handlers.message);
    }).finally(() => {
      worker.off('error', handlers.error!).off('exit', handlers.exit!).off('message', handlers.message!);
    });
    const thread = new PgliteThread(worker, options.onFatal);
    worker.on('message', (message: FromThread) => thread.receive(message));
    worker.on('error', (error) => thread.fail(error));
    worker.on('exit', (code) => {
      if (!thread.closing) thread.fail(new Error(`the embedded database thread exited with ${code}`));
    });
    return thread;
  }

  // A new connection, for `pg`'s `stream` option.
  connect = (): Duplex => {
    const conn = this.nextId++;
    const socket = new ThreadSocket(
      () => this.post({ type: 'open', conn }),
      (bytes) => this.post({ type: 'data', conn, bytes }),
      () => {
        this.sockets.delete(conn);
        this.post({ type: 'close', conn });
      },
    );
    this.sockets.set(conn, socket);
    if (this.failure) queueMicrotask(() => socket.destroy(this.failure!));
    return socket;
  };

  // The session PGlite started with: the user and database a connection must name.
  readonly clientConfig = { stream: this.connect, user: 'postgres', database: 'postgres' };

  // A consistent tar of the data directory, taken between transactions (after a checkpoint).
  dumpTar(): Promise<Uint8Array> {
    return this.request({ type: 'dump' }) as Promise<Uint8Array>;
  }

  // One statement committed on its own, ahead of any connection's next statement; false when it
  // could not start before `deadline` (epoch ms) and so never ran.
  writeBefore(sql: string, params: unknown[], deadline: number): Promise<boolean> {
    return this.request({ type: 'write', sql, params, deadline }) as Promise<boolean>;
  }

  private request(message: Record<string, unknown>): Promise<unknown> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.requests.set(id, { resolve, reject });
      this.post({ ...message, id });
    });
  }

  // Waits for the statements already sent, closes PGlite (its files are then complete) and ends the thread.
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (!this.failure) {
        const closed = new Promise<void>((resolve) => {
          this.worker.on('message', (m: FromThread) => m.type === 'closed' && m.conn === undefined && resolve());
          this.worker.once('exit', () => resolve());
        });
        this.post({ type: 'shutdown' });
        await closed;
      }
      await this.worker.terminate();
    })();
    return this.closing;
  }

  private post(message: unknown) {
    if (!this.failure) this.worker.postMessage(message);
  }

  private receive(message: FromThread) {
    if (message.type === 'data') this.sockets.get(message.conn)?.push(Buffer.from(message.bytes));
    else if (message.type === 'closed' && message.conn !== undefined) this.sockets.get(message.conn)?.finishReading();
    else if (message.type === 'reply') {
      const request = this.requests.get(message.id);
      this.requests.delete(message.id);
      if (message.error !== undefined) request?.reject(new Error(message.error));
      else request?.resolve(message.value);
    } else if (message.type === 'fatal') this.fail(new Error(`embedded database failed: ${message.message}`));
  }

  private fail(error: Error) {
    if (this.failure) return;
    this.failure = error;
    for (const socket of this.sockets.values()) socket.destroy(error);
    for (const request of this.requests.values()) request.reject(error);
    this.requests.clear();
    this.onFatal?.(error);
  }
}

// What `pg` expects of a socket, over the thread's messages.
class ThreadSocket extends Duplex {
  private released = false;

  constructor(
    private readonly open: () => void,
    private readonly send: (bytes: Uint8Array) => void,
    private readonly close: () => void,
  ) {
    super();
  }

  connect() {
    this.open();
    queueMicrotask(() => this.emit('connect'));
    return this;
  }

  setNoDelay() {
    return this;
  }

  setKeepAlive() {
    return this;
  }

  ref() {
    return this;
  }

  unref() {
    return this;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void) {
    this.send(new Uint8Array(chunk));
    done();
  }

  override _read() {}

  override _final(done: (error?: Error | null) => void) {
    this.release();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void) {
    this.release();
    done(error);
  }

  // Our side is done: nothing more comes from the thread for this connection either.
  private release() {
    if (this.released) return;
    this.released = true;
    this.close();
    this.finishReading();
  }

  finishReading() {
    if (!this.readableEnded) this.push(null);
  }
}
