import type { Command } from '../domain/commands/parse.ts';
import type { Clock } from '../domain/clock.ts';
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

// Persists an accepted command before Slack is told it was accepted: if the process dies right
// after the acknowledgement, a worker finds the row and carries the command out.
export async function recordCommand(
  db: Db,
  clock: Clock,
  command: Command,
  context: SlashCommandContext,
  at: string | null = null,
): Promise<string> {
  const now = clock.now();
  const payload = storableJson<CommandJobPayload>({ command, context, receivedAt: now.toISOString(), at });
  const job = await db.job.create({
    data: { kind: 'command', payload, runAt: now, queueKey: channelQueue(context.channelId) },
  });
  return job.id;
}
