import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { startTestBot, type TestBot } from '../support/test-bot.ts';

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
});
