// Long but legal input, through the fake Slack that refuses what Slack refuses (tests/fakes/
// slack-limits.ts): 120 services, 60 action items of 1,000 characters, a 200-entry timeline,
// 60 open incidents, and emoji wherever a cut could fall. Nothing may be refused or cut mid-item,
// and each shortened list says exactly how many more there are and links to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, runIn, settle, startTestBot, type TestBot, waitFor } from '../support/test-bot.ts';
import { LONE_SURROGATE } from '../fakes/slack-limits.ts';

const FAMILY = '👩‍👩‍👧‍👦'; // one grapheme, eleven UTF-16 units
const SERVICES = Array.from({ length: 120 }, (_, i) => ({
  id: `service-${i + 1}`,
  // Names of 80-odd characters with a family where the 75-character cut of a menu option falls.
  name: `Service ${i + 1} ${'x'.repeat(60 - String(i + 1).length)}${FAMILY}${FAMILY} tail`,
}));
const FILE = {
  announcements_channel: 'incidents',
  services: SERVICES,
  severities: [
    { id: 'SEV1', description: `Critical ${'y'.repeat(62)}${FAMILY} and more words after the cut`, page: false },
    { id: 'SEV2', description: 'Major' },
  ],
};
// What Slack answers to what is over its limits (an `already_in_channel` is not one of them).
const LIMIT_ERRORS = new Set([
  'invalid_blocks',
  'msg_too_long',
  'msg_blocks_too_long',
  'too_long',
  'invalid_arguments',
]);
const ALL_SERVICES = SERVICES.map((s) => s.id).join(',');
// Whole families only: take every family out, and no part of one may be left.
const halfFamily = (text: string) => /[\u{1F466}\u{1F467}\u{1F469}\u200d]/u.test(text.split(FAMILY).join(''));
// Hundreds of commands in one test: twice vitest's 60 s default, for a loaded machine.
const HEAVY_TEST_MS = 180_000;

