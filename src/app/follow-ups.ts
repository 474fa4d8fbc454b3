import {
  dateOf,
  type FollowUpItem,
  isOverdue,
  localDate,
  orderFollowUps,
  remindable,
  zoneOrUtc,
} from '../domain/follow-ups.ts';
import type { BotContext } from '../context.ts';
import type { Db } from '../store/database.ts';
import { slackProfile } from './slack-profile.ts';

export type MyItem = FollowUpItem & { incidentTitle: string; channelId: string | null; overdue: boolean };
export type MyPostmortem = { incidentNumber: number; title: string; due: string | null; channelId: string | null };
export type MyFollowUps = { today: string; items: MyItem[]; postmortems: MyPostmortem[] };

// One person's open action items across incidents (overdue first) and the postmortems they owe
// (ended incidents whose draft is not marked done), as of their calendar day in their zone.
export async function followUpsOf(db: Db, userId: string, tz: string | null, now: Date): Promise<MyFollowUps> {
  const today = localDate(now, zoneOrUtc(tz));
  const [rows, incidents] = await Promise.all([
    db.actionItem.findMany({
      where: { ownerId: userId, state: 'open', incident: { status: { not: 'cancelled' } } },
      include: { incident: { select: { number: true, title: true, channelId: true } } },
    }),
    db.incident.findMany({
      where: { postmortemOwner: userId, postmortemDoneAt: null, status: 'resolved' },
      select: { number: true, title: true, postmortemDue: true, channelId: true },
      orderBy: { number: 'asc' },
    }),
  ]);
  const items = rows.map(
    (r): MyItem => ({
      id: r.id,
      incidentNumber: r.incident.number,
      incidentTitle: r.incident.title,
      channelId: r.incident.channelId,
      seq: r.seq,
      text: r.text,
      priority: r.priority,
      due: r.dueDate ? dateOf(r.dueDate) : null,
      snoozedUntil: r.snoozedUntil ? dateOf(r.snoozedUntil) : null,
      overdue: isOverdue(r.dueDate ? dateOf(r.dueDate) : null, today),
    }),
  );
  return {
    today,
    items: orderFollowUps(items, today),
    postmortems: incidents.map((i) => ({
      incidentNumber: i.number,
      title: i.title,
      due: i.postmortemDue ? dateOf(i.postmortemDue) : null,
      channelId: i.channelId,
    })),
  };
}

// What a weekly reminder lists, as the configuration allows: overdue items not snoozed, and
// postmortems past their due date.
export function reminderContent(
  mine: MyFollowUps,
  config: { action_items: boolean; postmortems: boolean },
): { items: MyItem[]; postmortems: MyPostmortem[] } {
  return {
    items: config.action_items ? mine.items.filter((i) => remindable(i, mine.today)) : [],
    postmortems: config.postmortems ? mine.postmortems.filter((p) => isOverdue(p.due, mine.today)) : [],
  };
}

// `/incident actions mine`: the caller's, as of their day (their zone from Slack, else UTC).
export async function myFollowUps(ctx: BotContext, userId: string): Promise<MyFollowUps> {
  const tz = await slackProfile(ctx, userId).then(
    (p) => p.tz,
    () => null,
  );
  return followUpsOf(ctx.db, userId, tz, ctx.clock.now());
}
