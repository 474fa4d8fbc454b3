import type { CommandJobPayload } from '../../app/record-command.ts';
import { runCommand } from '../../app/run-command.ts';
import { slackProfile } from '../../app/slack-profile.ts';
import type { BotContext } from '../../context.ts';
import { isAppError } from '../../domain/errors.ts';
import { policyNamesEmails } from '../../domain/policy.ts';
import { parseTime } from '../../domain/time/parse-time.ts';
import { classifySlackError } from '../../slack/errors.ts';
import type { Job } from '../../store/generated/client.ts';
import { asJobFailure, RetryLater } from '../errors.ts';
import { replyWithText } from '../message-jobs.ts';
import { finishedJob, type JobOutcome, type JobTools } from '../worker.ts';

// Commands of one channel run one after another (worker.ts), so a command that keeps failing holds
// up the ones typed after it: after this many attempts (under half a minute, with the queue's
// backoff and the lookup's timeout) it is answered with a refusal, and nothing of it is recorded.
export const COMMAND_ATTEMPTS = 4;

class TakenOver extends Error {}

// Carries out a recorded slash command exactly once: marking the job done is part of the same
// transaction as the command's records, and it only succeeds while this worker still holds the job.
// "Now" for the command is when Slack was told it was received, not when it runs: entries without
// a time, `-15m` and `14:21` are read from that moment, on whichever replica, after any restart.
export async function commandJob(ctx: BotContext, job: Job, tools: JobTools): Promise<JobOutcome> {
  const { command, context, at, receivedAt } = job.payload as CommandJobPayload;
  const typedAt = new Date(receivedAt);
  const reply = (text: string): JobOutcome => ({
    followUps: [
      replyWithText({ responseUrl: context.responseUrl, channelId: context.channelId, userId: context.userId }, text),
    ],
  });
  try {
    // Slack is asked once, and only when needed: for the time zone of a given time, or the email
    // when some policy entry names people by email.
    const needsEmail = Object.values(ctx.config.file.policy).some(policyNamesEmails);
    // Maintenance reads its times ahead in the person's zone, and checks they are not a guest.
    const maintenance = command.name.startsWith('maintenance_');
    // A snooze ends on the owner's calendar.
    const zoned = maintenance || command.name === 'follow_up';
    const profile = at || needsEmail || zoned ? await profileOf(ctx, context.userId) : null;
    const actorEmail = needsEmail ? (profile?.email ?? null) : null;
    const occurredAt = at ? resolveAt(at, typedAt, profile?.tz ?? 'UTC') : typedAt;
    if (typeof occurredAt === 'string') return reply(occurredAt);
    await tools.inDbSlot(() =>
      ctx.db.$transaction(async (tx) => {
        const held = await tx.job.updateMany({
          where: { id: job.id, status: 'running', lockedBy: job.lockedBy },
          data: finishedJob(ctx.clock.now()),
        });
        if (held.count !== 1) throw new TakenOver('command job was taken over by another worker');
        await runCommand(ctx, tx, command, {
          from: context,
          actorEmail,
          profile,
          occurredAt,
          timeGiven: at !== null,
        });
      }),
    );
    // Any command may have set, lifted or excepted a freeze; the gate's next answer reads afresh.
    ctx.deployGate.invalidate();
    if (command.name === 'statuspage' || command.name === 'answer_statuspage_prompt' || maintenance)
      ctx.statusPage.invalidate();
    return { finished: true };
  } catch (error) {
    if (isAppError(error)) return reply(error.message);
    if (error instanceof TakenOver || job.attempts < COMMAND_ATTEMPTS) throw error;
    ctx.logger.error({ jobId: job.id, command: command.name, err: error }, 'command given up');
    return reply(
      `Sorry, I could not carry out \`/incident ${command.name}\` (${reason(error)}). Nothing of it was recorded: please run it again.`,
    );
  }
}

// What went wrong, in words fit for the person: a service's failure says which; anything else is
// ours, and its details belong in the log, not in Slack.
const reason = (failure: unknown) => {
  const error = asJobFailure(failure);
  return error instanceof RetryLater ? error.message : 'an internal error';
};

async function profileOf(ctx: BotContext, userId: string) {
  try {
    return await slackProfile(ctx, userId);
  } catch (error) {
    throw classifySlackError(error);
  }
}

// `--at` is read in the user's Slack time zone; a problem (a time in the future) is the answer.
function resolveAt(at: string, typedAt: Date, timeZone: string): Date | string {
  const parsed = parseTime(at, typedAt, timeZone);
  return parsed.ok ? parsed.at : parsed.message;
}
