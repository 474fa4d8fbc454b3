import type { BotContext } from '../context.ts';
import { dateOf, nextSweepAt, reminderWeek } from '../domain/follow-ups.ts';
import { enqueue, type JobSpec } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import type { Clock } from '../domain/clock.ts';
import { followUpsOf, reminderContent } from './follow-ups.ts';
import { slackProfile } from './slack-profile.ts';

// One sweep timer for all replicas (while one is pending, another replica's start adds none),
// on every UTC quarter hour, so each person's Monday 09:00 is met on the minute.
export const nextReminderSweep = (now: Date): JobSpec => ({
  kind: 'reminders.sweep',
  payload: {},
  runAt: nextSweepAt(now),
  dedupeKey: 'reminders:sweep',
});

export async function scheduleReminders(db: Db, clock: Clock): Promise<void> {
  await db.$transaction((tx) => enqueue(tx, clock.now(), [nextReminderSweep(clock.now())]));
}

export type ReminderPayload = { userId: string; week: string };

// Whose Monday 09:00 it is, among the owners of something overdue: each gets one reminder for that
// week. The row naming the person and week is written with the job that sends it, so a second
// worker, a rerun or a restart finds it and sends nothing more.
export async function sweepReminders(ctx: BotContext): Promise<{ due: number; queued: number }> {
  const { reminders } = ctx.config.file;
  const now = ctx.clock.now();
  if (!reminders.action_items && !reminders.postmortems) return { due: 0, queued: 0 };
  // Due by the end of a date that has ended somewhere: UTC+14 is at most a day ahead of UTC.
  const latestOverdue = new Date(`${dateOf(now)}T00:00:00Z`);
  const [items, postmortems] = await Promise.all([
    reminders.action_items
      ? ctx.db.actionItem.findMany({
          where: { state: 'open', ownerId: { not: null }, dueDate: { lte: latestOverdue } },
          select: { ownerId: true },
          distinct: ['ownerId'],
        })
      : [],
    reminders.postmortems
      ? ctx.db.incident.findMany({
          where: {
            status: 'resolved',
            postmortemDoneAt: null,
            postmortemOwner: { not: null },
            postmortemDue: { lte: latestOverdue },
          },
          select: { postmortemOwner: true },
          distinct: ['postmortemOwner'],
        })
      : [],
  ]);
  const owners = [...new Set([...items.map((i) => i.ownerId!), ...postmortems.map((p) => p.postmortemOwner!)])];
  let due = 0;
  let queued = 0;
  for (const userId of owners.sort()) {
    const tz = await zoneOf(ctx, userId);
    if (tz === undefined) continue;
    const week = reminderWeek(now, tz ?? 'UTC');
    if (!week) continue;
    const content = reminderContent(await followUpsOf(ctx.db, userId, tz, now), reminders);
    if (!content.items.length && !content.postmortems.length) continue;
    due++;
    queued += await ctx.db.$transaction(async (tx) => {
      const claimed = await tx.followUpReminder.createMany({
        data: [{ userId, week, sentAt: now }],
        skipDuplicates: true,
      });
      if (!claimed.count) return 0;
      const payload: ReminderPayload = { userId, week };
      await enqueue(tx, now, [{ kind: 'reminders.send', payload, queueKey: `reminder:${userId}` }]);
      return 1;
    });
  }
  return { due, queued };
}

// The person's zone (a day-old profile is fresh enough); undefined when Slack cannot say now and
// nothing is cached: the next sweep, a quarter hour later, asks again.
async function zoneOf(ctx: BotContext, userId: string): Promise<string | null | undefined> {
  try {
    return (await slackProfile(ctx, userId)).tz;
  } catch (error) {
    ctx.logger.warn({ userId, err: error }, 'no time zone for a reminder yet');
    return undefined;
  }
}
