import { createHmac, randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeLinear } from '../fakes/linear.ts';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { runProcess } from '../support/processes.ts';
import {
  advanceClock,
  declare,
  runIn,
  settle,
  startTestBot,
  TEST_CONFIG_FILE,
  type TestBot,
  waitFor,
} from '../support/test-bot.ts';

const MINUTE = 60_000;
const STARTED = { id: 'state-started', name: 'In Progress', type: 'started' };
const WEBHOOK_SECRET = 'linear-webhook-secret';

describe(`action items, the postmortem draft and Linear (${backend})`, () => {
  let t: TestBot;
  let linear: FakeLinear;
  const clock = new ManualClock();
  beforeAll(async () => {
    linear = await new FakeLinear().start();
    linear.users.push({ id: 'lin-user-bob', name: 'Bob B', email: 'bob@example.com' });
    t = await startTestBot({
      clock,
      file: {
        ...TEST_CONFIG_FILE,
        linear: { team: 'ENG', label: 'incident' },
        services: [...TEST_CONFIG_FILE.services.map((s) => (s.id === 'db' ? { ...s, linear_team: 'OPS' } : s))],
      },
      env: {
        LINEAR_API_KEY: linear.apiKey,
        LINEAR_API_URL: linear.url,
        API_TOKENS: 'read-token',
        LINEAR_WEBHOOK_SECRET: WEBHOOK_SECRET,
      },
    });
  });
  afterAll(async () => {
    await t?.stop();
    await linear?.stop();
  });

  const db = () => t.bot.ctx.db;
  const run = (text: string, channel: string, user?: string) => runIn(t, channel, text, user);
  const advance = (ms: number) => advanceClock(t, clock, ms);
  const texts = (channelId: string) => t.slack.channels.get(channelId)!.messages.map((m) => m.text);
  const items = (incidentId: string) => db().actionItem.findMany({ where: { incidentId }, orderBy: { seq: 'asc' } });
  const issueCreates = () => linear.calls.filter((c) => c.method === 'createIssue' && c.ok);

  it('records, lists, edits, completes and removes action items; a message becomes one', async () => {
    const { incident, channelId } = await declare(t, 'Checkout 500s --sev SEV2 --services api');
    await run('action Add a canary stage <@U0BOB0001|bob> --priority high --due 2026-12-01 --theme deploys', channelId);
    await run('action Alert on payment errors --theme alerting', channelId);
    expect(await run('action --priority high', channelId)).toContain('Say what should be done');
    expect(await run('action Fix it --priority soon', channelId)).toContain(
      'Priority is one of urgent, high, medium, low',
    );

    const listed = await run('actions', channelId);
    expect(listed).toContain('*#1* Add a canary stage · <@U0BOB0001> · high, due 2026-12-01, deploys · not filed');
    expect(listed).toContain('*#2* Alert on payment errors · _no owner_ · medium, alerting · not filed');

    await run('actions edit 2 <@U0CAROL01|carol> --priority urgent', channelId);
    await run('actions done 2', channelId);
    expect(await run('actions done 2', channelId)).toContain('already done');
    expect(await run('actions remove 9', channelId)).toContain('There is no action item #9');

    const message = {
      ts: '1795000000.000100',
      user: 'U0CAROL01',
      text: 'We need a runbook for payment provider outages',
    };
    t.slack.channels.get(channelId)!.messages.push(message);
    await t.driver.interaction({
      type: 'message_action',
      callback_id: 'create_action_item',
      trigger_id: 'trig',
      response_url: t.slack.responseUrl('shortcut'),
      user: { id: 'U0BOB0001', team_id: t.driver.teamId },
      channel: { id: channelId, name: 'inc' },
      message,
      message_ts: message.ts,
    });
    await settle(t);
    const all = await items(incident.id);
    expect(all.map((i) => [i.seq, i.text, i.ownerId, i.priority, i.state, i.theme])).toEqual([
      [1, 'Add a canary stage', 'U0BOB0001', 'high', 'open', 'deploys'],
      [2, 'Alert on payment errors', 'U0CAROL01', 'urgent', 'done', 'alerting'],
      [3, 'We need a runbook for payment provider outages', null, 'medium', 'open', null],
    ]);
    expect(all[2]!.permalink).toBe(`https://slack.com/archives/${channelId}/p1795000000000100`);
    expect(all[0]!.dueDate?.toISOString().slice(0, 10)).toBe('2026-12-01');
  });

  it('drafts the postmortem and posts it as a summary and a Markdown file; the API serves the same draft', async () => {
    const { incident, channelId } = await declare(t, 'Search latency --sev SEV2 --services web');
    const base = clock.now().getTime();
    const ago = (minutes: number) => `${new Date(base - minutes * MINUTE).toISOString().slice(0, 19)}Z`;
    await run(`mark started ${ago(10)}`, channelId);
    await run(`mark detected ${ago(8)}`, channelId);
    await run('action Cache search results <@U0BOB0001|bob> --theme performance', channelId);
    await run('status resolved Fixed by a cache flush', channelId);
    await run('postmortem owner <@U0BOB0001|bob> --due 2026-12-15', channelId);

    const updated = await db().incident.findUniqueOrThrow({ where: { id: incident.id } });
    expect(updated.postmortemOwner).toBe('U0BOB0001');
    expect(updated.postmortemDue?.toISOString().slice(0, 10)).toBe('2026-12-15');
    const summary = texts(channelId).find((x) => x.includes('*Postmortem draft for'))!;
    expect(summary).toContain('Key figures from impact start: time to detect: 2m 0s (120 s)');
    expect(summary).toContain('Action items: 1 (0 filed in Linear)');
    const file = [...t.slack.files.values()].find((f) => f.channels.includes(channelId))!;
    expect(file.name).toMatch(new RegExp(`^INC-${incident.number}-postmortem-[0-9a-f]{8}\\.md$`));
    expect(file.content).toContain(`# INC-${incident.number}: Search latency`);
    expect(file.content).toContain('| Postmortem due | 2026-12-15 |');
    expect(file.content).toContain('| Time to detect | detected |');
    expect(file.content).toContain('### performance');

    const res = await fetch(`${t.bot.url}/api/v1/incidents/${incident.number}/postmortem.md`, {
      headers: { authorization: 'Bearer read-token' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/markdown');
    expect(await res.text()).toBe(file.content);

    const cli = await runProcess(
      'node',
      [path.resolve(import.meta.dirname, '../../bin/incident-gate.js'), 'postmortem', `INC-${incident.number}`],
      { env: { PATH: process.env.PATH, INCIDENT_BOT_URL: t.bot.url, INCIDENT_API_TOKEN: 'read-token' } },
    );
    expect({ code: cli.code, output: cli.stdout }).toEqual({ code: 0, output: file.content });
  });

  it('files items to Linear with the chosen id, label, priority, due date, assignee and a link back; never twice', async () => {
    const { incident, channelId } = await declare(t, 'Payments timeouts --sev SEV2 --services api');
    await run('action Add a circuit breaker <@U0BOB0001|bob> --priority high --due 2026-12-01', channelId);
    await run('action Write the runbook --priority low', channelId);
    // The button on the draft's summary files them, like `/incident postmortem file`.
    await run('postmortem', channelId);
    const summary = t.slack.channels
      .get(channelId)!
      .messages.find((m) => JSON.stringify(m.blocks ?? '').includes('file_action_items'))!;
    expect(summary.text).toContain('Action items: 2 (0 filed in Linear)');
    await t.driver.pressButton({
      channel: channelId,
      actionId: 'file_action_items',
      blockId: `postmortem:${incident.id}`,
      value: incident.id,
    });
    await settle(t);

    const [first, second] = await items(incident.id);
    expect([first!.filing, second!.filing]).toEqual(['filed', 'filed']);
    const issue = linear.issues.get(first!.linearIssueId!)!;
    expect(issue).toMatchObject({
      title: 'Add a circuit breaker',
      teamId: 'team-eng',
      priority: 2,
      dueDate: '2026-12-01',
      assigneeId: 'lin-user-bob',
    });
    expect(issue.description).toContain(`incident INC-${incident.number}: Payments timeouts`);
    expect(linear.issues.get(second!.linearIssueId!)).toMatchObject({ priority: 4, assigneeId: undefined });
    expect(linear.labels).toEqual([expect.objectContaining({ name: 'incident', teamId: 'team-eng' })]);
    expect(issue.labelIds).toEqual([linear.labels[0]!.id]);
    expect(linear.attachments.filter((a) => a.issueId === issue.id)).toEqual([
      expect.objectContaining({ url: `https://slack.com/app_redirect?channel=${channelId}` }),
    ]);
    expect(first).toMatchObject({ linearKey: issue.identifier, linearUrl: issue.url, linearState: 'Todo' });
    expect(texts(channelId).some((x) => x.includes(`filed in Linear as <${issue.url}|${issue.identifier}>`))).toBe(
      true,
    );

    const creates = issueCreates().length;
    expect(await run('postmortem file', channelId)).toContain('There is nothing to file');
    expect(issueCreates()).toHaveLength(creates);
  });

  it('never makes a second issue when Linear creates one and the answer is lost', async () => {
    const { incident, channelId } = await declare(t, 'Queue stuck --sev SEV2 --services db');
    await run('action Alert on queue depth', channelId);
    linear.faults.arm({ kind: 'drop_response' }, 1, 'createIssue');
    await run('postmortem file', channelId);
    await advance(2 * MINUTE);
    const [item] = await items(incident.id);
    expect(item!.filing).toBe('filed');
    expect([...linear.issues.values()].filter((i) => i.title === 'Alert on queue depth')).toHaveLength(1);
    // The service names its own Linear team.
    expect(linear.issues.get(item!.linearIssueId!)!.teamId).toBe('team-ops');
  });

  it('keeps items pending while Linear rate-limits or refuses the key, says why, and files them later', async () => {
    const { incident, channelId } = await declare(t, 'Login slow --sev SEV2 --services web');
    await run('action Profile the login path', channelId);
    await run('action Add a login SLO', channelId);
    linear.faults.arm({ kind: 'ratelimit', retryAfter: 30 }, 1, 'createIssue');
    linear.fail({ kind: 'ratelimited_body' }, 1, 'createIssue');
    await run('postmortem file', channelId);
    const pending = await items(incident.id);
    expect(pending.map((i) => [i.filing, i.filingError])).toEqual([
      ['pending', 'Linear is rate-limiting the bot'],
      ['pending', 'Linear is rate-limiting the bot'],
    ]);
    expect(
      texts(channelId).filter((x) => x.includes('is not in Linear yet: Linear is rate-limiting the bot')),
    ).toHaveLength(2);
    expect(await run('actions', channelId)).toContain(':hourglass: filing: Linear is rate-limiting the bot');
    await advance(2 * MINUTE);
    expect((await items(incident.id)).map((i) => i.filing)).toEqual(['filed', 'filed']);

    await run('action Rotate the Linear key', channelId);
    linear.fail({ kind: 'unauthenticated' }, 1);
    await run('postmortem file', channelId);
    const refused = (await items(incident.id))[2]!;
    expect(refused).toMatchObject({
      filing: 'pending',
      filingError: 'Linear refused the API key (401): check LINEAR_API_KEY',
    });
    expect(texts(channelId).some((x) => x.includes('Linear refused the API key (401)'))).toBe(true);
    await advance(2 * MINUTE);
    expect((await items(incident.id))[2]!.filing).toBe('filed');
  });

  it('brings Linear states back into the items and the draft', async () => {
    const { incident, channelId } = await declare(t, 'Cron missed --sev SEV2 --services api');
    await run('action Monitor the cron', channelId);
    await run('postmortem file', channelId);
    const [item] = await items(incident.id);
    linear.setState(item!.linearIssueId!, 'started');
    await advance(6 * MINUTE);
    expect((await items(incident.id))[0]).toMatchObject({ linearState: 'In Progress', state: 'open' });
    linear.setState(item!.linearIssueId!, 'done');
    await advance(6 * MINUTE);
    expect((await items(incident.id))[0]).toMatchObject({ linearState: 'Done', state: 'done' });
    expect(await run('actions', channelId)).toContain(`:white_check_mark: *#1* Monitor the cron`);
    const draft = await (
      await fetch(`${t.bot.url}/api/v1/incidents/${incident.number}/postmortem.md`, {
        headers: { authorization: 'Bearer read-token' },
      })
    ).text();
    expect(draft).toContain(
      `| 1 | Monitor the cron | unassigned | medium | none | done | [${item!.linearKey}](${item!.linearUrl}) Done |`,
    );
  });

  // Signed with the real clock: the SDK's check of webhookTimestamp uses it.
  const webhook = (data: Record<string, unknown>) => {
    const body = JSON.stringify({ action: 'update', type: 'Issue', data, webhookTimestamp: Date.now() });
    return fetch(`${t.bot.url}/webhooks/linear`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'linear-signature': createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex'),
        'linear-delivery': randomUUID(),
        'linear-event': 'Issue',
      },
      body,
    });
  };

  it('never lets the poll undo what a newer webhook said, and applies what is newer than both', async () => {
    const { incident, channelId } = await declare(t, 'Billing lag --sev SEV3 --services api');
    await run('action Page on billing lag', channelId);
    await run('postmortem file', channelId);
    const [item] = await items(incident.id);
    const issue = linear.issues.get(item!.linearIssueId!)!;
    // A change the poll has not seen yet arrives by webhook, a millisecond after Linear's copy.
    const newer = new Date(Date.parse(issue.updatedAt) + 1).toISOString();
    expect(
      (await webhook({ id: issue.id, identifier: issue.identifier, updatedAt: newer, state: STARTED })).status,
    ).toBe(200);
    expect((await items(incident.id))[0]).toMatchObject({ linearState: 'In Progress' });
    // The poll reads Linear's older "Todo": nothing changes.
    await advance(6 * MINUTE);
    expect((await items(incident.id))[0]).toMatchObject({ linearState: 'In Progress', state: 'open' });
    // Done in Linear later: the poll applies it, and the room hears that every item is done.
    linear.change(issue.id, { state: { id: 'state-done', name: 'Done', type: 'completed' } });
    await advance(6 * MINUTE);
    expect((await items(incident.id))[0]).toMatchObject({ linearState: 'Done', state: 'done' });
    expect(texts(channelId).filter((x) => x.includes('Every action item'))).toHaveLength(1);
  });

  it('finds an assignee in Slack by email and says when the issue moved to another team', async () => {
    const { incident, channelId } = await declare(t, 'Disk full --sev SEV3 --services api');
    await run('action Alert on disk space', channelId);
    await run('postmortem file', channelId);
    const [item] = await items(incident.id);
    expect(item!.linearKey).toMatch(/^ENG-/);
    // Carol has never run a command: the bot knows no profile of hers until Slack is asked.
    expect(await db().slackUser.findUnique({ where: { id: 'U0CAROL01' } })).toBeNull();
    linear.users.push({ id: 'lin-user-carol', name: 'Carol C', email: 'carol@example.com' });
    linear.change(item!.linearIssueId!, { teamId: 'team-ops', assigneeId: 'lin-user-carol', dueDate: '2026-12-24' });
    await advance(6 * MINUTE);
    const after = (await items(incident.id))[0]!;
    expect(after).toMatchObject({ ownerId: 'U0CAROL01', linearState: 'Todo, moved to OPS' });
    expect(after.dueDate?.toISOString().slice(0, 10)).toBe('2026-12-24');
    const lookups = t.slack.calls.filter(
      (c) => c.method === 'users.lookupByEmail' && c.args.email === 'carol@example.com',
    );
    expect(lookups).toHaveLength(1);
  });

  it('says Linear is not configured when it is not', async () => {
    const other = await startTestBot({ file: TEST_CONFIG_FILE });
    try {
      const { channelId } = await declare(other, 'No Linear here --sev SEV3');
      const { replies } = await other.driver.command('action Something', { channel: channelId });
      await settle(other);
      const filing = await other.driver.command('postmortem file', { channel: channelId });
      await waitFor(() => filing.replies().length > 0, 'the answer');
      expect(String(filing.replies()[0]!.text)).toContain('Linear is not configured');
      expect(replies()).toEqual([]);
    } finally {
      await other.stop();
    }
  });
});
