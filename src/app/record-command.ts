import type { Command } from '../domain/commands/parse.ts';
import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import { storableJson } from '../domain/text.ts';
import { channelQueue } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';

export type SlashCommandContext = { userId: string; channelId: string; teamId: string; responseUrl?: string };
export type CommandJobPayload = {
  command: Command;
  context: SlashCommandContext;
  receivedAt: string;
  at: string | null;
};

// Slack gives 3 s to answer, and the listener's guard answers at 2.4 s (slack/listeners/guard.ts).
// Waiting for a connection and writing get 1.6 s between them: the transaction has committed or
// been rolled back well before the guard speaks, so "nothing was saved" is true when it is said.
// On PostgreSQL the server cancels a slow statement itself; on PGlite (one connection, in this
// process) the bound is on the wait for that connection, and a write that started finishes.
const CONNECTION_WAIT_MS = 800;
const WRITE_MS = 800;

export type RecordingContext = { db: Db; clock: Clock; config: Pick<Config, 'DATABASE_URL'> };

export const NOT_RECORDED = 'Could not record that: the database is unreachable; nothing was saved, try again.';

// Persists an accepted command before Slack is told it was accepted: if the process dies right
// after the acknowledgement, a worker finds the row and carries the command out.
export async function recordCommand(
  { db, clock, config }: RecordingContext,
  command: Command,
  context: SlashCommandContext,
  at: string | null = null,
): Promise<string> {
  const now = clock.now();
  const payload = storableJson<CommandJobPayload>({ command, context, receivedAt: now.toISOString(), at });
  try {
    return await db.$transaction(
      async (tx) => {
        // PGlite runs one statement at a time in this process: nothing to cancel, one step saved.
        if (config.DATABASE_URL) await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${WRITE_MS}`);
        const job = await tx.job.create({
          data: { kind: 'command', payload, runAt: now, queueKey: channelQueue(context.channelId) },
        });
        return job.id;
      },
      { maxWait: CONNECTION_WAIT_MS, timeout: WRITE_MS },
    );
  } catch (error) {
    throw new AppError('UNAVAILABLE', NOT_RECORDED, { cause: error });
  }
}
