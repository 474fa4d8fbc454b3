import { randomUUID } from 'node:crypto';
import type { Config } from '../config/index.ts';
import type { Command } from '../domain/commands/parse.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import { storableJson } from '../domain/text.ts';
import { channelQueue } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import type { Prisma } from '../store/generated/client.ts';
import { insertJobsStatement, type NewJobRow } from '../store/insert-jobs.ts';

export type SlashCommandContext = { userId: string; channelId: string; teamId: string; responseUrl?: string };
export type CommandJobPayload = {
  command: Command;
  context: SlashCommandContext;
  receivedAt: string;
  at: string | null;
};

// Slack gives 3 s to answer, and the listener's guard answers at 2.4 s (slack/listeners/guard.ts).
// A command gets 1.6 s from arrival to be committed, waiting for a connection and writing
// included: the transaction has committed or been rolled back well before the guard speaks, so
// "nothing was saved" is true when it is said. On PostgreSQL the server cancels a slow statement
// itself; on the embedded database a write either starts before the deadline and finishes (in
// milliseconds), or never starts.
const RECORD_WITHIN_MS = 1_600;
const CONNECTION_WAIT_MS = 800;
const WRITE_MS = 800;
// Below this, a transaction could not even start: the command is refused without trying.
const TOO_LATE_MS = 100;
const MAX_BATCH = 200;

// The embedded database's one-statement write with a deadline to start (store/pglite-thread.ts).
export type WriteBefore = (sql: string, params: unknown[], deadline: number) => Promise<boolean>;

export type RecordingContext = {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'DATABASE_URL'>;
  writeBefore?: WriteBefore;
};

export const NOT_RECORDED = 'Could not record that: the database is unreachable; nothing was saved, try again.';

type Waiting = {
  row: NewJobRow;
  deadline: number;
  resolve: (id: string) => void;
  reject: (error: unknown) => void;
};

// Group commit: commands that arrive while a batch is being written go together in the next
// transaction, one INSERT of many rows. Under a burst each command then costs a row, not a
// transaction (on PGlite every statement runs in turn on the one connection). The first command
// of a quiet moment is written at once, alone. Rows keep their arrival order, so the sequence the
// database assigns (Job.seq) orders them as Slack's acknowledgements did.
class CommandRecorder {
  private waiting: Waiting[] = [];
  private writing = false;

  constructor(private readonly ctx: RecordingContext) {}

  record(row: NewJobRow): Promise<string> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ row, deadline: Date.now() + RECORD_WITHIN_MS, resolve, reject });
      if (!this.writing) void this.writeAll();
    });
  }

  private async writeAll() {
    this.writing = true;
    try {
      while (this.waiting.length) await this.writeBatch(this.waiting.splice(0, MAX_BATCH));
    } finally {
      this.writing = false;
    }
  }

  private async writeBatch(batch: Waiting[]) {
    const now = Date.now();
    const late = batch.filter((w) => w.deadline - now < TOO_LATE_MS);
    for (const w of late) w.reject(new AppError('UNAVAILABLE', NOT_RECORDED));
    const ready = batch.filter((w) => !late.includes(w));
    if (!ready.length) return;
    // The whole batch must be done by its most urgent command's deadline.
    const deadline = Math.min(...ready.map((w) => w.deadline));
    try {
      if (this.ctx.writeBefore) await writeEmbedded(this.ctx.writeBefore, ready, deadline);
      else await this.writeInTransaction(ready, deadline - now);
      for (const w of ready) w.resolve(w.row.id);
    } catch (error) {
      for (const w of ready) w.reject(new AppError('UNAVAILABLE', NOT_RECORDED, { cause: error }));
    }
  }

  // PostgreSQL: a transaction bounded in waiting for a connection and in running; the server
  // cancels a statement that overruns, so nothing is half-saved.
  private async writeInTransaction(batch: Waiting[], left: number) {
    const maxWait = Math.min(CONNECTION_WAIT_MS, Math.floor(left / 2));
    const timeout = Math.min(WRITE_MS, Math.floor(left / 2));
    await this.ctx.db.$transaction(
      async (tx) => {
        if (this.ctx.config.DATABASE_URL) await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${timeout}`);
        await tx.job.createMany({
          data: batch.map((w) => ({ ...w.row, payload: w.row.payload as Prisma.InputJsonValue })),
        });
      },
      { maxWait, timeout },
    );
  }
}

// The embedded database: one INSERT, committed on its own, on the database's thread and ahead of
// the statements waiting there; not run at all when it could not start in time.
async function writeEmbedded(writeBefore: WriteBefore, batch: Waiting[], deadline: number) {
  const { sql, params } = insertJobsStatement(batch.map((w) => w.row));
  if (!(await writeBefore(sql, params, deadline))) throw new Error('could not start before the deadline');
}

const recorders = new WeakMap<Db, CommandRecorder>();

// Persists an accepted command before Slack is told it was accepted: if the process dies right
// after the acknowledgement, a worker finds the row and carries the command out.
export async function recordCommand(
  ctx: RecordingContext,
  command: Command,
  context: SlashCommandContext,
  at: string | null = null,
): Promise<string> {
  const now = ctx.clock.now();
  const payload = storableJson<CommandJobPayload>({ command, context, receivedAt: now.toISOString(), at });
  const recorder = recorders.get(ctx.db) ?? new CommandRecorder(ctx);
  recorders.set(ctx.db, recorder);
  return recorder.record({
    id: randomUUID(),
    kind: 'command',
    payload,
    runAt: now,
    queueKey: channelQueue(context.channelId),
  });
}
