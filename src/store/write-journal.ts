// Commands acknowledged while a backup holds the embedded database. PGlite is one session, and its
// dump holds it for as long as the data takes to copy (seconds, for a year of data), longer than a
// command may wait to be recorded. So while a dump runs, each command's write is appended to this
// journal in DATA_DIR and fsynced before Slack is told it was accepted; right after the dump the
// journal is applied in order, ahead of anything written later, and then emptied. A crash in
// between leaves the journal on disk, and whoever opens the database next applies it first.
// Journaled statements must be idempotent (the job rows carry their ids and skip a row already
// there), since a crash between applying and emptying the journal applies them twice.
import { closeSync, fsyncSync, openSync } from 'node:fs';
import { type FileHandle, open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';

export type Statement = { sql: string; params: unknown[] };
type Apply = (statement: Statement) => Promise<void>;

export type WriteJournalOptions = {
  dataDir: string;
  // The database's own write with a deadline to start (false when it could not start in time).
  writeBefore: (sql: string, params: unknown[], deadline: number) => Promise<boolean>;
  // The same write with no deadline: applying the journal waits as long as it takes.
  apply: Apply;
  // A failed attempt to apply the journal is retried after this long (the commands in it were
  // acknowledged: they are applied or the bot keeps trying).
  retryMs?: number;
  onApplyFailed?: (error: unknown) => void;
};

export const journalFile = (dataDir: string) => path.join(dataDir, 'commands-during-backup.jsonl');

export class WriteJournal {
  private journaling = false;
  private entries: Statement[] = [];
  private handle: FileHandle | null = null;
  // Every write passes through here in arrival order, so a command never overtakes an earlier one
  // on its way to the database, journaled or not.
  private turn: Promise<unknown> = Promise.resolve();
  private retry: NodeJS.Timeout | null = null;

  constructor(private readonly options: WriteJournalOptions) {}

  write(sql: string, params: unknown[], deadline: number): Promise<boolean> {
    return this.inTurn(async () => {
      if (!this.journaling) return { posted: this.options.writeBefore(sql, params, deadline) };
      await this.append({ sql, params });
      return { posted: Promise.resolve(true) };
    }).then(({ posted }) => posted);
  }

  // Runs `dump` with every write meanwhile journaled, then applies the journal.
  async during<T>(dump: () => Promise<T>): Promise<T> {
    await this.inTurn(async () => {
      this.journaling = true;
    });
    try {
      return await dump();
    } finally {
      await this.applyAll();
    }
  }

  async close() {
    if (this.retry) clearTimeout(this.retry);
    await this.turn.catch(() => undefined);
    await this.handle?.close();
    this.handle = null;
  }

  // Queued behind what came before; a write waits for no more than its predecessors' posting
  // (or, during a backup, their fsync).
  private inTurn<T>(step: () => Promise<T>): Promise<T> {
    const result = this.turn.then(step);
    this.turn = result.catch(() => undefined);
    return result;
  }

  private async append(statement: Statement) {
    if (!this.handle) {
      this.handle = await open(journalFile(this.options.dataDir), 'a');
      syncDirectory(this.options.dataDir);
    }
    await this.handle.appendFile(`${JSON.stringify(statement)}\n`);
    await this.handle.datasync();
    this.entries.push(statement);
  }

  private applyAll(): Promise<void> {
    return this.inTurn(async () => {
      try {
        while (this.entries.length) {
          await this.options.apply(this.entries[0]!);
          this.entries.shift();
        }
        await this.handle?.close();
        this.handle = null;
        await rm(journalFile(this.options.dataDir), { force: true });
        this.journaling = false;
      } catch (error) {
        // Still journaling: later commands keep their place behind the ones not yet applied.
        this.options.onApplyFailed?.(error);
        this.retry = setTimeout(() => void this.applyAll(), this.options.retryMs ?? 1_000);
        this.retry.unref();
      }
    });
  }
}

// Applies what a process that died mid-backup left in the journal, then empties it. Called when
// the database is opened, before anything else writes.
export async function replayJournal(dataDir: string, apply: Apply): Promise<number> {
  const file = journalFile(dataDir);
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return 0;
  // A last line without its newline was being written when the process died: its fsync never
  // returned, so that command was never acknowledged.
  const lines = text.split('\n').slice(0, -1);
  for (const line of lines) await apply(JSON.parse(line) as Statement);
  await rm(file, { force: true });
  return lines.length;
}

// A new file's name is durable once its directory is synced.
function syncDirectory(dir: string) {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
