import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakePagerDuty } from '../fakes/pagerduty.ts';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { advanceClock, declare, runIn, settle, startTestBot, type TestBot, waitFor } from '../support/test-bot.ts';

const MINUTE = 60_000;
const SECRET = 'pd-webhook-secret';

const FILE = {
  announcements_channel: 'incidents',
  // Rooms opened by PagerDuty start at SEV1, which pages and freezes (the built-in levels).
  pagerduty: { severity: 'SEV1' },
  services: [
    { id: 'api', pagerduty: { service_id: 'PSVCAPI', escalation_policy_id: 'PEPAPI' } },
    { id: 'web', pagerduty: { service_id: 'PSVCWEB', escalation_policy_id: 'PEPWEB' } },
    { id: 'db', pagerduty: { service_id: 'PSVCDB', escalation_policy_id: 'PEPDB' } },
    { id: 'docs' },
  ],
};

describe(`PagerDuty (${backend})`, () => {
  let t: TestBot;
  let pd: FakePagerDuty;
  const clock = new ManualClock();
  beforeAll(async () => {
    pd = await new FakePagerDuty().start();
    for (const id of ['PSVCAPI', 'PSVCWEB', 'PSVCDB']) pd.services.add(id);
    pd.users.set('PUCAROL', { id: 'PUCAROL', name: 'Carol PD', email: 'carol@example.com' });
    pd.users.set('PUBOB', { id: 'PUBOB', name: 'Bob PD', email: 'bob@example.com' });
    pd.oncalls.set('PEPAPI', ['PUCAROL']);
    pd.oncalls.set('PEPWEB', ['PUBOB']);
    t = await startTestBot({
      clock,
      file: FILE,
      env: {
        PAGERDUTY_TOKEN: pd.token,
        PAGERDUTY_API_URL: pd.url,
        PAGERDUTY_FROM_EMAIL: 'incident-bot@example.com',
        PAGERDUTY_WEBHOOK_SECRET: SECRET,
        DEPLOY_GATE_TOKENS: 'ci:gate',
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await pd?.stop();
  });

  const db = () => t.bot.ctx.db;
  const run = (text: string, channel: string, user?: string) => runIn(t, channel, text, user);
  const advance = (ms: number) => advanceClock(t, clock, ms);
  const creates = () => pd.calls.filter((c) => c.method === 'POST /incidents' && c.ok);
  const texts = (channelId: string) => t.slack.channels.get(channelId)!.messages.map((m) => m.text);
  const webhook = async (event: Record<string, unknown>, options: { secret?: string; signature?: string } = {}) => {
    const body = JSON.stringify({ event });
    const signature =
      options.signature ??
      `v1=${createHmac('sha256', options.secret ?? SECRET)
        .update(body)
        .digest('hex')}`;
    const res = await fetch(`${t.bot.url}/webhooks/pagerduty`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-pagerduty-signature': `v1=0000,${signature}` },
      body,
    });
    const answer = { status: res.status, body: (await res.json()) as Record<string, unknown> };
    await new Promise((r) => setTimeout(r, 100));
    await settle(t);
    return answer;
  };
  const pdEvent = (
    type: string,
    incident: { id: string; service: string; key?: string; title?: string; urgency?: string },
    id = randomUUID(),
    occurredAt = clock.now(),
  ) => ({
    id,
    event_type: type,
    resource_type: 'incident',
    occurred_at: occurredAt.toISOString(),
    agent: { summary: 'Carol PD' },
    data: {
      id: incident.id,
      type: 'incident',
      title: incident.title ?? 'Database CPU at 100%',
      status: type.split('.')[1],
      urgency: incident.urgency ?? 'high',
      incident_key: incident.key ?? null,
      html_url: `https://fake.pagerduty.com/incidents/${incident.id}`,
      service: { id: incident.service, type: 'service_reference' },
    },
  });

  it('pages each mapped service on declare at a paging level, once, and invites the on-call', async () => {
    const { incident, channelId, channel } = await declare(t, 'Checkout down --sev SEV1 --services api,docs');
    const [created] = creates();
    expect(creates()).toHaveLength(1);
    const pdIncident = pd.incidents[0]!;
    expect(pdIncident).toMatchObject({
      title: `[INC-${incident.number}] Checkout down (SEV1)`,
      urgency: 'high',
      incident_key: `incident-bot/${incident.id}/api`,
      from: 'incident-bot@example.com',
      service: { id: 'PSVCAPI' },
    });
    expect(pdIncident.body?.details).toContain(`https://slack.com/app_redirect?channel=${channelId}`);
    expect(created).toBeDefined();
    expect(await db().page.findMany({ where: { incidentId: incident.id } })).toEqual([
      expect.objectContaining({
        target: 'api',
        status: 'triggered',
        pdIncidentId: pdIncident.id,
        pdUrl: pdIncident.html_url,
      }),
    ]);
    const header = JSON.stringify(channel.messages.find((m) => channel.pins.has(m.ts))!.blocks);
    expect(header).toContain(`<${pdIncident.html_url}|api> (triggered)`);
    expect(texts(channelId).some((x) => x.startsWith(':pager: Paged api on PagerDuty'))).toBe(true);
    await waitFor(() => channel.members.has('U0CAROL01'), 'the on-call invited');
    const oncall = await t.driver.command('oncall', { channel: channelId });
    expect(String((await waitFor(() => oncall.replies()[0], 'the on-call answer')).text)).toContain(
      '*api*: Carol PD (carol@example.com) · level 1',
    );

    // Down and up again: no second page.
    await run('sev SEV2', channelId);
    await run('sev SEV1', channelId);
    expect(creates()).toHaveLength(1);
  });

  it('pages on an upgrade and on demand; never for a drill or a non-paging level', async () => {
    const before = creates().length;
    const drill = await declare(t, 'Game day --sev SEV1 --services api --drill');
    const minor = await declare(t, 'Slow search --sev SEV2 --services web');
    expect(creates()).toHaveLength(before);
    expect(await run('page web', drill.channelId)).toContain('drills page nobody');

    await run('sev SEV1 getting worse', minor.channelId);
    expect(creates()).toHaveLength(before + 1);
    expect(pd.incidents.at(-1)!.service.id).toBe('PSVCWEB');
    expect(await run('page web', minor.channelId)).toContain('web was already paged');
    await run('page <@U0CAROL01|carol> need a database expert', minor.channelId);
    expect(creates()).toHaveLength(before + 2);
    const byHand = pd.calls.filter((c) => c.method === 'POST /incidents' && c.ok).at(-1)!;
    expect(byHand.args).toMatchObject({
      incident: {
        assignments: [{ assignee: { id: 'PUCAROL', type: 'user_reference' } }],
        body: { details: expect.stringContaining('Message: need a database expert') },
      },
    });
    expect(await run('page docs', minor.channelId)).toContain('docs is not mapped to a PagerDuty service');
  });

  it('opens a room from a signed webhook without paging again, and refuses forged, repeated and stale ones', async () => {
    const before = creates().length;
    const gate = () =>
      fetch(`${t.bot.url}/api/v1/deploy-gate?service=db&environment=production&version=abc1234`, {
        headers: { authorization: 'Bearer gate' },
      });
    expect((await gate()).status).toBe(200);
    const event = pdEvent('incident.triggered', {
      id: 'PEXT0001',
      service: 'PSVCDB',
      key: 'db-cpu-alert',
      title: 'Database CPU at 100%',
    });
    expect((await webhook(event, { secret: 'wrong' })).status).toBe(401);
    expect(await db().incident.count({ where: { title: 'Database CPU at 100%' } })).toBe(0);

    expect(await webhook(event)).toEqual({ status: 202, body: { outcome: 'declared' } });
    const incident = await db().incident.findFirstOrThrow({ where: { title: 'Database CPU at 100%' } });
    expect(incident).toMatchObject({ services: ['db'], severity: 'SEV1' });
    // At SEV1 the room froze db at once, and the gate knows without waiting.
    expect((await gate()).status).toBe(423);
    await waitFor(
      () =>
        incident.channelId
          ? true
          : db()
              .incident.findUniqueOrThrow({ where: { id: incident.id } })
              .then((i) => !!i.channelId),
      'the room',
    );
    expect(await db().page.findMany({ where: { incidentId: incident.id } })).toEqual([
      expect.objectContaining({ pdIncidentId: 'PEXT0001', status: 'triggered', target: 'db' }),
    ]);
    expect(creates()).toHaveLength(before);

    expect((await webhook(event)).body).toEqual({ outcome: 'duplicate' });
    const stale = pdEvent(
      'incident.triggered',
      { id: 'PEXT0002', service: 'PSVCDB', title: 'Old news' },
      randomUUID(),
      new Date(clock.now().getTime() - 60 * MINUTE),
    );
    expect((await webhook(stale)).body).toEqual({ outcome: 'stale' });
    expect(
      (
        await webhook(
          pdEvent('incident.triggered', { id: 'PEXT0003', service: 'PSVCDB', urgency: 'low', title: 'Low one' }),
        )
      ).body,
    ).toEqual({ outcome: 'signal' });
    expect(await db().incident.count()).toBe(await db().incident.count({ where: { title: { not: 'Old news' } } }));

    const acked = await webhook(
      pdEvent('incident.acknowledged', { id: 'PEXT0001', service: 'PSVCDB', key: 'db-cpu-alert' }),
    );
    expect(acked.body).toEqual({ outcome: 'recorded' });
    expect(
      await db().milestone.findFirst({ where: { incidentId: incident.id, kind: 'acknowledged', supersededAt: null } }),
    ).toMatchObject({ source: 'pagerduty' });
  });

  it('resolves both ways without a loop', async () => {
    // Resolved in Slack: the PagerDuty incident is resolved, and its echo asks nothing.
    const ours = await declare(t, 'Payments errors --sev SEV1 --services api');
    const page = await db().page.findFirstOrThrow({ where: { incidentId: ours.incident.id } });
    await run('status resolved', ours.channelId);
    expect(pd.incidents.find((i) => i.id === page.pdIncidentId)!.status).toBe('resolved');
    expect(
      (
        await webhook(
          pdEvent('incident.resolved', { id: page.pdIncidentId!, service: 'PSVCAPI', key: page.incidentKey }),
        )
      ).body,
    ).toEqual({ outcome: 'ignored' });
    expect(await db().prompt.count({ where: { incidentId: ours.incident.id, kind: 'resolve' } })).toBe(0);

    // Resolved in PagerDuty: the room is asked; [Resolve] resolves without calling PagerDuty again.
    const theirs = await declare(t, 'Web 502s --sev SEV1 --services web');
    const linked = await db().page.findFirstOrThrow({ where: { incidentId: theirs.incident.id } });
    const puts = () => pd.calls.filter((c) => c.method === 'PUT /incidents/:id').length;
    const putsBefore = puts();
    expect(
      (
        await webhook(
          pdEvent('incident.resolved', { id: linked.pdIncidentId!, service: 'PSVCWEB', key: linked.incidentKey }),
        )
      ).body,
    ).toEqual({ outcome: 'recorded' });
    const prompt = await waitFor(
      () => db().prompt.findFirst({ where: { incidentId: theirs.incident.id, kind: 'resolve' } }),
      'the question',
    );
    await t.driver.pressButton({
      channel: theirs.channelId,
      actionId: 'resolve_prompt_yes',
      blockId: `resolve_prompt:${prompt.id}`,
      value: prompt.id,
    });
    await settle(t);
    expect((await db().incident.findUniqueOrThrow({ where: { id: theirs.incident.id } })).status).toBe('resolved');
    expect(puts()).toBe(putsBefore);
  });

  it('keeps declaring through a PagerDuty outage, tells the room, and pages exactly once when it recovers', async () => {
    pd.faults.arm({ kind: 'server_error', status: 503 }, 2, 'POST /incidents');
    const before = pd.incidents.length;
    const { incident, channelId } = await declare(t, 'Cache cluster lost --sev SEV1 --services api');
    expect(incident.status).toBe('investigating');
    expect(
      texts(channelId).filter((x) => x.includes('Paging api through PagerDuty is delayed: PagerDuty failed (503)')),
    ).toHaveLength(1);
    await advance(MINUTE);
    await advance(MINUTE);
    expect(pd.incidents.length).toBe(before + 1);
    expect((await db().page.findFirstOrThrow({ where: { incidentId: incident.id } })).status).toBe('triggered');
    expect(
      texts(channelId).some((x) => x.includes(':pager: Paged api on PagerDuty') && x.includes('it failed at first')),
    ).toBe(true);

    // Created, then the answer lost: the retry finds it by its key instead of paging twice.
    pd.faults.arm({ kind: 'drop_response' }, 1, 'POST /incidents');
    const lost = await declare(t, 'Queue lag --sev SEV1 --services web');
    await advance(MINUTE);
    expect(pd.incidents.filter((i) => i.incident_key === `incident-bot/${lost.incident.id}/web`)).toHaveLength(1);
    expect((await db().page.findFirstOrThrow({ where: { incidentId: lost.incident.id } })).status).toBe('triggered');

    // Rate-limited past pdjs's own retries: the queue waits for Retry-After; a refused token is said.
    pd.faults.arm({ kind: 'ratelimit', retryAfter: 90 }, 4, 'POST /incidents');
    const limited = await declare(t, 'DNS flapping --sev SEV1 --services db');
    const job = await db().job.findFirstOrThrow({ where: { incidentId: limited.incident.id, kind: 'pagerduty.page' } });
    expect(job.runAt.getTime() - clock.now().getTime()).toBeGreaterThan(80_000);
    expect(texts(limited.channelId).some((x) => x.includes('PagerDuty is rate-limiting the bot (429)'))).toBe(true);
    await advance(2 * MINUTE);
    expect((await db().page.findFirstOrThrow({ where: { incidentId: limited.incident.id } })).status).toBe('triggered');

    pd.faults.arm({ kind: 'server_error', status: 401 }, 1, 'POST /incidents');
    const refused = await declare(t, 'Disk full --sev SEV1 --services api');
    expect(
      texts(refused.channelId).some((x) => x.includes('PagerDuty refused the token (401): check PAGERDUTY_TOKEN')),
    ).toBe(true);
    await advance(MINUTE);
    expect((await db().page.findFirstOrThrow({ where: { incidentId: refused.incident.id } })).status).toBe('triggered');
  });
});
