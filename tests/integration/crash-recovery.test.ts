// The bot in its own OS process, killed with SIGKILL at the worst moments, then restarted on the
// same database: Slack must end up with exactly one channel, one header and one announcement.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.ts';
import { SlackDriver } from '../fakes/driver.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { waitFor } from '../fakes/wait-for.ts';
import { seedWorkspace } from '../fakes/workspace.ts';
import { backend, createTestDatabase, type TestDatabaseLocation } from '../support/backend.ts';
import { BotProcess, freePort } from '../support/bot-process.ts';
import { SIGNING_SECRET } from '../support/test-bot.ts';

describe(`crash recovery with SIGKILL (${backend})`, () => {
  let slack: FakeSlack;
  let location: TestDatabaseLocation;
  let bot: BotProcess;

  beforeEach(async () => {
    slack = await new FakeSlack().start();
    seedWorkspace(slack);
    location = await createTestDatabase();
    bot = new BotProcess(slack, location, await freePort());
    await bot.start();
  });
  afterEach(async () => {
    await bot.stop();
    await slack.stop();
    await location.drop();
  });

  const driver = () => new SlackDriver(`${bot.url}/slack/events`, SIGNING_SECRET, slack);
  const roomMessages = (name: string) => [...slack.channels.values()].filter((c) => c.name.includes(name));
  const isHeader = (args: Record<string, unknown>) =>
    String(args.text ?? '').includes('INC-') && String(args.blocks ?? '').includes('"header"');

  async function expectExactlyOneRoom(slug: string, title: string) {
    const channels = await waitFor(
      () => {
        const found = roomMessages(slug);
        const channel = found[0];
        const announced = slack.channelByName('incidents')!.messages.some((m) => m.text.includes(title));
        return channel && channel.pins.size === 1 && announced ? found : null;
      },
      'the room after restart',
      40_000,
    );
    // Every retry has run before counting.
    await bot.drained();
    expect(channels).toHaveLength(1);
    expect(slack.callsTo('conversations.create').filter((c) => String(c.args.name).includes(slug))).toHaveLength(1);
    const channel = channels[0]!;
    expect(channel.messages.filter((m) => m.blocks && JSON.stringify(m.blocks).includes('"header"'))).toHaveLength(1);
    expect(slack.channelByName('incidents')!.messages.filter((m) => m.text.includes(title))).toHaveLength(1);
  }

  it('(a) killed after the commit, before any Slack call: the room is opened once after restart', async () => {
    slack.faults.arm({ kind: 'hang' }, 1, 'conversations.create');
    const killed = new Promise<void>((resolve) =>
      slack.events.once(
        'received',
        (method: string) => method === 'conversations.create' && void bot.kill().then(resolve),
      ),
    );
    const { ack } = await driver().command('declare Killed before Slack --sev SEV2 --services api');
    expect(ack.status).toBe(200);
    await killed;
    expect(roomMessages('killed-before-slack')).toHaveLength(0);
    await bot.start();
    await expectExactlyOneRoom('killed-before-slack', 'Killed before Slack');
  });

  it('(c) killed the moment Slack got the acknowledgement: the accepted command is carried out after restart', async () => {
    // Nothing may reach Slack before the kill, so the room cannot have been started already.
    slack.faults.arm({ kind: 'hang' }, 5, 'conversations.create');
    const { ack } = await driver().command('declare Killed after ack --sev SEV3');
    await bot.kill();
    expect(ack.status).toBe(200);
    slack.faults.clear();
    await bot.start();
    await expectExactlyOneRoom('killed-after-ack', 'Killed after ack');
  });

  for (const step of ['conversations.create', 'header', 'announcement'] as const) {
    it(`(b) killed after Slack performed ${step} and the answer was lost: adopted, not duplicated`, async () => {
      const method = step === 'conversations.create' ? 'conversations.create' : 'chat.postMessage';
      const matches = (m: string, args: Record<string, unknown>) =>
        m === method &&
        (step === 'conversations.create' || (step === 'header' ? isHeader(args) : args.channel === 'C0INCIDNT'));
      // Slack performs exactly this call, the connection is cut before the answer, and the bot dies.
      slack.faults.arm({ kind: 'drop_response' }, 1, method, (args) => matches(method, args));
      const killed = new Promise<void>((resolve) => {
        const onPerformed = (m: string, args: Record<string, unknown>) => {
          if (!matches(m, args)) return;
          slack.events.off('performed', onPerformed);
          void bot.kill().then(resolve);
        };
        slack.events.on('performed', onPerformed);
      });
      const title = `Lost ${step} answer`;
      await driver().command(`declare ${title} --sev SEV2 --services api`);
      await killed;
      await bot.start();
      await expectExactlyOneRoom(`lost-${step.replace('.', '-')}-answer`, title);
    });
  }
  it('(e) killed between acknowledgement and execution: the commands keep the times they were typed', async () => {
    await driver().command('declare Typed times --sev SEV3 --services api');
    const room = await waitFor(() => roomMessages('typed-times').find((c) => c.pins.size > 0), 'the room', 20_000);
    await bot.drained();
    // Someone the bot never looked up, and Slack hanging on the lookup of their time zone: the timed
    // note cannot run yet, and the note after it waits its turn.
    slack.addUser({ id: 'U0DAVE001', name: 'dave', email: 'dave@example.com', tz: 'Europe/Paris' });
    slack.faults.arm({ kind: 'hang' }, 10, 'users.info');
    const d = driver();
    // Each command was acknowledged between these readings of the clock the bot shares: no margin
    // but the request timestamp's whole seconds.
    const firstSent = Date.now();
    await d.command('note -1m the alert fired', { channel: room.id, user: 'U0DAVE001' });
    const firstAcknowledged = Date.now();
    await d.command('note typed right before the crash', { channel: room.id, user: 'U0DAVE001' });
    const secondAcknowledged = Date.now();
    await bot.kill();
    slack.faults.clear();
    // The restart comes later than the typing by this wait plus a start: a bot that took the
    // restart's time would fall outside the windows below.
    await new Promise((r) => setTimeout(r, 1_000));
    await bot.start();
    await bot.drained();
    await bot.stop();

    const database = await openDatabase({ databaseUrl: location.databaseUrl, dataDir: location.dataDir });
    try {
      const notes = await database.prisma.timelineEntry.findMany({ where: { kind: 'note' }, orderBy: { seq: 'asc' } });
      expect(notes.map((n) => n.text)).toEqual(['the alert fired', 'typed right before the crash']);
      const [first, second] = notes.map((n) => n.occurredAt.getTime()) as [number, number];
      const wholeSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
      expect(first).toBeGreaterThanOrEqual(wholeSecond(firstSent) - 60_000);
      expect(first).toBeLessThanOrEqual(firstAcknowledged - 60_000);
      expect(second).toBeGreaterThanOrEqual(wholeSecond(firstAcknowledged));
      expect(second).toBeLessThanOrEqual(secondAcknowledged);
    } finally {
      await database.close();
    }
  });
});
