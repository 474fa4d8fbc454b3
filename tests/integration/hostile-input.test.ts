// Whatever arrives, it is answered: text PostgreSQL would refuse (NUL, lone surrogates) is made
// storable, overlong text is refused with its limit, and raw requests that are not Slack's are
// answered 4xx with nothing of the bot's insides, the bot healthy after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, settle, startTestBot, type TestBot } from '../support/test-bot.ts';

const INTERNALS = /prisma|postgres|pglite|stack|at \w+ \(|node_modules|\.ts:\d+|ECONN|SQL/i;

describe(`hostile input (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t?.stop());

  it('acknowledges commands holding NUL and lone surrogates, and stores them without', async () => {
    const { incident, channelId } = await declare(t, 'Hostile text --sev SEV3');
    const nul = await t.driver.command('freeze NaN help note %00 \u0000 x', { channel: channelId });
    expect(nul.ack.status).toBe(200);
    const note = await t.driver.command('note hello\u0000world \uD800 end', { channel: channelId });
    expect(note.ack.status).toBe(200);
    await settle(t);
    const stored = await t.bot.ctx.db.timelineEntry.findFirstOrThrow({
      where: { incidentId: incident.id, kind: 'note' },
    });
    expect(stored.text).toBe('helloworld \uFFFD end');
  });

  it('refuses overlong text with its limit, recording nothing', async () => {
    const { incident, channelId } = await declare(t, 'Long text --sev SEV3');
    const jobs = await t.bot.ctx.db.job.count();
    const { ack } = await t.driver.command(`note ${'x'.repeat(3_001)}`, { channel: channelId });
    expect(String(ack.json?.text)).toContain('3,001 characters; the limit is 3,000');
    const mark = await t.driver.command(`mark detected ${'y'.repeat(3_001)}`, { channel: channelId });
    expect(String(mark.ack.json?.text)).toContain('the limit is 3,000');
    expect(await t.bot.ctx.db.job.count()).toBe(jobs);
    const help = await t.driver.command('help', { channel: channelId });
    expect(String(help.ack.json?.text)).toContain('Limits: titles 150 characters');
    expect(await t.bot.ctx.db.timelineEntry.count({ where: { incidentId: incident.id, kind: 'note' } })).toBe(0);
  });

  it('answers raw requests that are not Slack with 4xx and no internals, and stays healthy', async () => {
    const url = `${t.bot.url}/slack/events`;
    const send = async (body: string | Uint8Array, headers: Record<string, string> = {}) => {
      const r = await fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
      return { status: r.status, body: await r.text() };
    };
    const answers = [
      await send('{"type":"url_verification","challenge":"x"}'),
      await send('not json at all', {
        'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000) - 10_000),
        'x-slack-signature': 'v0=00',
      }),
      await send(new Uint8Array([0, 0, 0, 255, 254])),
      await send(JSON.stringify({ text: 'x'.repeat(2_000_000) })),
      // Signed, but broken inside.
      await t.driver.post('{"garbage": \u0000', 'application/json'),
      await t.driver.post('payload=%7Bnot-json', 'application/x-www-form-urlencoded'),
    ];
    for (const answer of answers) {
      expect(answer.status, answer.body).toBeGreaterThanOrEqual(400);
      expect(answer.status, answer.body).toBeLessThan(500);
      expect(answer.body).not.toMatch(INTERNALS);
    }
    const health = await fetch(`${t.bot.url}/healthz`);
    expect(health.status).toBe(200);
    const { ack } = await t.driver.command('help');
    expect(ack.status).toBe(200);
  });
});
