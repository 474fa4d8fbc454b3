import { runCommand } from '../../app/run-command.ts';
import type { CommandJobPayload } from '../../app/record-command.ts';
import type { BotContext } from '../../context.ts';
import { slackProfile } from '../../app/slack-profile.ts';
import { isAppError } from '../../domain/errors.ts';
import { policyNamesEmails } from '../../domain/policy.ts';
import { classifySlackError } from '../../slack/errors.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome, JobTools } from '../worker.ts';
import type { ReplyPayload } from './reply.ts';

// Carries out a recorded slash command exactly once: marking the job done is part of the same
// transaction as the command's records, and it only succeeds while this worker still holds the job.
export async function commandJob(ctx: BotContext, job: Job, tools: JobTools): Promise<JobOutcome> {
  const { command, context } = job.payload as CommandJobPayload;
  const actorEmail = await emailIfPolicyNeedsIt(ctx, context.userId);
  try {
    await tools.inDbSlot(() => ctx.db.$transaction(async (tx) => {
      const held = await tx.job.updateMany({
        where: { id: job.id, status: 'running', lockedBy: job.lockedBy },
        data: { status: 'done', finishedAt: ctx.clock.now() },
      });
      if (held.count !== 1) throw new Error('command job was taken over by another worker');
      await runCommand(ctx, tx, command, context, actorEmail);
    }));
    return {};
  } catch (error) {
    if (!isAppError(error)) throw error;
    const reply: ReplyPayload = { responseUrl: context.responseUrl, channelId: context.channelId, userId: context.userId, text: error.message };
    return { followUps: [{ kind: 'slack.reply', payload: reply }] };
  }
}

// Slack is only asked for the actor's email when some policy entry is an email.
async function emailIfPolicyNeedsIt(ctx: BotContext, userId: string): Promise<string | null> {
  if (!Object.values(ctx.config.file.policy).some(policyNamesEmails)) return null;
  try {
    return (await slackProfile(ctx, userId)).email;
  } catch (error) {
    throw classifySlackError(error);
  }
}
