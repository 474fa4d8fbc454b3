import { runCommand } from '../../app/run-command.ts';
import type { CommandJobPayload } from '../../app/record-command.ts';
import type { BotContext } from '../../context.ts';
import { slackProfile } from '../../app/slack-profile.ts';
import { isAppError } from '../../domain/errors.ts';
import { policyNamesEmails } from '../../domain/policy.ts';
import { parseTime } from '../../domain/time/parse-time.ts';
import { classifySlackError } from '../../slack/errors.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome, JobTools } from '../worker.ts';
import { replyWithText } from '../worded-messages.ts';

// Carries out a recorded slash command exactly once: marking the job done is part of the same
// transaction as the command's records, and it only succeeds while this worker still holds the job.
export async function commandJob(ctx: BotContext, job: Job, tools: JobTools): Promise<JobOutcome> {
  const { command, context, at } = job.payload as CommandJobPayload;
  const reply = (text: string): JobOutcome => ({
    followUps: [
      replyWithText({ responseUrl: context.responseUrl, channelId: context.channelId, userId: context.userId }, text),
    ],
  });
  const actorEmail = await emailIfPolicyNeedsIt(ctx, context.userId);
  const occurredAt = at ? await resolveAt(ctx, context.userId, at) : ctx.clock.now();
  if (typeof occurredAt === 'string') return reply(occurredAt);
  try {
    await tools.inDbSlot(() =>
      ctx.db.$transaction(async (tx) => {
        const held = await tx.job.updateMany({
          where: { id: job.id, status: 'running', lockedBy: job.lockedBy },
          data: { status: 'done', finishedAt: ctx.clock.now() },
        });
        if (held.count !== 1) throw new Error('command job was taken over by another worker');
        await runCommand(ctx, tx, command, { from: context, actorEmail, occurredAt, timeGiven: at !== null });
      }),
    );
    // Any command may have set, lifted or excepted a freeze; the gate's next answer reads afresh.
    ctx.deployGate.invalidate();
    return {};
  } catch (error) {
    if (!isAppError(error)) throw error;
    return reply(error.message);
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

// `--at` is read in the user's Slack time zone; a problem (a time in the future) is the answer.
async function resolveAt(ctx: BotContext, userId: string, at: string): Promise<Date | string> {
  let timeZone: string;
  try {
    timeZone = (await slackProfile(ctx, userId)).tz ?? 'UTC';
  } catch (error) {
    throw classifySlackError(error);
  }
  const parsed = parseTime(at, ctx.clock.now(), timeZone);
  return parsed.ok ? parsed.at : parsed.message;
}
