// PostgreSQL stopped and started again under a running bot: commands sent meanwhile are answered
// within Slack's 3 s with a plain "nothing was saved", and the bot carries on once the server is
// back, without a restart. The server is the test's own cluster (pg_createcluster on a free port):
// stopping the shared one would break the test files running beside this one.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { freePort } from '../support/bot-process.ts';
import { testClusterPrefix } from '../support/leak-check.ts';
import { declare, settle, startTestBot, waitFor, type TestBot } from '../support/test-bot.ts';

const VERSION = execFileSync('ls', ['/etc/postgresql']).toString().trim().split('\n')[0]!;
const CLUSTER = `${testClusterPrefix()}${process.pid}`;
const cluster = (action: 'start' | 'stop') =>
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', VERSION, CLUSTER, action], { stdio: 'ignore' });

// Runs in the postgres project only (vitest.config.ts).
describe(`a database outage under a running bot (${backend})`, () => {
  let t: TestBot;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    execFileSync('pg_createcluster', [VERSION, CLUSTER, '-p', String(port), '--', '--auth=trust'], { stdio: 'ignore' });
    cluster('start');
    t = await startTestBot({
      env: { DATABASE_URL: `postgresql://postgres@127.0.0.1:${port}/postgres`, API_TOKENS: 'api-token' },
    });
  }, 120_000);
  afterAll(async () => {
    await t?.stop().catch(() => {});
    execFileSync('pg_dropcluster', ['--stop', VERSION, CLUSTER], { stdio: 'ignore' });
  });

  const timed = async (text: string, channel: string) => {
    const started = performance.now();
    const sent = await t.driver.command(text, { channel });
    return { ...sent, ms: performance.now() - started };
  };

  it('answers within 3 s that nothing was saved, and recovers by itself when the server returns', async () => {
    const { incident, channelId } = await declare(t, 'Database outage --sev SEV3');
    await timed('note before the outage', channelId);
    await settle(t);
    cluster('stop');
    let during: Awaited<ReturnType<typeof timed>>[] = [];
    try {
      during = [
        await timed('note during the outage', channelId),
        await timed('status identified the database', channelId),
        await timed('list', channelId),
        await timed('actions', channelId),
      ];
      for (const answer of during) {
        expect(answer.ack.status).toBe(200);
        expect(answer.ms).toBeLessThan(3_000);
        expect(String(answer.ack.json?.text)).toMatch(/nothing was saved/);
        expect(String(answer.ack.json?.text)).not.toMatch(/prisma|ECONN|postgres|stack/i);
      }
      expect(String(during[0]!.ack.json?.text)).toBe(
        'Could not record that: the database is unreachable; nothing was saved, try again.',
      );
      expect((await fetch(`${t.bot.url}/healthz`)).status).toBe(503);
      const api = await fetch(`${t.bot.url}/api/v1/incidents`, { headers: { authorization: 'Bearer api-token' } });
      expect(api.status).toBe(503);
      expect(await api.json()).toEqual({ error: 'UNAVAILABLE', message: 'the database is unreachable; try again' });
      // A button: acknowledged at once (Slack wants that), then told privately nothing was saved.
      const pressed = performance.now();
      const button = await t.driver.interaction({
        type: 'block_actions',
        user: { id: 'U0CAROL01', team_id: t.driver.teamId },
        channel: { id: channelId },
        container: { type: 'message', channel_id: channelId, message_ts: '1.000100' },
        trigger_id: 'trig',
        response_url: t.slack.responseUrl('outage-button'),
        actions: [{ type: 'button', action_id: 'claim_role_scribe', block_id: 'b', value: 'scribe', action_ts: '1' }],
      });
      expect(button.status).toBe(200);
      const told = await waitFor(() => t.slack.responsesFor('outage-button')[0], 'the private answer', 3_000);
      expect(performance.now() - pressed).toBeLessThan(3_000);
      expect(String(told.text)).toMatch(/nothing was saved/);
      // The declare form: answered with a view that says so.
      const form = await t.driver.viewSubmission({
        callback_id: 'declare_incident',
        private_metadata: JSON.stringify({ channelId }),
        state: { values: { title: { value: { type: 'plain_text_input', value: 'During the outage' } } } },
      });
      expect(form.status).toBe(200);
      expect(JSON.stringify(form.json)).toMatch(/nothing was saved/);
      // An event that cannot be recorded is not acknowledged, so Slack delivers it again.
      const joined = await t.driver.event({ type: 'member_joined_channel', user: 'U0BOB0001', channel: channelId });
      expect(joined.status).toBeGreaterThanOrEqual(500);
    } finally {
      cluster('start');
    }
    const back = performance.now();
    await waitFor(async () => (await fetch(`${t.bot.url}/healthz`)).status === 200, 'the bot healthy again', 30_000);
    const recoveredMs = performance.now() - back;
    const after = await timed('note after the outage', channelId);
    expect(after.ack.status).toBe(200);
    expect(after.ack.json?.text ?? '').not.toMatch(/nothing was saved/);
    await settle(t, 30_000);
    const notes = await t.bot.ctx.db.timelineEntry.findMany({
      where: { incidentId: incident.id, kind: 'note' },
      orderBy: { seq: 'asc' },
    });
    expect(notes.map((n) => n.text)).toEqual(['before the outage', 'after the outage']);
    expect((await t.bot.ctx.db.incident.findUniqueOrThrow({ where: { id: incident.id } })).status).toBe(
      'investigating',
    );
    console.log(
      `database outage: answers in ${during.map((d) => Math.round(d.ms)).join(', ')} ms; healthy ${Math.round(recoveredMs)} ms after the server was back`,
    );
  });
  it('answers within 3 s when the server hangs instead of refusing, and records nothing it said it did not', async () => {
    const { incident, channelId } = await declare(t, 'Database hangs --sev SEV3');
    await settle(t);
    // Every process of the cluster stopped in place: connections are open but nothing answers.
    const signal = (sig: 'STOP' | 'CONT') => execFileSync('pkill', [`-${sig}`, '-f', `${VERSION}/${CLUSTER}`]);
    signal('STOP');
    let during: Awaited<ReturnType<typeof timed>>[];
    try {
      during = [await timed('note while it hangs', channelId), await timed('note again', channelId)];
      const started = performance.now();
      const api = await fetch(`${t.bot.url}/api/v1/incidents`, { headers: { authorization: 'Bearer api-token' } });
      expect(api.status).toBe(503);
      expect(performance.now() - started).toBeLessThan(6_000);
    } finally {
      signal('CONT');
    }
    for (const answer of during) {
      expect(answer.ack.status).toBe(200);
      expect(answer.ms).toBeLessThan(3_000);
      expect(String(answer.ack.json?.text)).toMatch(/nothing was saved/);
    }
    await waitFor(async () => (await fetch(`${t.bot.url}/healthz`)).status === 200, 'the bot healthy again', 30_000);
    const after = await timed('note once it answers', channelId);
    expect(after.ack.status).toBe(200);
    await settle(t, 30_000);
    const notes = await t.bot.ctx.db.timelineEntry.findMany({ where: { incidentId: incident.id, kind: 'note' } });
    expect(notes.map((n) => n.text)).toEqual(['once it answers']);
    console.log(`database hang: answers in ${during.map((d) => Math.round(d.ms)).join(', ')} ms`);
  });
});
