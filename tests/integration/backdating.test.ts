import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

// Alice's Slack profile says Europe/Berlin (tests/fakes/workspace.ts).
function berlinClock(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(date);
}

describe(`--at: events recorded at their real time (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t?.stop());

  it("reads a clock time in the user's Slack time zone and keeps both times", async () => {
    const { incident, channelId } = await declare(t, 'Backdated --sev SEV2');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    const expected = Math.floor(twoHoursAgo.getTime() / 60_000) * 60_000;
    await t.driver.command(`status identified --at ${berlinClock(twoHoursAgo)} config push at 14:21`, {
      channel: channelId,
    });
    await settle(t);
    const change = await t.bot.ctx.db.statusChange.findFirstOrThrow({
      where: { incidentId: incident.id, toStatus: 'identified' },
    });
    expect(change.occurredAt.getTime()).toBe(expected);
    expect(change.recordedAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(change.message).toBe('config push at 14:21');
    const milestone = await t.bot.ctx.db.milestone.findFirstOrThrow({
      where: { incidentId: incident.id, kind: 'identified' },
    });
    expect(milestone.occurredAt.getTime()).toBe(expected);
    const entry = await t.bot.ctx.db.timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: 'status' },
    });
    expect(entry.occurredAt.getTime()).toBe(expected);
    expect(t.slack.callsTo('users.info').some((c) => c.args.user === 'U0ALICE01')).toBe(true);
  });

  it('accepts relative and ISO times, and refuses a future one without recording it', async () => {
    const { incident, channelId } = await declare(t, 'Relative times --sev SEV3');
    await t.driver.command('update Customers report errors --at -15m', { channel: channelId });
    await settle(t);
    const update = await t.bot.ctx.db.timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: 'update' },
    });
    expect(Math.abs(update.occurredAt.getTime() - (Date.now() - 15 * 60_000))).toBeLessThan(10_000);
    const future = `${new Date(Date.now() + 3_600_000).toISOString().slice(0, 19)}Z`;
    const sent = await t.driver.command(`status monitoring --at ${future}`, { channel: channelId });
    const reply = await waitFor(() => sent.replies()[0], 'the refusal');
    expect(String(reply.text)).toContain('is in the future');
    expect(await t.bot.ctx.db.statusChange.count({ where: { incidentId: incident.id, toStatus: 'monitoring' } })).toBe(
      0,
    );
  });

  it('answers a malformed --at at once with usage, recording nothing', async () => {
    const jobs = await t.bot.ctx.db.job.count();
    const { ack } = await t.driver.command('status identified --at half past two', { channel: 'C0GENERAL' });
    expect(String(ack.json?.text)).toContain("can't read");
    expect(await t.bot.ctx.db.job.count()).toBe(jobs);
  });

  it('declares after the fact', async () => {
    const at = new Date(Date.now() - 40 * 60_000);
    const iso = `${at.toISOString().slice(0, 19)}Z`;
    const { incident } = await declare(t, `Found late --sev SEV2 --at ${iso}`);
    expect(incident.declaredAt.toISOString()).toBe(new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString());
  });
});
