// Moving from the embedded database to PostgreSQL with `npm run db:copy`: a bot that ran on PGlite
// (incidents, timelines, freezes, gate decisions, action items, pages, a prompt timer pending) is
// copied, and a bot started on the copy answers exactly as before and carries on.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackDriver } from '../fakes/driver.ts';
import { FakeLinear } from '../fakes/linear.ts';
import { FakePagerDuty } from '../fakes/pagerduty.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { waitFor } from '../fakes/wait-for.ts';
import { seedWorkspace } from '../fakes/workspace.ts';
import { createTestDatabase, type TestDatabaseLocation } from '../support/backend.ts';
import { BotProcess, freePort } from '../support/bot-process.ts';
import { dbScript } from '../support/db-script.ts';
import { SIGNING_SECRET } from '../support/test-bot.ts';

const API = 'copy-reader';
const FILE = {
  announcements_channel: 'incidents',
  severities: [
    // Long enough never to fire before the copy, however slow the machine; the test brings it due after.
    { id: 'SEV1', description: 'Major', page: true, freeze: true, prompt_every: '10m' },
    { id: 'SEV2', description: 'Minor' },
  ],
  services: [
    { id: 'api', name: 'Public API', pagerduty: { service_id: 'PSVCAPI', escalation_policy_id: 'PEPAPI' } },
    { id: 'web', name: 'Web app' },
  ],
  linear: { team: 'ENG', label: 'incident' },
};

