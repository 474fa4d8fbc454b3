import { describe, expect, it } from 'vitest';
import { type MyFollowUps, type MyItem, reminderContent } from '../../src/app/follow-ups.ts';
import {
  addDays,
  isOverdue,
  isSnoozed,
  localDate,
  nextSweepAt,
  orderFollowUps,
  promptAddressee,
  reminderWeek,
  zoneOrUtc,
} from '../../src/domain/follow-ups.ts';

const at = (iso: string) => new Date(iso);

describe('weekly reminder times', () => {
  it("is due from 09:00 on the person's Monday until that Monday ends, across DST changes", () => {
    // New York leaves summer time on Sunday 1 November 2026: 09:00 is 13:00 UTC before, 14:00 after.
    expect(reminderWeek(at('2026-10-26T12:59:00Z'), 'America/New_York')).toBeNull();
    expect(reminderWeek(at('2026-10-26T13:00:00Z'), 'America/New_York')).toBe('2026-10-26');
    expect(reminderWeek(at('2026-11-02T13:59:00Z'), 'America/New_York')).toBeNull();
    expect(reminderWeek(at('2026-11-02T14:00:00Z'), 'America/New_York')).toBe('2026-11-02');
    // Still that Monday at 23:59 there, no longer at midnight.
    expect(reminderWeek(at('2026-11-03T04:59:00Z'), 'America/New_York')).toBe('2026-11-02');
    expect(reminderWeek(at('2026-11-03T05:00:00Z'), 'America/New_York')).toBeNull();
    // Berlin left summer time on 25 October: 09:00 is 08:00 UTC on the 26th.
    expect(reminderWeek(at('2026-10-26T07:59:00Z'), 'Europe/Berlin')).toBeNull();
    expect(reminderWeek(at('2026-10-26T08:00:00Z'), 'Europe/Berlin')).toBe('2026-10-26');
    // Tokyo's Monday 09:00 is Sunday midnight UTC; the week is named by Tokyo's Monday.
    expect(reminderWeek(at('2026-10-26T00:00:00Z'), 'Asia/Tokyo')).toBe('2026-10-26');
    expect(reminderWeek(at('2026-10-25T23:59:00Z'), 'Asia/Tokyo')).toBeNull();
  });

  it('meets a half-hour or 45-minute zone on a quarter-hour sweep', () => {
    // Kolkata +5:30: Monday 09:00 is 03:30 UTC; Kathmandu +5:45: 03:15 UTC.
    for (const [tz, due] of [
      ['Asia/Kolkata', '2026-10-26T03:30:00Z'],
      ['Asia/Kathmandu', '2026-10-26T03:15:00Z'],
    ] as const) {
      const before = new Date(Date.parse(due) - 60_000);
      expect(reminderWeek(before, tz)).toBeNull();
      expect(nextSweepAt(before).toISOString()).toBe(new Date(due).toISOString());
      expect(reminderWeek(nextSweepAt(before), tz)).toBe('2026-10-26');
    }
  });

  it('sweeps on the next UTC quarter hour, strictly later', () => {
    expect(nextSweepAt(at('2026-10-26T08:00:00Z')).toISOString()).toBe('2026-10-26T08:15:00.000Z');
    expect(nextSweepAt(at('2026-10-26T08:14:59.999Z')).toISOString()).toBe('2026-10-26T08:15:00.000Z');
  });

  it('reads an unknown or missing zone as UTC', () => {
    expect(zoneOrUtc('Mars/Olympus_Mons')).toBe('UTC');
    expect(zoneOrUtc(null)).toBe('UTC');
    expect(reminderWeek(at('2026-10-26T09:00:00Z'), 'Mars/Olympus_Mons')).toBe('2026-10-26');
  });
});

describe('overdue, snoozed and the order shown', () => {
  it('is overdue the day after its due date, in the owner’s calendar', () => {
    expect(isOverdue('2026-10-25', '2026-10-25')).toBe(false);
    expect(isOverdue('2026-10-25', '2026-10-26')).toBe(true);
    expect(isOverdue(null, '2026-10-26')).toBe(false);
    // 23:30 UTC on the 25th is already the 26th in Tokyo, still the 25th in New York.
    expect(localDate(at('2026-10-25T23:30:00Z'), 'Asia/Tokyo')).toBe('2026-10-26');
    expect(localDate(at('2026-10-25T23:30:00Z'), 'America/New_York')).toBe('2026-10-25');
  });

  it('snoozes through the date, so a Monday’s week of snooze skips the next Monday', () => {
    const until = addDays('2026-10-26', 7);
    expect(until).toBe('2026-11-02');
    expect(isSnoozed(until, '2026-11-02')).toBe(true);
    expect(isSnoozed(until, '2026-11-03')).toBe(false);
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
  });

  it('puts overdue first, the longest overdue on top, then by due date, then the undated', () => {
    const item = (seq: number, due: string | null, priority = 'medium') => ({
      id: String(seq),
      incidentNumber: 1,
      seq,
      text: '',
      priority,
      due,
      snoozedUntil: null,
    });
    const ordered = orderFollowUps(
      [
        item(1, null),
        item(2, '2026-11-30'),
        item(3, '2026-10-20'),
        item(4, '2026-10-01'),
        item(5, '2026-10-20', 'urgent'),
      ],
      '2026-10-26',
    );
    expect(ordered.map((i) => i.seq)).toEqual([4, 5, 3, 2, 1]);
  });

  it('addresses the update nudge and the status page question to comms, the rest to the commander', () => {
    expect(promptAddressee('nudge')).toBe('comms');
    expect(promptAddressee('statuspage')).toBe('comms');
    expect(promptAddressee('severity')).toBe('commander');
    expect(promptAddressee('freeze')).toBe('commander');
  });
});

describe('what a weekly reminder lists', () => {
  const item = (seq: number, due: string | null, snoozedUntil: string | null = null): MyItem => ({
    id: `item-${seq}`,
    incidentNumber: 1,
    incidentTitle: 'Checkout errors',
    channelId: 'C1',
    seq,
    text: `Item ${seq}`,
    priority: 'medium',
    due,
    snoozedUntil,
    overdue: due !== null && due < '2027-03-08',
  });
  const mine: MyFollowUps = {
    today: '2027-03-08',
    items: [item(1, '2027-03-01'), item(2, '2027-03-31'), item(3, '2027-03-02', '2027-03-15'), item(4, null)],
    postmortems: [
      { incidentNumber: 1, title: 'Checkout errors', due: '2027-03-05', channelId: 'C1' },
      { incidentNumber: 2, title: 'Slow search', due: '2027-03-20', channelId: 'C2' },
    ],
  };
  const listed = (config: { action_items: boolean; postmortems: boolean }) => {
    const content = reminderContent(mine, config);
    return [content.items.map((i) => i.seq), content.postmortems.map((p) => p.incidentNumber)];
  };

  it('lists overdue items not snoozed and postmortems past due, each kind only while configured', () => {
    expect(listed({ action_items: true, postmortems: true })).toEqual([[1], [1]]);
    expect(listed({ action_items: false, postmortems: true })).toEqual([[], [1]]);
    expect(listed({ action_items: true, postmortems: false })).toEqual([[1], []]);
    expect(listed({ action_items: false, postmortems: false })).toEqual([[], []]);
  });
});
