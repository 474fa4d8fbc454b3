// Changes (SPEC.md "Changes"), replaying the errant-deploy seed: api's deploy is reported at 18:03,
// the incident declared at 18:05 shows it as the suspect, `cause` records it, a rollback let through
// the freeze by an exception fails at 18:09 and is posted in the room at once, a second rollback
// succeeds at 18:18, and the postmortem's Changes section reads all of it. Then the API's and
// GitHub's edges: idempotent keys, bad input, signatures, redeliveries, ping, unknown services.
import { createHmac } from 'node:crypto';
import webhookExamples from '@octokit/webhooks-examples';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { webSession } from '../support/web-session.ts';
import { declare, runIn, settle, startTestBot, TEST_CONFIG_FILE, type TestBot } from '../support/test-bot.ts';

const MINUTE = 60_000;
// GitHub's own example payloads, per event name.
const examples = webhookExamples as unknown as { name: string; examples: Record<string, any>[] }[];
const BAD = '4f2a9c1d5e6f708192a3b4c5d6e7f8091a2b3c4d';
const GOOD = '1b2c3d4e5f60718293a4b5c6d7e8f9011a2b3c4e';
const SECRET = 'github-secret';
const FILE = {
  ...TEST_CONFIG_FILE,
  services: [...TEST_CONFIG_FILE.services.map((s) => ({ ...s })), { id: 'hello', repos: ['Codertocat/Hello-World'] }],
};

