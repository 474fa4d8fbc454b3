// Follow-ups (SPEC.md "Follow-ups and the App Home"): weekly reminders at each owner's Monday 09:00
// in their Slack time zone, across a week in which New York moves its clocks; the buttons on them;
// `/incident actions mine` and `/incident postmortem done`; the Home tab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepReminders } from '../../src/app/send-reminders.ts';
import type { FakeMessage } from '../fakes/slack.ts';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { advanceClock, declare, runIn, settle, startTestBot, type TestBot, waitFor } from '../support/test-bot.ts';

// Seeded profiles (tests/fakes/workspace.ts): Alice in Berlin, Bob in New York, Carol in Tokyo.
const ALICE = 'U0ALICE01';
const BOB = 'U0BOB0001';
const CAROL = 'U0CAROL01';
const ERIN = 'U0ERIN001';
const dm = (userId: string) => `D${userId.slice(1)}`;

type Block = { type: string; text?: { text: string }; elements?: { action_id?: string; text?: unknown }[] };
const blockText = (blocks: unknown) => JSON.stringify(blocks ?? []);
const actionIds = (blocks: unknown) =>
  ((blocks ?? []) as Block[]).flatMap((b) => (b.type === 'actions' ? (b.elements ?? []).map((e) => e.action_id!) : []));