describe('db:copy from the embedded database to PostgreSQL', () => {
  let slack: FakeSlack;
  let pd: FakePagerDuty;
  let linear: FakeLinear;
  let embedded: TestDatabaseLocation;
  let postgres: TestDatabaseLocation;
  let before: BotProcess;
  let after: BotProcess;
  const snapshot: Record<string, string> = {};
  const paths = [
    '/api/v1/incidents',
    '/api/v1/incidents/1',
    '/api/v1/incidents/1/timeline',
    '/api/v1/incidents/2',
    '/api/v1/incidents/2/timeline',
    '/api/v1/incidents/2/postmortem.md',
  ];

  beforeAll(async () => {
    slack = await new FakeSlack().start();
    seedWorkspace(slack);
    pd = await new FakePagerDuty().start();
    pd.services.add('PSVCAPI');
    pd.users.set('PUCAROL', { id: 'PUCAROL', name: 'Carol PD', email: 'carol@example.com' });
    pd.oncalls.set('PEPAPI', ['PUCAROL']);
    linear = await new FakeLinear().start();
    embedded = await createTestDatabase('pglite');
    postgres = await createTestDatabase('postgres');
    const env = {
      API_TOKENS: API,
      DEPLOY_GATE_TOKENS: 'ci:gate-token',
      PAGERDUTY_TOKEN: pd.token,
      PAGERDUTY_API_URL: pd.url,
      PAGERDUTY_FROM_EMAIL: 'bot@example.com',
      LINEAR_API_KEY: linear.apiKey,
      LINEAR_API_URL: linear.url,
    };
    before = new BotProcess(slack, embedded, await freePort(), FILE, env);
    after = new BotProcess(slack, postgres, await freePort(), FILE, env);
  });
  afterAll(async () => {
    await before?.stop();
    await after?.stop();
    await Promise.all([slack?.stop(), pd?.stop(), linear?.stop()]);
    await embedded?.drop();
    await postgres?.drop();
  });

  const read = async (bot: BotProcess, p: string) => {
    const response = await fetch(`${bot.url}${p}`, { headers: { authorization: `Bearer ${API}` } });
    expect(response.status, p).toBe(200);
    return response.text();
  };
  const prompts = () =>
    [...slack.channels.values()]
      .flatMap((c) => c.messages)
      .filter((m) => JSON.stringify(m.blocks ?? '').includes('prompt_answer_'));

  async function channelOf(driver: SlackDriver, text: string) {
    const { replies } = await driver.command(`declare ${text}`);
    const reply = await waitFor(() => replies().find((r) => String(r.text).includes('is open')), 'declare');
    const ref = /INC-(\d+)/.exec(String(reply.text))![0];
    const channel = await waitFor(
      () =>
        [...slack.channels.values()].find(
          (c) => c.name !== 'incidents' && c.messages.some((m) => m.text.includes(ref)),
        ),
      `the room of ${ref}`,
    );
    return { ref, channel: channel.id };
  }

  it('copies a populated embedded database, and the bot on PostgreSQL answers byte for byte and carries on', async () => {
    await before.start();
    const driver = new SlackDriver(`${before.url}/slack/events`, SIGNING_SECRET, slack);
    const run = (channel: string, text: string) => driver.command(text, { channel });

    // INC-1 stays open at SEV1: paged, api frozen, a prompt timer pending.
    const first = await channelOf(driver, 'Checkout is down --sev SEV1 --services api');
    await run(first.channel, 'note Rolled back build 512 & watching <!here>');
    await run(first.channel, 'status identified');
    await run(first.channel, 'impact api start');
    await run(first.channel, 'action Add a canary stage --priority high');
    const gate = await fetch(`${before.url}/api/v1/deploy-gate?service=api&environment=production&version=513`, {
      headers: { authorization: 'Bearer gate-token' },
    });
    expect(gate.status).toBe(423);
    // INC-2 resolved, with its postmortem draft; INC-3 private.
    const second = await channelOf(driver, 'Slow search --sev SEV2 --services web');
    await run(second.channel, 'impact web start -5m --degraded');
    await run(second.channel, 'impact web end');
    await run(second.channel, 'action Tune the search index');
    await run(second.channel, 'status resolved');
    await channelOf(driver, 'Payroll export leak --sev SEV2 --private');
    await before.drained();
    expect(pd.calls.filter((c) => c.method.startsWith('POST')).length).toBeGreaterThan(0);
    for (const p of paths) snapshot[p] = await read(before, p);
    expect(snapshot['/api/v1/incidents/1/timeline']).toContain('Rolled back build 512');
    expect(prompts()).toHaveLength(0);

    const whileRunning = await dbScript('db-copy.ts', ['--to', postgres.databaseUrl!], embedded.dataDir);
    expect(whileRunning.code).toBe(1);
    expect(whileRunning.output).toContain('in use by another incident-bot process');

    await before.stop();
    const copied = await dbScript('db-copy.ts', ['--to', postgres.databaseUrl!], embedded.dataDir);
    expect(copied.output).toMatch(/copied \d+ rows in \d+ tables; counts checked/);
    expect(copied.code).toBe(0);
    expect(copied.output).toMatch(/Incident\s+3\n/);
    expect(copied.output).toMatch(/Page\s+[1-9]/);
    expect(copied.output).toMatch(/GateDecision\s+1\n/);

    // The prompt timer set on PGlite was copied pending; brought due now instead of in 10 minutes.
    const client = new pg.Client({ connectionString: postgres.databaseUrl });
    await client.connect();
    try {
      const due = await client.query(
        `UPDATE "Job" SET "runAt" = now() WHERE kind = 'prompt.severity_cadence' AND status = 'pending'`,
      );
      expect(due.rowCount).toBe(1);
    } finally {
      await client.end();
    }

    await after.start();
    for (const p of paths) expect(await read(after, p), p).toBe(snapshot[p]);

    // It fires on PostgreSQL, once: with nothing left due, no second copy of it can fire later.
    await waitFor(() => prompts().length > 0, 'the pending prompt', 30_000);
    await after.drained();
    expect(prompts()).toHaveLength(1);

    const next = await channelOf(new SlackDriver(`${after.url}/slack/events`, SIGNING_SECRET, slack), 'Next one');
    expect(next.ref).toBe('INC-4');
    await after.drained();
  }, 150_000);

  it('refuses a target that holds data, and empties it first with --force', async () => {
    await after.stop();
    const refused = await dbScript('db-copy.ts', ['--to', postgres.databaseUrl!], embedded.dataDir);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('the target database already holds data');
    expect(refused.output).toContain('--force');

    const forced = await dbScript('db-copy.ts', ['--to', postgres.databaseUrl!, '--force'], embedded.dataDir);
    expect(forced.code).toBe(0);
    expect(forced.output).toContain('--force: emptied');
    expect(forced.output).toMatch(/Incident\s+3\n/);
    await after.start();
    expect(await read(after, '/api/v1/incidents')).toBe(snapshot['/api/v1/incidents']);
  });

  it('refuses bad arguments and a directory with no embedded database', async () => {
    const noTarget = await dbScript('db-copy.ts', [], embedded.dataDir);
    expect(noTarget.code).toBe(64);
    expect(noTarget.output).toContain('--to must be a postgresql:// URL');
    const empty = await createTestDatabase('pglite', { empty: true });
    const nothing = await dbScript('db-copy.ts', ['--to', postgres.databaseUrl!], empty.dataDir);
    expect(nothing.output).toContain('there is no embedded database');
    expect(nothing.code).toBe(1);
    await empty.drop();
  });
});
