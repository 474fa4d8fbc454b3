import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcTime } from '../../src/domain/markdown.ts';
import { entryText } from '../../src/domain/timeline.ts';
import { timelineMarkdown } from '../../src/domain/timeline-markdown.ts';
import { slackEntryText } from '../../src/slack/blocks/format.ts';
import { backend } from '../support/backend.ts';
import { declare, settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

// Alice's Slack time zone is Europe/Berlin (tests/fakes/workspace.ts).
const berlin = (date: Date, withSeconds = false) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(date);
const minute = (ms: number) => Math.floor(ms / 60_000) * 60_000;

describe(`timeline (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t?.stop());

  const db = () => t.bot.ctx.db;
  const run = async (channel: string, text: string) => {
    const sent = await t.driver.command(text, { channel });
    await settle(t);
    return sent;
  };

  it('records notes at the time they happened and orders by occurred-at, recorded-at, id', async () => {
    const { incident, channelId } = await declare(t, 'Config push --sev SEV2');
    const sixHoursAgo = new Date(Date.now() - 6 * 3_600_000);
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000);
    await run(channelId, 'note API down');
    const backdated = await run(channelId, `note ${berlin(sixHoursAgo)} infra change pushed (the trigger)`);
    await run(channelId, `note ${berlin(threeHoursAgo, true)} first errors`);
    await run(channelId, `note ${berlin(threeHoursAgo, true)} second event at the same second`);
    await run(channelId, 'note -90m customer reports');
    await run(
      channelId,
      `note ${new Date(minute(Date.now() - 2 * 3_600_000)).toISOString().slice(0, 16)}Z "quoted" text kept`,
    );

    const entries = await db().timelineEntry.findMany({
      where: { incidentId: incident.id },
      orderBy: [{ occurredAt: 'asc' }, { recordedAt: 'asc' }, { id: 'asc' }],
    });
    expect(entries.map((e) => e.text)).toEqual([
      'infra change pushed (the trigger)',
      'first errors',
      'second event at the same second',
      '"quoted" text kept',
      'customer reports',
      expect.stringContaining('declared'),
      'API down',
    ]);
    expect(entries[0]!.occurredAt.getTime()).toBe(minute(sixHoursAgo.getTime()));
    expect(entries[1]!.occurredAt.getTime()).toBe(entries[2]!.occurredAt.getTime());
    expect(entries[0]!.recordedAt.getTime() - entries[0]!.occurredAt.getTime()).toBeGreaterThan(5 * 3_600_000);
    const confirmation = await waitFor(() => backdated.replies()[0], 'the confirmation');
    expect(String(confirmation.text)).toMatch(/Added to the timeline as #3 at .* \(backdated\)/);
  });

  it('reads every form of the time grammar through Slack, in the user zone', async () => {
    const { incident, channelId } = await declare(t, 'Every time form --sev SEV3');
    const base = new Date(Date.now() - 3 * 3_600_000 - 17_000);
    const second = Math.floor(base.getTime() / 1000) * 1000;
    const hm = berlin(base);
    const [h, m] = hm.split(':').map(Number) as [number, number];
    const twelve = `${h % 12 || 12}:${String(m).padStart(2, '0')}${h < 12 ? 'am' : 'pm'}`;
    const utcHm = base.toISOString().slice(11, 16);
    // "yesterday" is the calendar day before today in Berlin, whichever of these two that is.
    const berlinDay = (ms: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date(ms));
    const yesterday = new Date(
      [minute(base.getTime()), minute(base.getTime()) - 86_400_000].find(
        (c) => berlinDay(c) === berlinDay(Date.now() - 86_400_000),
      )!,
    );
    const forms: [string, number][] = [
      [hm, minute(base.getTime())],
      [berlin(base, true), second],
      [`${utcHm} UTC`, minute(base.getTime())],
      [twelve, minute(base.getTime())],
      [`${base.toISOString().slice(0, 19)}Z`, second],
      ['-15m', Date.now() - 15 * 60_000],
      ['-2h', Date.now() - 2 * 3_600_000],
      [`yesterday ${berlin(yesterday)}`, yesterday.getTime()],
    ];
    for (const [form] of forms) await run(channelId, `note ${form} form ${form}`);
    const notes = await db().timelineEntry.findMany({
      where: { incidentId: incident.id, kind: 'note' },
      orderBy: { seq: 'asc' },
    });
    expect(notes).toHaveLength(forms.length);
    for (const [i, [form, expected]] of forms.entries()) {
      expect(notes[i]!.text, form).toBe(`form ${form}`);
      // Relative forms are measured from when the command ran: a few seconds of slack.
      expect(Math.abs(notes[i]!.occurredAt.getTime() - expected), form).toBeLessThan(form.startsWith('-') ? 15_000 : 1);
    }
  });

  it('marks every milestone, and a correction keeps the previous value', async () => {
    const { incident, channelId } = await declare(t, 'Milestones --sev SEV1');
    const kinds = ['triggered', 'started', 'detected', 'acknowledged', 'identified', 'mitigated', 'resolved'];
    for (const [i, kind] of kinds.entries())
      await run(channelId, `mark ${kind} -${(kinds.length - i) * 10}m step ${i}`);
    await run(channelId, 'mark started -65m corrected after reading the graphs');
    const current = await db().milestone.findMany({ where: { incidentId: incident.id, supersededAt: null } });
    expect(current.map((m) => m.kind).sort()).toEqual([...kinds, 'declared'].sort());
    const started = await db().milestone.findMany({
      where: { incidentId: incident.id, kind: 'started' },
      orderBy: { id: 'asc' },
    });
    expect(started).toHaveLength(2);
    expect(started[0]!.supersededAt).not.toBeNull();
    expect(Math.abs(started[1]!.occurredAt.getTime() - (Date.now() - 65 * 60_000))).toBeLessThan(15_000);
    const entry = await db().timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, text: { contains: 'corrected' } },
    });
    // The corrected time is data, written by each surface: UTC in Markdown, a Slack date in Slack.
    expect(entry.text).toBe('Milestone started (corrected): corrected after reading the graphs');
    expect(timelineMarkdown([entry])).toContain(
      `Milestone started (was ${utcTime(started[0]!.occurredAt)}): corrected after reading the graphs`,
    );
    expect(slackEntryText(entry)).toMatch(/^Milestone started \(was <!date\^\d+\^[^>]+>\): corrected/);
    const refused = await t.driver.command('mark fixed', { channel: channelId });
    expect(String(refused.ack.json?.text)).toContain('Give a milestone');
  });

  it('shows the timeline privately, grouped by day in the reader zone, paginated within Slack limits', async () => {
    const { incident, channelId, channel } = await declare(t, 'Long one --sev SEV3');
    const start = Date.now() - 2 * 86_400_000;
    await db().timelineEntry.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        incidentId: incident.id,
        seq: 100 + i,
        kind: 'note',
        text: `event ${i} ${'x'.repeat(150)}`,
        actorId: 'U0BOB0001',
        occurredAt: new Date(start + i * 5 * 60_000),
        recordedAt: new Date(start + i * 5 * 60_000),
      })),
    });
    channel.members.add('U0ALICE01');
    // Too long for one message: the latest entries, in one, with where the rest is.
    const before = t.slack.ephemerals.length;
    await t.driver.command('timeline', { channel: channelId });
    await waitFor(() => t.slack.ephemerals.length > before, 'the latest page');
    await new Promise((r) => setTimeout(r, 300));
    const short = t.slack.ephemerals.slice(before);
    expect(short).toHaveLength(1);
    const latest = JSON.stringify(short[0]!.blocks);
    expect(latest).toMatch(/The latest \d+ of 501 entries/);
    expect(latest).toContain('event 499');
    expect(latest).toContain('(Europe/Berlin)');
    expect(latest).toContain(`/incidents/${incident.number}#timeline|on the web>`);
    // --all: the whole of it as one direct message with the Markdown file, and nothing more here.
    const { replies } = await t.driver.command('timeline --all', { channel: channelId });
    await waitFor(() => replies().length > 0, 'the answer');
    const dm = await waitFor(() => t.slack.channels.get('D0ALICE01')?.messages.at(-1), 'the direct message');
    const file = t.slack.files.get(dm.files![0]!.id)!;
    for (const i of [0, 250, 499]) expect(file.content).toContain(`event ${i} `);
    expect(t.slack.ephemerals.length - before).toBe(1);
  });

  it('records impact windows per service and environment, with corrections kept', async () => {
    const { incident, channelId } = await declare(t, 'Impact windows --sev SEV1 --services api');
    await run(channelId, 'impact api start -50m');
    await run(channelId, 'impact api start -40m --env preview --degraded');
    await run(channelId, 'impact web start -45m --degraded');
    await run(channelId, 'impact api end -20m');
    await run(channelId, 'impact api end -10m --env preview');
    await run(channelId, 'impact api end -15m');
    const refused = await t.driver.command('impact db end', { channel: channelId });
    expect(String((await waitFor(() => refused.replies()[0], 'refusal')).text)).toContain(
      'No impact recorded on db (production) yet',
    );
    const backwards = await t.driver.command('impact web end -50m', { channel: channelId });
    expect(String((await waitFor(() => backwards.replies()[0], 'refusal')).text)).toContain(
      'The end is before the start',
    );

    const windows = await db().impactWindow.findMany({
      where: { incidentId: incident.id, supersededAt: null },
      orderBy: [{ service: 'asc' }, { environment: 'asc' }],
    });
    const ago = (w: Date | null) => (w ? Math.round((Date.now() - w.getTime()) / 60_000) : null);
    expect(windows.map((w) => [w.service, w.environment, w.degraded, ago(w.startedAt), ago(w.endedAt)])).toEqual([
      ['api', 'preview', true, 40, 10],
      ['api', 'production', false, 50, 15],
      ['web', 'production', true, 45, null],
    ]);
    expect(await db().impactWindow.count({ where: { incidentId: incident.id, supersededAt: { not: null } } })).toBe(3);
    const impacts = await db().timelineEntry.findMany({ where: { incidentId: incident.id, kind: 'impact' } });
    const corrected = impacts.find(
      (e) => e.text === 'Impact on api (production) ended' && entryText(e, utcTime) !== e.text,
    );
    expect(corrected).toBeDefined();
    expect(entryText(corrected!, utcTime)).toMatch(
      /^Impact on api \(production\) ended: corrected from \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
    );
    expect(impacts.every((e) => !/\d{2}:\d{2}/.test(e.text))).toBe(true);
    const malformed = await t.driver.command('impact api stop', { channel: channelId });
    expect(String(malformed.ack.json?.text)).toContain('Say `start` or `end`');
  });

  it('corrects the time or text of an entry, keeping the previous version', async () => {
    const { incident, channelId } = await declare(t, 'Edits --sev SEV3');
    await run(channelId, 'note -30m rollback startd');
    const note = await db().timelineEntry.findFirstOrThrow({ where: { incidentId: incident.id, kind: 'note' } });
    await run(channelId, `note edit ${note.seq} rollback started`);
    await run(channelId, `note edit ${note.seq} -35m`);
    const edited = await db().timelineEntry.findUniqueOrThrow({
      where: { id: note.id },
      include: { edits: { orderBy: { id: 'asc' } } },
    });
    expect(edited.text).toBe('rollback started');
    expect(Math.round((Date.now() - edited.occurredAt.getTime()) / 60_000)).toBe(35);
    expect(edited.edits.map((e) => e.previousText)).toEqual(['rollback startd', 'rollback started']);
    expect(edited.edits[0]!.previousOccurredAt.getTime()).toBe(note.occurredAt.getTime());
    const system = await t.driver.command('note edit 1 -2h', { channel: channelId });
    expect(String((await waitFor(() => system.replies()[0], 'refusal')).text)).toContain(
      'recorded by the bot (declared)',
    );
    const missing = await t.driver.command('note edit 999 typo', { channel: channelId });
    expect(String((await waitFor(() => missing.replies()[0], 'refusal')).text)).toContain('no entry #999');
  });

  it('refuses timeline outside an incident channel', async () => {
    const sent = await t.driver.command('timeline', { channel: 'C0GENERAL' });
    const reply = await waitFor(() => sent.replies()[0], 'the answer');
    expect(String(reply.text)).toContain("isn't an incident channel");
  });
});
