import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, settle, startTestBot, type TestBot } from '../support/test-bot.ts';

describe(`Slack request verification (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t?.stop());

  const now = () => Math.floor(Date.now() / 1000);

  it('refuses a bad signature, a stale timestamp and a future timestamp, recording nothing', async () => {
    const jobs = await t.bot.ctx.db.job.count();
    const forged = await t.driver.command('declare Forged --sev SEV1', { secret: 'not-the-secret' });
    const stale = await t.driver.command('declare Replayed --sev SEV1', { timestamp: now() - 301 });
    // 30 s past Slack's 5-minute window: the bot reads its clock later than this test did, by as
    // much as a loaded machine takes to deliver the request (the stale one only grows staler).
    const future = await t.driver.command('declare From the future --sev SEV1', { timestamp: now() + 330 });
    expect([forged.ack.status, stale.ack.status, future.ack.status]).toEqual([401, 401, 401]);
    expect(await t.bot.ctx.db.job.count()).toBe(jobs);
    expect(await t.bot.ctx.db.incident.count()).toBe(0);
  });

  it('accepts a correctly signed request within the allowed skew', async () => {
    const ok = await t.driver.command('help', { timestamp: now() - 60 });
    expect(ok.ack.status).toBe(200);
  });

  it('refuses requests from another workspace', async () => {
    const { ack } = await t.driver.command('declare Elsewhere', { team: 'T0OTHER99' });
    expect(ack.status).toBe(200);
    expect(String(ack.json?.text)).toContain('another workspace');
    expect(await t.bot.ctx.db.incident.count()).toBe(0);
  });

  it('answers health checks with database reachability', async () => {
    const response = await fetch(`${t.bot.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, database: 'reachable', jobs: { due: 0, failed: 0 } });
    expect((await fetch(`${t.bot.url}/nope`)).status).toBe(404);
  });

  it('carries out a signed command once when the same request is sent again within the window', async () => {
    const { channelId, incident } = await declare(t, 'Replay target');
    const body = new URLSearchParams({
      team_id: t.driver.teamId,
      channel_id: channelId,
      user_id: 'U0ALICE01',
      command: '/incident',
      text: 'note replayed once',
      response_url: t.slack.responseUrl('replay'),
      trigger_id: 'trigger-replay',
    }).toString();
    const timestamp = now();
    const answers = [];
    // The same bytes, signature and timestamp, three times: as an eavesdropper would resend them.
    for (let i = 0; i < 3; i++)
      answers.push(await t.driver.post(body, 'application/x-www-form-urlencoded', { timestamp }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    await settle(t);
    const notes = await t.bot.ctx.db.timelineEntry.count({
      where: { incidentId: incident.id, kind: 'note', text: 'replayed once' },
    });
    expect(notes).toBe(1);
    // A new request (a new timestamp, so a new signature) with the same words is a new command.
    await t.driver.post(body, 'application/x-www-form-urlencoded', { timestamp: timestamp + 1 });
    await settle(t);
    expect(
      await t.bot.ctx.db.timelineEntry.count({
        where: { incidentId: incident.id, kind: 'note', text: 'replayed once' },
      }),
    ).toBe(2);
  });
});
