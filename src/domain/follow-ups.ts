import { TZDate } from '@date-fns/tz';

// Follow-ups (SPEC.md "Follow-ups and the App Home"): what is overdue for whom, and when each
// person's weekly reminder is due. Calendar dates are 'YYYY-MM-DD' strings in the person's zone.

export const REMINDER_WEEKDAY = 1; // Monday
export const REMINDER_HOUR = 9;
export const SNOOZE_DAYS = 7;
// Every time zone's offset is a whole number of quarter hours (India +5:30, Nepal +5:45), so a
// sweep on each UTC quarter hour meets everyone's Monday 09:00 on the minute.
export const SWEEP_EVERY_MS = 15 * 60_000;

const DAY_MS = 86_400_000;

// A zone the runtime knows, else UTC (Slack may give none, or one this Node lacks).
export function zoneOrUtc(tz: string | null | undefined): string {
  if (!tz) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return tz;
  } catch {
    return 'UTC';
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

// The person's calendar date at `now`.
export function localDate(now: Date, tz: string): string {
  const local = new TZDate(now.getTime(), zoneOrUtc(tz));
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

export const dateOf = (value: Date): string => value.toISOString().slice(0, 10);

export function addDays(date: string, days: number): string {
  return dateOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

// The week a reminder is due for at `now`: the date of the person's Monday once it is 09:00 there,
// until that Monday ends; null on any other day. A bot down all Monday skips that week rather than
// reminding on a Wednesday afternoon.
export function reminderWeek(now: Date, tz: string): string | null {
  const local = new TZDate(now.getTime(), zoneOrUtc(tz));
  if (local.getDay() !== REMINDER_WEEKDAY || local.getHours() < REMINDER_HOUR) return null;
  return localDate(now, tz);
}

// The next UTC quarter hour strictly after `now`.
export function nextSweepAt(now: Date): Date {
  return new Date((Math.floor(now.getTime() / SWEEP_EVERY_MS) + 1) * SWEEP_EVERY_MS);
}

// Due on a date means due by its end: overdue from the next day, in the owner's zone.
export const isOverdue = (due: string | null, today: string): boolean => due !== null && due < today;

// Snoozed through that date, inclusive: a week's snooze pressed on a Monday's reminder skips the
// next Monday's.
export const isSnoozed = (snoozedUntil: string | null, today: string): boolean =>
  snoozedUntil !== null && snoozedUntil >= today;

export type FollowUpItem = {
  id: string;
  incidentNumber: number;
  seq: number;
  text: string;
  priority: string;
  due: string | null;
  snoozedUntil: string | null;
};

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, medium: 2, low: 3 };

// Overdue first (the longest overdue at the top), then by due date, then the undated; ties by
// priority, then incident and number, so the order never depends on how rows came back.
export function orderFollowUps<T extends FollowUpItem>(items: readonly T[], today: string): T[] {
  const key = (i: T) => [
    isOverdue(i.due, today) ? 0 : 1,
    i.due ?? '9999-99-99',
    PRIORITY_RANK[i.priority] ?? 9,
    i.incidentNumber,
    i.seq,
  ];
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i]! < kb[i]!) return -1;
      if (ka[i]! > kb[i]!) return 1;
    }
    return 0;
  });
}

// What a weekly reminder lists: overdue items not snoozed.
export const remindable = (item: FollowUpItem, today: string): boolean =>
  isOverdue(item.due, today) && !isSnoozed(item.snoozedUntil, today);

export type PostmortemDue = { incidentNumber: number; title: string; due: string };

export const postmortemOverdue = (p: { due: string | null }, today: string): boolean => isOverdue(p.due, today);

// Prompts are addressed to a role (SPEC.md "Severity"): the update nudge and the status page
// question to comms, the rest to the commander; with no comms, the commander answers.
export function promptAddressee(kind: string): 'commander' | 'comms' {
  return kind === 'nudge' || kind === 'statuspage' ? 'comms' : 'commander';
}
