import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import { addDays, localDate, SNOOZE_DAYS, zoneOrUtc } from '../domain/follow-ups.ts';
import type { ReplyTarget } from '../jobs/handlers/room-setup-jobs.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Prisma } from '../store/generated/client.ts';
import { calendarDate } from './add-action-item.ts';
import { replyTo } from './effects.ts';
import { changeActionItemState } from './update-action-item.ts';

export type FollowUpOptions = {
  tx: Prisma.TransactionClient;
  clock: Clock;
  config: Config;
  actorId: string;
  actorEmail: string | null;
  // The owner's zone: a week of snooze ends on their calendar.
  tz: string | null;
  occurredAt: Date;
  replyTarget: ReplyTarget;
  itemId: string;
  op: 'done' | 'snooze';
};

// [Done] / [Snooze a week] on a reminder or the App Home, wherever pressed: only the item's owner
// may, and an item closed meanwhile says so.
export async function followUpItem(options: FollowUpOptions) {
  const { tx, clock, actorId, itemId, op, replyTarget } = options;
  const item = await tx.actionItem.findUnique({
    where: { id: itemId },
    include: { incident: { include: { roles: { where: { endedAt: null } } } } },
  });
  if (!item || item.state === 'removed') throw new AppError('NOT_FOUND', 'That action item was removed.');
  const ref = { number: item.incident.number, seq: item.seq, text: item.text };
  if (item.ownerId !== actorId)
    throw new AppError('FORBIDDEN', `Only its owner${item.ownerId ? ` <@${item.ownerId}>` : ''} can do that.`);
  if (item.state === 'done') throw new AppError('CONFLICT', `Action item #${item.seq} is already done.`);
  if (op === 'done') {
    await changeActionItemState({ ...options, incident: item.incident, timeGiven: false, seq: item.seq, op: 'done' });
    await enqueue(tx, clock.now(), [replyTo(replyTarget, { type: 'follow_up_done', ...ref })]);
    return;
  }
  const until = addDays(localDate(options.occurredAt, zoneOrUtc(options.tz)), SNOOZE_DAYS);
  await tx.actionItem.update({ where: { id: item.id }, data: { snoozedUntil: calendarDate(until) } });
  await enqueue(tx, clock.now(), [replyTo(replyTarget, { type: 'follow_up_snoozed', ...ref, until })]);
}
