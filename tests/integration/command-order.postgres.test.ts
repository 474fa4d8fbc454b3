// Two bot processes on one PostgreSQL database behind a load balancer: commands typed one after
// another, each delivered to the other replica, still take effect in the typed order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/database.ts';
import { SlackDriver } from '../fakes/driver.ts';
import type { FakeSlack } from '../fakes/slack.ts';
import { waitFor } from '../fakes/wait-for.ts';
import { backend } from '../support/backend.ts';
import type { BotProcess } from '../support/bot-process.ts';
import { type Replicas, startReplicas } from '../support/replicas.ts';
import { recordOf, roomPosts, SCRIPT } from '../support/command-script.ts';
import { SIGNING_SECRET } from '../support/test-bot.ts';

// Runs in the postgres project only (vitest.config.ts): PGlite is one process's database.
describe(`command order across two bot processes (${backend})`, () => {
  let replicas: Replicas;
  let slack: FakeSlack;
  let bots: BotProcess[];
  let database: Database;

  beforeEach(async () => {
    replicas = await startReplicas();
    ({ slack, bots } = replicas);
    database = replicas.database!;
  });
  afterEach(() => replicas?.stop());

  const drivers = () => bots.map((b) => new SlackDriver(`${b.url}/slack/events`, SIGNING_SECRET, slack));
  const drained = () => Promise.all(bots.map((b) => b.drained()));

  async function declareOn(driver: SlackDriver, number: number) {
    await driver.command('declare Checkout errors --sev SEV3 --services api');
    const incident = await waitFor(
      () => database.prisma.incident.findFirst({ where: { number, channelId: { not: null } } }),
      'the incident room',
      20_000,
    );
    await drained();
    return { id: incident.id, channelId: incident.channelId! };
  }

  it('alternating replicas give the record of the same commands typed slowly', async () => {
    const [a, b] = drivers() as [SlackDriver, SlackDriver];
    const slow = await declareOn(a, 1);
    for (const [i, text] of SCRIPT.entries()) {
      await (i % 2 ? b : a).command(text, { channel: slow.channelId });
      await drained();
    }
    const fast = await declareOn(b, 2);
    for (const [i, text] of SCRIPT.entries()) {
      const { ack } = await (i % 2 ? b : a).command(text, { channel: fast.channelId });
      expect(ack.status).toBe(200);
    }
    await drained();

    const expected = await recordOf(database.prisma, slow.id);
    expect(expected.windows.every((w) => w.endsWith('closed'))).toBe(true);
    expect(expected.statuses.at(-2)).toBe('monitoring -> resolved');
    expect(await recordOf(database.prisma, fast.id)).toEqual(expected);
    expect(roomPosts(slack, fast.channelId)).toEqual(roomPosts(slack, slow.channelId));
  });
});
