import { followUpsOf, reminderContent } from '../../app/follow-ups.ts';
import { nextReminderSweep, type ReminderPayload, sweepReminders } from '../../app/send-reminders.ts';
import { slackProfile } from '../../app/slack-profile.ts';
import type { BotContext } from '../../context.ts';
import { reminderMessage } from '../../slack/blocks/follow-ups.ts';
import { classifySlackError } from '../../slack/errors.ts';
import { postOnce } from '../../slack/post-once.ts';
import type { Job } from '../../store/generated/client.ts';
import type { JobOutcome } from '../worker.ts';

// Every quarter hour: the people whose Monday 09:00 it is get their reminder queued.
export async function sweep(ctx: BotContext): Promise<JobOutcome> {
  const result = await sweepReminders(ctx);
  return { result, followUps: [nextReminderSweep(ctx.clock.now())] };
}

// One person's weekly reminder, as things stand when it is sent (an item closed since the sweep is
// left out; nothing left, nothing sent). Posted once even if an answer is lost (postOnce).
export async function send(ctx: BotContext, job: Job): Promise<JobOutcome> {
  const { userId } = job.payload as ReminderPayload;
  const tz = await slackProfile(ctx, userId).then(
    (p) => p.tz,
    () => null,
  );
  const mine = await followUpsOf(ctx.db, userId, tz, ctx.clock.now());
  const content = reminderContent(mine, ctx.config.file.reminders);
  if (!content.items.length && !content.postmortems.length) return { result: { skipped: 'nothing overdue now' } };
  let channel: string;
  try {
    const opened = await ctx.slack.conversations.open({ users: userId });
    channel = opened.channel!.id!;
  } catch (error) {
    throw classifySlackError(error);
  }
  const ts = await postOnce(ctx, job, { channel, ...reminderMessage(content, mine.today, ctx.publicUrl()) });
  return { result: { ts, items: content.items.length, postmortems: content.postmortems.length } };
}