describe(`Slack's limits with long but legal input (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ file: FILE });
  });
  afterAll(() => t?.stop());

  // Nothing the bot sent was refused by Slack, and no side effect gave up.
  async function nothingRefused() {
    await settle(t, 60_000);
    const refused = t.slack.calls
      .filter((c) => !c.ok && LIMIT_ERRORS.has(c.error!))
      .map((c) => `${c.method}: ${c.error}`);
    expect(refused).toEqual([]);
    expect(
      await t.bot.ctx.db.job.findMany({ where: { status: 'failed' }, select: { kind: true, lastError: true } }),
    ).toEqual([]);
  }

  it('keeps the header current with 120 services, saying how many more and linking to them', async () => {
    // A title of 150 characters (the limit) with Slack's escaping, a mention and a family at the
    // header's 150-character cut.
    const start = 'Checkout &amp; partners &lt;3 <@U0BOB0001|bob> down ';
    const title = `${start}${'z'.repeat(150 - start.length - 2 * FAMILY.length - 2)}${FAMILY}${FAMILY}!!`;
    expect(title.length).toBe(150);
    const { incident, channel } = await declare(t, `${title} --sev SEV1 --services service-1,service-2`);
    expect(channel.name).toMatch(/^inc-\d{8}-checkout-partners-3-down-z+$/);

    const answer = await runIn(t, channel.id, `services add ${ALL_SERVICES}`);
    expect(answer).not.toMatch(/sorry|refused/i);
    await nothingRefused();
    const record = await t.bot.ctx.db.incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(record.services).toHaveLength(120);

    const header = channel.messages.find((m) => channel.pins.has(m.ts))!;
    expect(header.edited).toBeDefined();
    const blocks = header.blocks as { type: string; text?: { text: string }; fields?: { text: string }[] }[];
    const headerTitle = blocks.find((b) => b.type === 'header')!.text!.text;
    expect(headerTitle.length).toBeLessThanOrEqual(150);
    expect(halfFamily(headerTitle)).toBe(false);
    const services = blocks.flatMap((b) => b.fields ?? []).find((f) => f.text.startsWith('*Services*'))!.text;
    const shown = services.replace('*Services*\n', '').split(', ');
    const more = /^and (\d+) more \(<(http[^|]+)\|on the web>\)$/.exec(shown.pop()!);
    expect(more).not.toBeNull();
    expect(shown).toEqual(SERVICES.slice(0, shown.length).map((s) => s.id));
    expect(shown.length + Number(more![1])).toBe(120);
    expect(more![2]).toMatch(new RegExp(`/incidents/${incident.number}$`));
    expect(JSON.stringify(channel.messages)).not.toMatch(LONE_SURROGATE);
  });

  it('tells the room once when Slack refuses a header update, and keeps the record', async () => {
    const { incident, channel } = await declare(t, 'Header refused --services service-3');
    const told = () => channel.messages.filter((m) => m.text.includes('Slack refused to update the pinned header'));
    for (const name of ['service-4', 'service-5']) {
      t.slack.faults.arm({ kind: 'refuse', error: 'msg_blocks_too_long' }, 1, 'chat.update');
      await runIn(t, channel.id, `services add ${name}`);
    }
    expect(told()).toHaveLength(1);
    expect(told()[0]!.text).toContain('`msg_blocks_too_long`');
    expect(told()[0]!.text).toContain(`/incidents/${incident.number}|INC-${incident.number}>`);
    // The next change, accepted, brings the header up to date.
    await runIn(t, channel.id, 'services add service-6');
    const header = channel.messages.find((m) => channel.pins.has(m.ts))!;
    expect(JSON.stringify(header.blocks)).toContain('service-3, service-4, service-5, service-6');
    expect(told()).toHaveLength(1);
    t.slack.faults.clear();
  });

  it(
    'answers `actions` with 60 items of 1,000 characters whole, and how many more are on the web',
    async () => {
      const { incident, channel } = await declare(t, 'Many action items');
      for (let i = 1; i <= 60; i++) {
        const text = `item ${i} ${'a & b '.repeat(170)}`.slice(0, 1_000 - 2 * FAMILY.length) + FAMILY + FAMILY;
        expect(text.length).toBe(1_000);
        const { ack } = await t.driver.command(`action ${text}`, { channel: channel.id });
        expect(ack.status).toBe(200);
      }
      await settle(t, 60_000);
      expect(await t.bot.ctx.db.actionItem.count({ where: { incidentId: incident.id } })).toBe(60);
      const { ack } = await t.driver.command('actions', { channel: channel.id });
      const text = String(ack.json?.text);
      expect(text.length).toBeLessThanOrEqual(40_000);
      const lines = text.split('\n').filter((l) => /^\*#\d+\*/.test(l));
      // Every item shown is shown whole: its 1,000 characters escaped, both families at its end.
      for (const line of lines) expect(line).toContain(`${FAMILY}${FAMILY} · `);
      expect(lines.map((l) => Number(/^\*#(\d+)\*/.exec(l)![1]))).toEqual(lines.map((_, i) => i + 1));
      const more = /…and (\d+) more: <([^|]+)\|every action item on the web>/.exec(text);
      expect(more).not.toBeNull();
      expect(lines.length + Number(more![1])).toBe(60);
      expect(more![2]).toMatch(new RegExp(`/incidents/${incident.number}#action-items$`));
    },
    HEAVY_TEST_MS,
  );

  it(
    'shows a 200-entry timeline as one message, and --all as one direct message with the Markdown file',
    async () => {
      const { incident, channel } = await declare(t, 'Long timeline');
      for (let i = 1; i <= 200; i++) {
        // Notes of 2,000 characters with escaped characters and families around the 1,500 cut.
        const text = `note ${i} ${'<&> '.repeat(370)}${FAMILY.repeat(45)}`.slice(0, 2_000);
        await t.driver.command(`note ${text}`, { channel: channel.id });
      }
      // 200 notes' side effects take a few seconds on an idle machine; 60 s leaves a loaded one room.
      await settle(t, 60_000);
      expect(await t.bot.ctx.db.timelineEntry.count({ where: { incidentId: incident.id } })).toBe(201);

      const before = t.slack.ephemerals.length;
      await t.driver.command('timeline', { channel: channel.id });
      const shown = await waitFor(() => t.slack.ephemerals.slice(before).at(0), 'the timeline');
      await settle(t);
      expect(t.slack.ephemerals.length - before).toBe(1);
      const latest = JSON.stringify(shown.blocks);
      expect(latest).toContain('*#201*');
      expect(latest).toMatch(/The latest \d+ of 201 entries/);
      expect(latest).toContain(`/incidents/${incident.number}#timeline|on the web>`);
      expect(latest).not.toMatch(LONE_SURROGATE);
      for (const block of shown.blocks as { type: string; text?: { text: string } }[])
        if (block.type === 'section') expect(halfFamily(block.text!.text)).toBe(false);

      const { replies } = await t.driver.command('timeline --all', { channel: channel.id });
      const pointer = await waitFor(() => replies().at(0), 'the answer to --all');
      expect(String(pointer.text)).toContain('as a Markdown file in a direct message');
      const dm = t.slack.channels.get('D0ALICE01')!;
      expect(dm.messages).toHaveLength(1);
      expect(dm.messages[0]!.text).toContain(`(201 entries)`);
      expect(dm.messages[0]!.text).toContain(`/incidents/${incident.number}#timeline`);
      const file = t.slack.files.get(dm.messages[0]!.files![0]!.id)!;
      expect(file.name).toBe(`INC-${incident.number}-timeline.md`);
      // The file holds every note whole.
      for (const i of [1, 100, 200]) expect(file.content).toContain(`note ${i} `);
      expect(file.content!.split('\n').filter((l) => l.startsWith('| ')).length).toBe(202);
      expect(t.slack.ephemerals.length - before).toBe(1);
      await nothingRefused();
    },
    HEAVY_TEST_MS,
  );

  it('catches up someone joining an incident full of long notes within one message', async () => {
    const { channel } = await declare(t, 'Catch me up');
    for (let i = 0; i < 6; i++) await t.driver.command(`note ${`${FAMILY}&`.repeat(250)}`, { channel: channel.id });
    await settle(t);
    channel.members.add('U0CAROL01');
    await t.driver.event({ type: 'member_joined_channel', user: 'U0CAROL01', channel: channel.id, channel_type: 'C' });
    const catchUp = await waitFor(
      () => t.slack.ephemerals.find((e) => e.user === 'U0CAROL01' && e.channel === channel.id),
      'the catch-up',
    );
    expect(catchUp.text.length).toBeLessThanOrEqual(40_000);
    expect(catchUp.text).toContain('Catching you up');
    await nothingRefused();
  });

  it(
    'lists 60 open incidents in one answer, and help names 120 services',
    async () => {
      const open = await t.bot.ctx.db.incident.count({ where: { status: { notIn: ['resolved', 'cancelled'] } } });
      for (let i = open; i < 60; i++) {
        const prefix = `Open ${i} `;
        const title = `${prefix}${'w'.repeat(150 - prefix.length - FAMILY.length)}${FAMILY}`;
        await t.driver.command(`declare ${title}`);
      }
      await settle(t, 90_000);
      const { ack } = await t.driver.command('list');
      const text = String(ack.json?.text);
      expect(text).toContain('*Open incidents* (60)');
      expect(text.split('\n').filter((l) => l.startsWith('• '))).toHaveLength(60);
      expect(text.length).toBeLessThanOrEqual(40_000);
      expect(halfFamily(text)).toBe(false);

      const help = await t.driver.command('help');
      const names = /Services: ([^\n]*)\./.exec(String(help.ack.json?.text))![1]!.split(', ');
      expect(names).toEqual(SERVICES.map((s) => s.id));
      await nothingRefused();
    },
    HEAVY_TEST_MS,
  );

  it("serves the declare form's service picker from the bot: `service-11` finds service-110", async () => {
    const { ack } = await t.driver.command('');
    expect(ack.status).toBe(200);
    const opened = await waitFor(() => t.slack.views.at(-1), 'the declare form');
    const blocks = opened.view.blocks as { block_id?: string; element?: Record<string, unknown> }[];
    const picker = blocks.find((b) => b.block_id === 'services')!.element!;
    expect(picker.type).toBe('multi_external_select');
    expect(JSON.stringify(opened.view)).not.toMatch(LONE_SURROGATE);

    const typed = await t.driver.blockSuggestion({ blockId: 'services', actionId: 'value', value: 'service-11' });
    const options = typed.json?.options as { value: string; text: { text: string } }[];
    expect(options.map((o) => o.value)).toEqual([
      'service-11',
      ...Array.from({ length: 10 }, (_, i) => `service-11${i}`),
    ]);
    for (const option of options) {
      expect(option.text.text.length).toBeLessThanOrEqual(75);
      expect(halfFamily(option.text.text)).toBe(false);
    }
    const byName = await t.driver.blockSuggestion({ blockId: 'services', actionId: 'value', value: 'SERVICE 12' });
    expect((byName.json!.options as { value: string }[]).map((o) => o.value)).toContain('service-120');
    const empty = await t.driver.blockSuggestion({ blockId: 'services', actionId: 'value', value: '' });
    expect(empty.json?.options).toHaveLength(100);

    // The form declares with a service only the picker offered.
    const response = await t.driver.viewSubmission({
      callback_id: 'declare_incident',
      private_metadata: opened.view.private_metadata,
      state: {
        values: {
          title: { value: { type: 'plain_text_input', value: 'Picked from the search' } },
          services: { value: { type: 'multi_external_select', selected_options: [{ value: 'service-110' }] } },
        },
      },
    });
    expect(response.status).toBe(200);
    const incident = await waitFor(
      () => t.bot.ctx.db.incident.findFirst({ where: { title: 'Picked from the search' } }),
      'the incident',
    );
    expect(incident.services).toEqual(['service-110']);
    await nothingRefused();
  });
});
