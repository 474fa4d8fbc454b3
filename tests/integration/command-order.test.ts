// Commands about one incident take effect in the order Slack acknowledged them (SPEC.md
// "Reliability rules"), however fast they are typed and whatever fails in between.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { recordOf, roomPosts, SCRIPT } from '../support/command-script.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { declare, settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

describe(`commands take effect in the order they were acknowledged (${backend})`, () => {
  let t: TestBot;
  // Real time until a test moves it on: retries' backoffs come due without waiting for them.
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await startTestBot({ clock });
  });
  afterAll(() => t?.stop());

  it('30 commands sent back to back give the same record as the same commands sent slowly', async () => {
    const slow = await declare(t, 'Checkout errors --sev SEV3 --services api');
    for (const text of SCRIPT) {
      await t.driver.command(text, { channel: slow.channelId });
      await settle(t);
    }
    const fast = await declare(t, 'Checkout errors --sev SEV3 --services api');
    // Each one sent as soon as the previous one was acknowledged.
    for (const text of SCRIPT) {
      const { ack } = await t.driver.command(text, { channel: fast.channelId });
      expect(ack.status).toBe(200);
    }
    await settle(t, 60_000);

    const expected = await recordOf(t.bot.ctx.db, slow.incident.id);
    expect(expected.windows).toEqual([
      'api/production closed',
      'web/production closed',
      'api/production closed',
      'db/preview closed',
      'api/production closed',
    ]);
    expect(expected.statuses).toEqual([
      'null -> investigating',
      'investigating -> identified',
      'identified -> monitoring',
      'monitoring -> investigating',
      'investigating -> identified',
      'identified -> monitoring',
      'monitoring -> resolved',
      'resolved -> investigating',
    ]);
    expect(expected.inTypedOrder).toBe(true);
    expect(await recordOf(t.bot.ctx.db, fast.incident.id)).toEqual(expected);
    expect(roomPosts(t.slack, fast.channelId)).toEqual(roomPosts(t.slack, slow.channelId));
  });

  it('a command whose time zone lookup fails once is not overtaken by the next one', async () => {
    const { incident, channelId } = await declare(t, 'Lookup fails --sev SEV3 --services api');
    // Someone the bot has never looked up: their first timed command asks Slack for their zone.
    t.slack.addUser({ id: 'U0DAVE001', name: 'dave', email: 'dave@example.com', tz: 'Europe/Paris' });
    t.slack.faults.arm({ kind: 'server_error', status: 500 }, 1, 'users.info');
    await t.driver.command('impact api start -2m', { channel: channelId, user: 'U0DAVE001' });
    await t.driver.command('impact api end', { channel: channelId, user: 'U0DAVE001' });
    await t.driver.command('note after both', { channel: channelId, user: 'U0DAVE001' });
    await settle(t, 30_000);

    expect(t.slack.calls.filter((c) => c.method === 'users.info' && !c.ok)).not.toHaveLength(0);
    const windows = await t.bot.ctx.db.impactWindow.findMany({
      where: { incidentId: incident.id, supersededAt: null },
    });
    expect(windows.map((w) => ({ service: w.service, closed: w.endedAt !== null }))).toEqual([
      { service: 'api', closed: true },
    ]);
    const entries = await t.bot.ctx.db.timelineEntry.findMany({
      where: { incidentId: incident.id, kind: { in: ['impact', 'note'] } },
      orderBy: { seq: 'asc' },
    });
    expect(entries.map((e) => e.text)).toEqual([
      'Impact on api (production) started (down)',
      'Impact on api (production) ended',
      'after both',
    ]);
  });

  it('a command that keeps failing is refused after its attempts and stops holding up the incident', async () => {
    const { incident, channelId } = await declare(t, 'Slack keeps failing --sev SEV3 --services api');
    t.slack.addUser({ id: 'U0ERIN001', name: 'erin', email: 'erin@example.com', tz: 'Europe/Paris' });
    t.slack.faults.arm({ kind: 'server_error', status: 500 }, 100, 'users.info');
    const refused = await t.driver.command('note -5m needs a time zone', { channel: channelId, user: 'U0ERIN001' });
    await t.driver.command('note typed right after', { channel: channelId, user: 'U0ERIN001' });
    // Each attempt fails at once; the backoff between attempts (under half a minute in all) passes
    // on the test's clock, 5 s at a time.
    const answer = await waitFor(
      () => {
        const reply = refused.replies()[0];
        if (reply) return reply;
        clock.advance(5_000);
        t.bot.worker.kick();
        return null;
      },
      'the refusal',
      40_000,
    );
    t.slack.faults.clear();
    expect(String(answer.text)).toContain('could not carry out `/incident note`');
    expect(String(answer.text)).toContain('Nothing of it was recorded');
    await settle(t, 10_000);
    const notes = await t.bot.ctx.db.timelineEntry.findMany({ where: { incidentId: incident.id, kind: 'note' } });
    expect(notes.map((n) => n.text)).toEqual(['typed right after']);
  });
});
