import { runCommand } from '../../app/run-command.ts';
import type { CommandJobPayload } from '../../app/record-command.ts';
import type { BotContext } from '../../context.ts';
import { isAppError } from '../../domain/errors.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome, JobTools } from '../worker.ts';
import type { ReplyPayload } from './reply.ts';

// Carries out a recorded slash command exactly once: marking the job done is part of the same
// transaction as the command's records, and it only succeeds while this worker still holds the job.
export async function commandJob(ctx: BotContext, job: Job, tools: JobTools): Promise<JobOutcome> {
  const { command, context } = job.payload as CommandJobPayload;
  try {
    await tools.inDbSlot(() => ctx.db.$transaction(async (tx) => {
      const held = await tx.job.updateMany({
        where: { id: job.id, status: 'running', lockedBy: job.lockedBy },
        data: { status: 'done', finishedAt: ctx.clock.now() },
      });
      if (held.count !== 1) throw new Error('command job was taken over by another worker');
      await runCommand(ctx, tx, command, context);
    }));
    return {};
  } catch (error) {
    if (!isAppError(error)) throw error;
    const reply: ReplyPayload = { responseUrl: context.responseUrl, channelId: context.channelId, userId: context.userId, text: error.message };
    return { followUps: [{ kind: 'slack.reply', payload: reply }] };
  }
}
