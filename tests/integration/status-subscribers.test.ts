// Status page subscribers (SPEC.md "Subscribers"), through the real form, a real SMTP server
// (smtp-server, in this process) and a real HTTP receiver: double opt-in, notices of incidents and
// maintenance, one-click unsubscribe, signed webhooks in order with retries, the form's limits,
// and no address anywhere public or in a log line.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSmtp } from '../fakes/smtp.ts';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { advanceClock, declare, runIn, settle, startTestBot, type TestBot, waitFor } from '../support/test-bot.ts';

const FILE = {
  announcements_channel: 'incidents',
  status_page: { title: 'Acme Status' },
  services: [
    { id: 'api', name: 'Public API' },
    { id: 'db', name: 'Database' },
  ],
  trusted_proxies: ['10.0.0.0/8'],
};
const ANN = 'ann.customer@example.org';

type Hook = { headers: http.IncomingHttpHeaders; body: string };

describe(`status page subscribers (${backend})`, () => {
  let t: TestBot;
  let smtp: FakeSmtp;
  let receiver: http.Server;
  let receiverUrl: string;
  const hooks: Hook[] = [];
  let hookStatus = 200;
  const logLines: string[] = [];
  const clock = new ManualClock();

  beforeAll(async () => {
    smtp = await new FakeSmtp().start();
    receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        if (hookStatus === 200) hooks.push({ headers: req.headers, body });
        res.writeHead(hookStatus).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    t = await startTestBot({
      clock,
      file: FILE,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'status@acme.test' },
      logLines,
    });
  });
  afterAll(async () => {
    await t?.stop();
    await smtp?.stop();
    receiver?.close();
  });

  const get = (path: string) => fetch(`${t.bot.url}${path}`);
  const subscribe = (fields: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) body.append(k, one);
    return fetch(`${t.bot.url}/status/subscribe`, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });
  };
  // `/incident subscribers …` answers privately once it has looked the person up.
  const subscribersCommand = async (text: string, user = 'U0ALICE01') => {
    const { replies } = await t.driver.command(text, { channel: 'C0GENERAL', user });
    await waitFor(async () => replies().length > 0, 'the answer');
    return replies()
      .map((r) => String(r.text))
      .join('\n');
  };
  const linkIn = (text: string, kind: 'confirm' | 'unsubscribe') =>
    new URL(new RegExp(`(http\\S+/status/subscriptions/\\S+/${kind})`).exec(text)![1]!).pathname;
  const mailsTo = async (address: string, count: number) => {
    await settle(t);
    await waitFor(async () => smtp.to(address).length >= count, `${count} mails to the subscriber`);
    return smtp.to(address);
  };

  it('double opt-in: a form, one confirmation mail, a page whose POST confirms', async () => {
    const page = await (await get('/status')).text();
    expect(page).toContain('action="/status/subscribe"');
    expect((await get('/status')).headers.get('content-security-policy')).toContain("form-action 'self'");

    const answer = await subscribe({ email: ANN, components: 'api' });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Check your inbox');
    const [confirmation] = await mailsTo(ANN, 1);
    expect(confirmation!.mail.subject).toBe('[Acme Status] Confirm your subscription');
    // Asking again within the hour sends nothing more, and says the same.
    expect((await subscribe({ email: ANN.toUpperCase(), components: 'api' })).status).toBe(200);
    await settle(t);
    expect(smtp.to(ANN)).toHaveLength(1);

    // Not confirmed: an incident update reaches nobody.
    const { channelId } = await declare(t, 'Checkout down --sev SEV1 --services api');
    await runIn(t, channelId, 'statuspage --title "Checkout errors" --components api=major_outage Looking into it');
    await settle(t);
    expect(smtp.to(ANN)).toHaveLength(1);

    // The link opens a page; only its POST confirms (a mail scanner's GET changes nothing).
    const confirmPath = linkIn(confirmation!.mail.text!, 'confirm');
    const opened = await get(confirmPath);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('Yes, send me updates');
    expect((await t.bot.ctx.db.subscriber.findFirstOrThrow()).confirmedAt).toBeNull();
    const confirmed = await fetch(`${t.bot.url}${confirmPath}`, { method: 'POST' });
    expect(await confirmed.text()).toContain('Subscribed');

    await runIn(t, channelId, 'statuspage --status identified --components api=partial_outage Found it');
    const [, notice] = await mailsTo(ANN, 2);
    expect(notice!.mail.subject).toBe('[Acme Status] Checkout errors');
    expect(notice!.mail.text).toContain('Identified - Found it');
    expect(notice!.mail.text).toContain('Public API: Partial Outage');
    const unsubscribeUrl = /^List-Unsubscribe:\s*<([^>]+)>/im.exec(notice!.raw)![1]!;
    expect(notice!.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/im);

    // A database-only incident is not what Ann follows; a maintenance of the API is.
    const other = await declare(t, 'Replica lag --sev SEV3 --services db');
    await runIn(t, other.channelId, 'statuspage --title "Slow reports" --components db=degraded_performance Slow');
    await runIn(
      t,
      'C0GENERAL',
      'maintenance schedule --services api --from +3h --to +1h --title "API upgrade" Brief pauses.',
    );
    const mails = await mailsTo(ANN, 3);
    await settle(t);
    expect(smtp.to(ANN).map((m) => m.mail.subject)).toEqual([
      '[Acme Status] Confirm your subscription',
      '[Acme Status] Checkout errors',
      '[Acme Status] Scheduled maintenance: API upgrade',
    ]);
    expect(mails[2]!.mail.text).toContain('Brief pauses.');

    // One-click unsubscribe (RFC 8058): a POST without cookies; then nothing more.
    const oneClick = await fetch(`${t.bot.url}${new URL(unsubscribeUrl).pathname}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(200);
    expect(await t.bot.ctx.db.subscriber.count({ where: { kind: 'email' } })).toBe(0);
    await runIn(t, channelId, 'statuspage --status resolved Fixed');
    await settle(t);
    expect(smtp.to(ANN)).toHaveLength(3);
    expect((await get(new URL(unsubscribeUrl).pathname)).status).toBe(410);
  });

  it('sends webhooks signed, in order, and after the receiver failed a while each missed one once', async () => {
    const added = await subscribersCommand(`subscribers add-webhook ${receiverUrl}`);
    const secret = /secret, shown this once: `([0-9a-f]{64})`/.exec(added)![1]!;
    const { channelId } = await declare(t, 'Webhook check --sev SEV2 --services db');
    await runIn(t, channelId, 'statuspage --title "Database slow" --components db=degraded_performance One');
    await settle(t);
    await waitFor(async () => hooks.length >= 2, 'the incident and its component update');
    for (const hook of hooks) {
      const timestamp = String(hook.headers['x-incident-timestamp']);
      const expected = createHmac('sha256', secret).update(`${timestamp}.${hook.body}`).digest('hex');
      expect(hook.headers['x-incident-signature']).toBe(`v1=${expected}`);
    }
    const first = JSON.parse(hooks[0]!.body);
    expect(first.incident).toMatchObject({ name: 'Database slow', status: 'investigating' });
    expect(first.page).toMatchObject({ id: (await t.bot.ctx.db.statusPageSite.findFirstOrThrow()).publicId });
    expect(first.page.status_indicator).toMatch(/^(none|minor|major|critical|maintenance)$/);
    expect(JSON.parse(hooks[1]!.body).component_update).toMatchObject({ new_status: 'degraded_performance' });

    hookStatus = 503;
    // While the receiver fails its delivery keeps coming due, so the queue is never idle: each
    // publication is waited for by its record instead.
    for (const [i, text] of [
      '--status identified Two',
      '--status monitoring Three',
      '--status resolved --components db=operational Four',
    ].entries()) {
      await t.driver.command(`statuspage ${text}`, { channel: channelId });
      await waitFor(
        async () =>
          (await t.bot.ctx.db.subscriberNotice.count({ where: { subject: '[Acme Status] Database slow' } })) === i + 2,
        'the publication told to subscribers',
      );
    }
    clock.advance(60_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect(hooks).toHaveLength(2);
    hookStatus = 200;
    // The first failed delivery is retried within its backoff (at most 5 minutes); the rest follow it.
    for (let i = 0; i < 4; i++) await advanceClock(t, clock, 6 * 60_000);
    await waitFor(async () => hooks.length >= 6, 'the missed deliveries');
    const statuses = hooks
      .map((h) => JSON.parse(h.body))
      .filter((b) => b.incident)
      .map((b) => b.incident.incident_updates[0].body);
    expect(statuses).toEqual(['One', 'Two', 'Three', 'Four']);
    const ids = hooks.map((h) => h.headers['x-incident-delivery']);
    expect(new Set(ids).size).toBe(ids.length);

    const list = await subscribersCommand('subscribers list');
    expect(list).toContain('127.0.0.1');
    expect(list).toContain('Email: 0 confirmed');
  });

  it('disables a webhook that failed for a day, and tells who added it', async () => {
    // A port nothing listens on: every delivery fails to connect.
    const dead = http.createServer();
    await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
    const deadUrl = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/gone`;
    await new Promise((resolve) => dead.close(resolve));
    const added = await subscribersCommand(`subscribers add-webhook ${deadUrl} --components api`, 'U0CAROL01');
    const id = /Webhook `([A-Za-z0-9_-]{12})`/.exec(added)![1]!;
    const { channelId } = await declare(t, 'Dead receiver --sev SEV3 --services api');
    await t.driver.command('statuspage --title "API blips" --components api=degraded_performance Blips', {
      channel: channelId,
    });
    await waitFor(
      async () => (await t.bot.ctx.db.subscriber.findUniqueOrThrow({ where: { id } })).failingSince,
      'the first failure',
    );
    expect((await t.bot.ctx.db.subscriber.findUniqueOrThrow({ where: { id } })).disabledAt).toBeNull();
    clock.advance(25 * 3_600_000);
    t.bot.worker.kick();
    await waitFor(
      async () => (await t.bot.ctx.db.subscriber.findUniqueOrThrow({ where: { id } })).disabledAt,
      'the webhook disabled',
    );
    const dm = await waitFor(() => t.slack.channels.get('D0CAROL01')?.messages.at(-1), 'the message to who added it');
    expect(dm.text).toContain('failed for a day: it is disabled');
    expect(await subscribersCommand('subscribers list')).toContain('*disabled*');
    await runIn(t, channelId, 'statuspage --status resolved Fine');
    expect(await t.bot.ctx.db.job.count({ where: { queueKey: `subscriber:${id}`, status: 'pending' } })).toBe(0);
    expect(await subscribersCommand(`subscribers remove ${id}`)).toContain('removed');
  });

  it('lists a hundred webhooks that follow a large catalog within one answer', async () => {
    // Written directly: a catalog of 100 long ids is what the list must survive, not what the tests configure.
    const components = Array.from(
      { length: 100 },
      (_, i) => `component-${String(i).padStart(3, '0')}-${'x'.repeat(50)}`,
    );
    await t.bot.ctx.db.subscriber.createMany({
      data: Array.from({ length: 100 }, (_, i) => ({
        id: `bulk${String(i).padStart(8, '0')}`,
        kind: 'webhook',
        address: `https://hooks-${i}.example.org/status`,
        addressKey: `webhook:https://hooks-${i}.example.org/status`,
        components,
        secret: 's',
        createdAt: new Date(),
        confirmedAt: new Date(),
      })),
    });
    const list = await subscribersCommand('subscribers list');
    expect(list.length).toBeLessThan(40_000);
    expect(list).toMatch(/…and \d+ more/);
    await t.bot.ctx.db.subscriber.deleteMany({ where: { id: { startsWith: 'bulk' } } });
  });

  it('limits the form per client (X-Forwarded-For only from a trusted proxy) and refuses bad input', async () => {
    expect((await subscribe({ email: 'not an address' })).status).toBe(400);
    expect((await subscribe({ email: 'x@example.org', components: 'nope' })).status).toBe(400);
    const before = await t.bot.ctx.db.subscriber.count();
    // The peer is 127.0.0.1, not a trusted proxy: a client's own X-Forwarded-For changes nothing.
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        (await subscribe({ email: `visitor${i}@example.org` }, { 'x-forwarded-for': `203.0.113.${i}` })).status,
      );
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(await t.bot.ctx.db.subscriber.count()).toBeLessThanOrEqual(before + 10);
  });

  it('forgets an address on request, and no address is ever public or logged', async () => {
    // The form's hour for this client has passed.
    await advanceClock(t, clock, 61 * 60_000);
    expect((await subscribe({ email: 'bea.private@example.org' })).status).toBe(200);
    await settle(t);
    expect(await subscribersCommand('subscribers forget bea.private@example.org')).toContain('erased');
    expect(await t.bot.ctx.db.subscriber.count({ where: { address: 'bea.private@example.org' } })).toBe(0);
    const jobs = await t.bot.ctx.db.job.findMany();
    const everything = [
      ...(await Promise.all(
        ['/status', '/api/v2/summary.json', '/api/v2/incidents.json', '/status/history.atom'].map(async (p) =>
          (await get(p)).text(),
        ),
      )),
      JSON.stringify(jobs.map((j) => j.payload)),
      logLines.join('\n'),
    ].join('\n');
    for (const address of [ANN, 'bea.private@example.org', 'visitor3@example.org'])
      expect(everything.toLowerCase(), address).not.toContain(address.toLowerCase());
    expect(logLines.length).toBeGreaterThan(10);
  });
});