describe(`follow-ups (${backend})`, () => {
  const clock = new ManualClock();
  let t: TestBot;
  // New York leaves winter time on Sunday 14 March 2027: its Monday 09:00 is 14:00 UTC on the 8th
  // and 13:00 UTC on the 15th. Berlin (08:00 UTC) and Tokyo (00:00 UTC) do not change that week.
  const moveTo = async (iso: string) => advanceClock(t, clock, Date.parse(iso) - clock.now().getTime());
  const reminders = (userId: string): FakeMessage[] =>
    (t.slack.channels.get(dm(userId))?.messages ?? []).filter((m) => m.text.startsWith('Your weekly follow-ups'));

  beforeAll(async () => {
    clock.advance(Date.parse('2027-03-04T12:00:00Z') - Date.now());
    t = await startTestBot({ clock });
    t.slack.addUser({ id: ERIN, name: 'erin', email: 'erin@example.com', tz: 'UTC' });
  });
  afterAll(() => t?.stop());

  let roomId = '';
  let incidentId = '';

  it("reminds each owner once at their Monday 09:00, across New York's change of clocks", async () => {
    const { channelId, incident } = await declare(t, 'Checkout errors --sev SEV2 --services api');
    roomId = channelId;
    incidentId = incident.id;
    await runIn(t, channelId, `action Add a canary stage <@${ALICE}> --due 2027-03-01`);
    await runIn(t, channelId, `action Alert on queue depth <@${BOB}> --due 2027-03-02`);
    await runIn(t, channelId, `action Rotate the keys <@${CAROL}> --due 2027-03-03 --priority high`);
    await runIn(t, channelId, `action Write the runbook <@${ALICE}> --due 2027-12-31`);
    await runIn(t, channelId, 'status resolved Rolled back.');
    await runIn(t, channelId, `postmortem owner <@${BOB}> --due 2027-03-03`);

    await moveTo('2027-03-07T23:45:00Z');
    expect([ALICE, BOB, CAROL].map((u) => reminders(u).length)).toEqual([0, 0, 0]);
    // Tokyo's Monday 09:00.
    await moveTo('2027-03-08T00:00:00Z');
    expect([ALICE, BOB, CAROL].map((u) => reminders(u).length)).toEqual([0, 0, 1]);
    const [toCarol] = reminders(CAROL);
    expect(toCarol!.text).toBe('Your weekly follow-ups: 1 overdue action item.');
    expect(blockText(toCarol!.blocks)).toContain('Rotate the keys');

    await moveTo('2027-03-08T07:45:00Z');
    expect(reminders(ALICE)).toHaveLength(0);
    // Berlin's 09:00: two more sweeps at once, as two workers would run them, send nothing more.
    clock.advance(Date.parse('2027-03-08T08:00:00Z') - clock.now().getTime());
    await Promise.all([sweepReminders(t.bot.ctx), sweepReminders(t.bot.ctx)]);
    t.bot.worker.kick();
    await settle(t);
    await advanceClock(t, clock, 60_000);
    expect(reminders(ALICE)).toHaveLength(1);
    const toAlice = reminders(ALICE)[0]!;
    expect(blockText(toAlice.blocks)).toContain('Add a canary stage');
    // Not overdue yet: left out of the reminder.
    expect(blockText(toAlice.blocks)).not.toContain('Write the runbook');

    await moveTo('2027-03-08T13:45:00Z');
    expect(reminders(BOB)).toHaveLength(0);
    await moveTo('2027-03-08T14:00:00Z');
    expect(reminders(BOB)).toHaveLength(1);
    expect(reminders(BOB)[0]!.text).toBe('Your weekly follow-ups: 1 overdue action item and 1 postmortem past due.');
    expect(blockText(reminders(BOB)[0]!.blocks)).toContain('Postmortems you own');

    // Alice snoozes hers a week, Carol marks hers done, Bob cannot close Alice's.
    const [aliceDone, aliceSnooze] = actionIds(toAlice.blocks);
    const snoozed = await t.driver.press({ actionId: aliceSnooze!, user: ALICE, channel: dm(ALICE) });
    await settle(t);
    expect(snoozed.replies().map((r) => r.text)).toEqual([
      'Snoozed INC-1 action item #1 through 2027-03-15: no reminder of it until then.',
    ]);
    const stolen = await t.driver.press({ actionId: aliceDone!, user: BOB, channel: dm(BOB) });
    await settle(t);
    expect(stolen.replies().map((r) => r.text)).toEqual([`Only its owner <@${ALICE}> can do that.`]);
    const done = await t.driver.press({ actionId: actionIds(toCarol!.blocks)[0]!, user: CAROL, channel: dm(CAROL) });
    await settle(t);
    expect(done.replies().map((r) => r.text)).toEqual(['Marked INC-1 action item #3 done: Rotate the keys']);
    const items = await t.bot.ctx.db.actionItem.findMany({ where: { incidentId }, orderBy: { seq: 'asc' } });
    expect(items.map((i) => i.state)).toEqual(['open', 'open', 'done', 'open']);
    expect(t.slack.channels.get(roomId)!.messages.some((m) => m.text.includes('action item *#3*'))).toBe(true);

    // The next week: Carol has nothing left, Alice's is snoozed, Bob is reminded at New York's
    // new 09:00, an hour earlier in UTC.
    await moveTo('2027-03-15T00:00:00Z');
    await moveTo('2027-03-15T08:00:00Z');
    await moveTo('2027-03-15T12:45:00Z');
    expect([ALICE, BOB, CAROL].map((u) => reminders(u).length)).toEqual([1, 1, 1]);
    await moveTo('2027-03-15T13:00:00Z');
    await moveTo('2027-03-15T23:45:00Z');
    expect([ALICE, BOB, CAROL].map((u) => reminders(u).length)).toEqual([1, 2, 1]);
    expect(await t.bot.ctx.db.followUpReminder.count()).toBe(4);
  });

  it('lists your items anywhere and ends postmortem reminders with `postmortem done`', async () => {
    const mine = await t.driver.command('actions mine', { user: BOB, channel: 'C0GENERAL' });
    const answer = await waitFor(() => mine.replies()[0], 'the answer');
    expect(answer!.text).toBe('You have 1 open action item, 1 overdue.');
    expect(blockText(answer!.blocks)).toContain('Alert on queue depth');
    expect(blockText(answer!.blocks)).toContain('Postmortems you own');

    expect(await runIn(t, roomId, 'postmortem done', BOB)).toBe('');
    const entry = await t.bot.ctx.db.timelineEntry.findFirst({ where: { incidentId, text: 'Postmortem finished' } });
    expect(entry?.actorId).toBe(BOB);
    expect(await runIn(t, roomId, 'postmortem done', BOB)).toContain('already marked done');
    const again = await t.driver.command('actions mine', { user: BOB, channel: 'C0GENERAL' });
    expect(blockText((await waitFor(() => again.replies()[0], 'the answer')).blocks)).not.toContain('Postmortems');
    const nothing = await t.driver.command('actions mine', { user: ERIN, channel: 'C0GENERAL' });
    expect((await waitFor(() => nothing.replies()[0], 'the answer')).text).toBe(
      'You have no open action items. :sunny:',
    );
  });

  it('shows the Home tab: nothing for Erin, a commander’s incidents, items and questions, sixty incidents', async () => {
    const open = async (user: string) => {
      const before = t.slack.homes.get(user);
      expect((await t.driver.event({ type: 'app_home_opened', user, channel: dm(user), tab: 'home' })).status).toBe(
        200,
      );
      return waitFor(() => (t.slack.homes.get(user) !== before ? t.slack.homes.get(user) : undefined), 'the home view');
    };
    expect(blockText((await open(ERIN)).blocks)).toContain('Nothing needs you right now');

    // Declared without a severity: the commander is asked for one.
    const { channelId } = await declare(t, 'Cache down --services web');
    await waitFor(() => t.bot.ctx.db.prompt.findFirst({ where: { kind: 'severity', answeredAt: null } }), 'the prompt');
    const home = blockText((await open(ALICE)).blocks);
    expect(home).toContain('*INC-2* no severity · investigating');
    expect(home).toContain('_you: commander_');
    expect(home).toContain('Waiting for your answer');
    expect(home).toContain(`*INC-2*: is the severity still right? in <#${channelId}>`);
    expect(home).toContain('Your action items* (2 open, 1 overdue)');
    // Snoozed through the 15th, and it is the 16th in Berlin now.
    expect(home).not.toContain('snoozed');

    // [Done] on the Home tab: the item closes and the tab is drawn again without it.
    const runbook = await t.bot.ctx.db.actionItem.findFirstOrThrow({ where: { incidentId, seq: 4 } });
    const before = t.slack.homes.get(ALICE);
    await t.driver.press({ actionId: `follow_up:done:${runbook.id}`, user: ALICE, home: true });
    await settle(t);
    const redrawn = await waitFor(
      () => (t.slack.homes.get(ALICE) !== before ? t.slack.homes.get(ALICE) : undefined),
      'redrawn',
    );
    expect(blockText(redrawn.blocks)).not.toContain('Write the runbook');
    expect(
      t.slack.channels.get(dm(ALICE))!.messages.some((m) => m.text.startsWith('Marked INC-1 action item #4 done')),
    ).toBe(true);

    // Sixty open incidents, and a private one Bob is not in.
    const now = clock.now();
    await t.bot.ctx.db.incident.createMany({
      data: Array.from({ length: 59 }, (_, i) => ({
        number: 100 + i,
        title: `Regional outage number ${100 + i} with a title long enough to matter for the limits of a section`,
        severity: 'SEV3',
        status: 'investigating',
        declaredBy: CAROL,
        declaredAt: now,
      })),
    });
    await t.bot.ctx.db.incident.create({
      data: {
        number: 200,
        title: 'Secret',
        status: 'investigating',
        isPrivate: true,
        declaredBy: CAROL,
        declaredAt: now,
      },
    });
    const bobs = await open(BOB);
    const text = blockText(bobs.blocks);
    expect(text).toContain('*Open incidents* (60)');
    expect(text).not.toContain('INC-200');
    const shown = [...text.matchAll(/\*INC-(\d+)\*/g)].map((m) => Number(m[1]));
    const more = /…and (\d+) more/.exec(text);
    expect(new Set(shown.filter((n) => n === 2 || n >= 100)).size + Number(more?.[1] ?? 0)).toBe(60);
    expect((bobs.blocks as unknown[]).length).toBeLessThanOrEqual(100);
  });

  it('opens the declare form and a sign-in link from the Home tab', async () => {
    const views = t.slack.views.length;
    await t.driver.press({ actionId: 'home_declare', user: ERIN, home: true });
    await waitFor(() => t.slack.views.length > views || undefined, 'the declare form');
    expect(t.slack.views.at(-1)!.view.callback_id).toBe('declare_incident');

    await t.driver.press({ actionId: 'home_web_link', user: ERIN, home: true });
    const link = await waitFor(
      () => t.slack.views.find((v) => blockText(v.view.blocks).includes('/login/')),
      'the sign-in link',
    );
    expect(blockText(link.view.blocks)).toContain('the link works once');
  });
});
