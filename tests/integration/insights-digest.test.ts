// The insights digest (config `insights: { digest_channel, every }`): on its durable timer, one
// message with the summary and the weekly chart as a PNG, once per period however many replicas
// started; private incidents counted, never named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduleDigest } from '../../src/app/insights-digest.ts';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { advanceClock, declare, runIn, startTestBot, TEST_CONFIG_FILE, type TestBot } from '../support/test-bot.ts';
import { webSession } from '../support/web-session.ts';

const DAY = 86_400_000;

describe(`the insights digest (${backend})`, () => {
  const clock = new ManualClock();
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      clock,
      file: { ...TEST_CONFIG_FILE, insights: { digest_channel: 'incidents', every: '7d' } },
      env: { API_TOKENS: 'read-token' },
    });
  });
  afterAll(() => t?.stop());

  const digests = () =>
    t.slack.channels.get('C0INCIDNT')!.messages.filter((m) => m.text.startsWith('*Incident digest: the last 7 days*'));

  it('posts the summary and the chart once a week, never twice', async () => {
    const { channelId } = await declare(t, 'Checkout errors --sev SEV1 --services api');
    await runIn(t, channelId, 'status resolved Fixed.');
    const secret = await declare(t, 'Payroll leak --sev SEV2 --services web --private');
    await runIn(t, secret.channelId, 'status resolved Fixed.');
    // A replica starting again schedules nothing more while the timer is pending.
    await scheduleDigest(t.bot.ctx.db, clock, t.bot.ctx.config.file.insights);
    await scheduleDigest(t.bot.ctx.db, clock, t.bot.ctx.config.file.insights);
    expect(await t.bot.ctx.db.job.count({ where: { kind: 'insights.digest', status: 'pending' } })).toBe(1);

    await advanceClock(t, clock, 7 * DAY - 60_000);
    expect(digests()).toHaveLength(0);
    await advanceClock(t, clock, 2 * 60_000);
    expect(digests()).toHaveLength(1);
    const [digest] = digests();
    expect(digest!.text).toContain('2 incidents (SEV1 1, SEV2 1)');
    expect(digest!.text).not.toContain('Payroll');
    const files = [...t.slack.files.values()].filter((f) => f.channels.includes('C0INCIDNT'));
    expect(files.map((f) => f.title)).toEqual(['Incidents a week by severity (last 12 weeks)']);
    // A PNG: its signature.
    expect(files[0]!.bytes!.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));

    await advanceClock(t, clock, DAY);
    expect(digests()).toHaveLength(1);
    await advanceClock(t, clock, 6 * DAY + 60_000);
    expect(digests()).toHaveLength(2);
    expect(digests()[1]!.text).toContain('0 incidents;');
  });

  it('says how to report deploys instead of showing zeros while none was ever reported', async () => {
    const cookie = await webSession(t);
    const page = await fetch(`${t.bot.url}/insights`, { headers: { cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('No deploys have been reported yet, so there is nothing to measure.');
    expect(html).toContain('<code>POST /api/v1/deploys</code>');
    expect(html).not.toContain('Change failure rate');
    const api = await fetch(`${t.bot.url}/api/v1/insights`, { headers: { authorization: 'Bearer read-token' } });
    expect(((await api.json()) as { dora: unknown }).dora).toMatchObject({ changes_reported: false, services: [] });
  });
});