describe(`changes: deploys reported, linked to the incident (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      file: FILE,
      env: { DEPLOY_GATE_TOKENS: 'github-actions:ci-token', API_TOKENS: 'reader', GITHUB_WEBHOOK_SECRET: SECRET },
    });
  });
  afterAll(() => t?.stop());

  const report = (body: unknown, token = 'ci-token') =>
    fetch(`${t.bot.url}/api/v1/deploys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const minutesAgo = (m: number) => new Date(Date.now() - m * MINUTE).toISOString();
  const roomTexts = (channelId: string) => t.slack.channels.get(channelId)!.messages.map((m) => m.text ?? '');

  it('replays the seed: suspect, cause, a failed rollback through the freeze posted at once, the postmortem', async () => {
    // 18:03 (the bad deploy) is 22 minutes before now (18:25), the declaration at 18:05 is now.
    const earlier = await report({
      service: 'api',
      environment: 'production',
      version: 'a0a0a0a',
      status: 'succeeded',
      at: minutesAgo(180),
      key: 'run-1',
    });
    expect(earlier.status).toBe(201);
    const bad = await report({
      service: 'api',
      environment: 'production',
      version: BAD,
      status: 'succeeded',
      at: minutesAgo(22),
      key: 'run-2',
      url: 'https://ci.example.com/run/2',
    });
    expect(bad.status).toBe(201);
    const badId = ((await bad.json()) as { id: string }).id;
    // The same key again is the same change.
    const again = await report({
      service: 'api',
      environment: 'production',
      version: BAD,
      status: 'succeeded',
      at: minutesAgo(22),
      key: 'run-2',
    });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(badId);
    await report({
      service: 'web',
      environment: 'production',
      version: 'b1b1b1b',
      status: 'succeeded',
      at: minutesAgo(10),
    });

    const { incident, channelId } = await declare(t, 'API returns 500s --sev SEV1 --services api');
    await settle(t);
    const suspects = roomTexts(channelId).find((m) => m.includes('Changes to the affected services'))!;
    expect(suspects).toContain('`api@4f2a9c1` to production *succeeded*');
    expect(suspects).toContain('`api@a0a0a0a`');
    expect(suspects).not.toContain('web@');
    expect(suspects.indexOf('4f2a9c1')).toBeLessThan(suspects.indexOf('a0a0a0a'));

    expect(await runIn(t, channelId, 'cause api@4f2a9c')).toContain('No deploy of `api@4f2a9c` was reported');
    await runIn(t, channelId, 'cause api@4f2a9c1');
    const db = t.bot.ctx.db;
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).causeChangeId).toBe(badId);
    const triggered = await db.milestone.findFirstOrThrow({ where: { incidentId: incident.id, kind: 'triggered' } });
    const badChange = await db.change.findUniqueOrThrow({ where: { id: badId } });
    expect(triggered.occurredAt).toEqual(badChange.occurredAt);
    const header = JSON.stringify(
      t.slack.channels.get(channelId)!.messages.find((m) => t.slack.channels.get(channelId)!.pins.has(m.ts))!.blocks,
    );
    expect(header).toContain('*Trigger*');
    expect(header).toContain('api@4f2a9c1');

    // SEV1 froze api; the rollback goes through on an exception, and fails.
    await runIn(t, channelId, `freeze allow api@${GOOD} rollback to the last good build`);
    const failed = await report({
      service: 'api',
      environment: 'production',
      version: GOOD,
      status: 'failed',
    });
    expect(failed.status).toBe(201);
    await settle(t);
    const posted = roomTexts(channelId).find((m) => m.includes(':x: Deploy of'))!;
    expect(posted).toContain('`api@1b2c3d4` to production *failed*');
    expect(posted).toContain(
      'through the freeze on the exception <@U0ALICE01> granted: rollback to the last good build',
    );
    await report({ service: 'api', environment: 'production', version: GOOD, status: 'succeeded' });
    await settle(t);
    expect(roomTexts(channelId).filter((m) => m.includes(':x: Deploy of'))).toHaveLength(1);

    const draft = await (
      await fetch(`${t.bot.url}/api/v1/incidents/${incident.number}/postmortem.md`, {
        headers: { authorization: 'Bearer reader' },
      })
    ).text();
    const section = draft.slice(draft.indexOf('## Changes'), draft.indexOf('## Root cause'));
    expect(section).toContain('Trigger: deploy of api@4f2a9c1 to production (succeeded)');
    expect(section).toMatch(/\| api@4f2a9c1 \(trigger\) \| production \| succeeded \| github-actions \|/);
    expect(section).toMatch(/\| api@1b2c3d4 \| production \| failed \| github-actions \|/);
    expect(section).toMatch(/\| api@1b2c3d4 \| production \| succeeded \| github-actions \|/);
    expect(section).not.toContain('web@');

    // The incident's page: the Changes section, deploys on the timeline, markers on the chart.
    const cookie = await webSession(t);
    const page = await (await fetch(`${t.bot.url}/incidents/${incident.number}`, { headers: { cookie } })).text();
    expect(page).toContain('<h2>Changes</h2>');
    expect(page).toContain(`api@4f2a9c1</span> <strong>(trigger)</strong>`);
    expect(page).toContain(`api@1b2c3d4</span> to production: failed`);
    expect(page).toContain('api@1b2c3d4 failed');
    const list = await (
      await fetch(`${t.bot.url}/changes?service=api&environment=production`, { headers: { cookie } })
    ).text();
    expect(list).toContain(`trigger of INC-${incident.number}`);
    expect(list).not.toContain('web@b1b1b1b');
    expect(list).toContain('4 changes');
    const web = await (await fetch(`${t.bot.url}/changes?service=web`, { headers: { cookie } })).text();
    expect(web).toContain('web@b1b1b1b');
    expect(web).toContain('1 change<');
    expect((await fetch(`${t.bot.url}/changes`, { redirect: 'manual' })).status).not.toBe(200);

    await runIn(t, channelId, 'cause none');
    expect((await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).causeChangeId).toBeNull();
    const causes = await db.timelineEntry.findMany({ where: { incidentId: incident.id, kind: 'cause' } });
    expect(causes).toHaveLength(2);
  });

  it('keeps the suspects message, the room post and the header within Slack limits at the largest legal report', async () => {
    const url = `https://ci.example.com/${'r'.repeat(2_000 - 'https://ci.example.com/'.length)}`;
    const environment = `e${'n'.repeat(63)}`;
    const longest = (i: number) => `v${String(i).padStart(3, '0')}${'x'.repeat(124)}`;
    for (let i = 0; i < 20; i++)
      expect(
        (
          await report({
            service: 'db',
            environment,
            version: longest(i),
            status: 'succeeded',
            url,
            at: minutesAgo(30 - i),
          })
        ).status,
      ).toBe(201);
    const { incident, channelId } = await declare(t, 'Database slow --sev SEV3 --services db');
    await runIn(t, channelId, `cause db@${longest(19)} --env ${environment}`);
    expect(
      (await report({ service: 'db', environment, version: longest(99), status: 'rolled_back', url })).status,
    ).toBe(201);
    await settle(t);
    const texts = roomTexts(channelId);
    expect(texts.some((m) => m.includes('Changes to the affected services') && m.includes('and 5 more'))).toBe(true);
    expect(texts.some((m) => m.includes(':x: Deploy of'))).toBe(true);
    const channel = t.slack.channels.get(channelId)!;
    const header = JSON.stringify(channel.messages.find((m) => channel.pins.has(m.ts))!.blocks);
    expect(header).toContain('*Trigger*');
    expect(
      (await t.bot.ctx.db.incident.findUniqueOrThrow({ where: { id: incident.id } })).causeChangeId,
    ).not.toBeNull();
  });

  it('answers bad input with 400 naming the field, recording nothing', async () => {
    const before = await t.bot.ctx.db.change.count();
    const cases: [unknown, string][] = [
      [{ environment: 'production', version: 'v1', status: 'succeeded' }, 'service: is required'],
      [{ service: 'api', environment: 'production', version: 'v1', status: 'done' }, 'status'],
      [{ service: 'api', environment: 'production', version: 'v1', status: 'succeeded', at: 'yesterday' }, 'at'],
      [
        { service: 'api', environment: 'production', version: 'v1', status: 'succeeded', colour: 'red' },
        'colour: not a field',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await report(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await res.text()).toContain(field);
    }
    expect((await report({ service: 'api', environment: 'p', version: 'v', status: 'started' }, 'wrong')).status).toBe(
      401,
    );
    const unknown = await report({ service: 'nope', environment: 'production', version: 'v1', status: 'succeeded' });
    expect(unknown.status).toBe(202);
    expect(await t.bot.ctx.db.change.count()).toBe(before);
  });

  it("takes GitHub's deployment_status webhooks: signed, de-duplicated, ping and other states answered", async () => {
    const example = examples.find((e) => e.name === 'deployment_status')!.examples[0]!;
    const send = (event: string, payload: unknown, delivery: string, secret = SECRET) => {
      const body = JSON.stringify(payload);
      const signature = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
      return fetch(`${t.bot.url}/webhooks/github`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': delivery,
          'x-hub-signature-256': signature,
        },
        body,
      });
    };
    const count = () => t.bot.ctx.db.change.count({ where: { source: 'github' } });
    expect((await send('deployment_status', example, 'd-1', 'wrong-secret')).status).toBe(401);
    expect(await count()).toBe(0);
    expect((await send('ping', examples.find((e) => e.name === 'ping')!.examples[0], 'd-ping')).status).toBe(200);
    // The repository Codertocat/Hello-World is the `hello` service's.
    expect((await send('deployment_status', example, 'd-2')).status).toBe(201);
    const change = await t.bot.ctx.db.change.findFirstOrThrow({ where: { source: 'github' } });
    expect(change).toMatchObject({
      service: 'hello',
      environment: 'production',
      version: example.deployment.sha,
      status: 'succeeded',
      pipeline: 'github',
    });
    // A redelivery (same X-GitHub-Delivery) is dropped.
    expect((await send('deployment_status', example, 'd-2')).status).toBe(200);
    expect(await count()).toBe(1);
    // payload.service as a JSON string names the service.
    const named = structuredClone(example);
    named.deployment.payload = JSON.stringify({ service: 'web' });
    named.deployment_status.id = 1;
    expect((await send('deployment_status', named, 'd-3')).status).toBe(201);
    expect((await t.bot.ctx.db.change.findFirstOrThrow({ where: { source: 'github', service: 'web' } })).version).toBe(
      example.deployment.sha,
    );
    const pending = structuredClone(example);
    pending.deployment_status.state = 'pending';
    expect((await send('deployment_status', pending, 'd-4')).status).toBe(202);
    const stranger = structuredClone(example);
    stranger.repository.full_name = 'someone/else';
    stranger.repository.name = 'else';
    stranger.deployment_status.id = 2;
    expect((await send('deployment_status', stranger, 'd-5')).status).toBe(202);
    expect(await count()).toBe(2);
  });
});

describe(`changes without a service catalog (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({
      file: { announcements_channel: 'incidents' },
      env: { DEPLOY_GATE_TOKENS: 'ci:ci-token' },
    });
  });
  afterAll(() => t?.stop());

  it('records any service, and never adds its name to the ones offered (as the gate never does)', async () => {
    const res = await fetch(`${t.bot.url}/api/v1/deploys`, {
      method: 'POST',
      headers: { authorization: 'Bearer ci-token', 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'payments', environment: 'production', version: 'v9', status: 'succeeded' }),
    });
    expect(res.status).toBe(201);
    expect(await t.bot.ctx.db.change.count({ where: { service: 'payments' } })).toBe(1);
    expect(await t.bot.ctx.db.serviceName.count()).toBe(0);
  });
});
