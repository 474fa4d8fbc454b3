// `npm run demo`: a whole incident, end to end, with no Slack workspace. The bot runs on the
// embedded database against the bundled fake Slack; every request goes through Slack's real path
// (signed HTTP to the Bolt receiver, Web API calls over HTTP). Exits non-zero if Slack's log does
// not show what the script expects.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../src/config/index.ts';
import { createLogger } from '../src/log.ts';
import { startBot } from '../src/runtime.ts';
import { SlackDriver } from '../tests/fakes/driver.ts';
import { FakeSlack } from '../tests/fakes/slack.ts';
import { waitFor, waitUntilIdle } from '../tests/fakes/wait-for.ts';
import { seedWorkspace } from '../tests/fakes/workspace.ts';

const SIGNING_SECRET = 'demo-signing-secret';
const say = (text: string) => process.stdout.write(`${text}\n`);
const failures: string[] = [];
const expect = (ok: boolean, what: string) => {
  say(`  ${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
};

const dataDir = mkdtempSync(path.join(tmpdir(), 'incident-bot-demo-'));
const slack = await new FakeSlack().start();
seedWorkspace(slack);
writeFileSync(
  path.join(dataDir, 'incident-bot.yml'),
  stringify({
    announcements_channel: 'incidents',
    services: [
      { id: 'api', name: 'Public API', responders: ['bob@example.com'] },
      { id: 'web', name: 'Web app', responders: ['U0CAROL01'] },
    ],
  }),
);
const loaded = loadConfig({
  SLACK_BOT_TOKEN: slack.botToken,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: slack.apiUrl,
  DATA_DIR: dataDir,
  PORT: '0',
  HOST: '127.0.0.1',
  INCIDENT_CONFIG: path.join(dataDir, 'incident-bot.yml'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  DEPLOY_GATE_TOKENS: 'demo-ci:demo-gate-token',
});
if (!loaded.ok) throw new Error(loaded.problems.join('\n'));

say(`Starting the bot on the embedded database in ${dataDir} against a local fake Slack…`);
const bot = await startBot({ config: loaded.config, logger: createLogger(loaded.config.LOG_LEVEL), pollMs: 50 });
const driver = new SlackDriver(`${bot.url}/slack/events`, SIGNING_SECRET, slack);
const db = bot.ctx.db;
try {
  say(`Database: ${await bot.database.version()}`);

  say('\n1. alice types `/incident help`');
  const help = await driver.command('help');
  say(indent(String(help.ack.json?.text)));

  say('\n2. alice mistypes a severity: `/incident declare Checkout API 500s --sev SEV9`');
  const typo = await driver.command('declare Checkout API 500s --sev SEV9');
  say(indent(String(typo.ack.json?.text).split('\n')[0]!));
  expect((await db.incident.count()) === 0, 'the typo recorded nothing');

  say('\n3. alice declares: `/incident declare Checkout API 500s --sev SEV2 --services api`');
  const declare = await driver.command('declare Checkout API 500s --sev SEV2 --services api');
  say(indent(`ack: ${String(declare.ack.json?.text)}`));
  const reply = await waitFor(
    () => declare.replies().find((r) => String(r.text).includes('is open')),
    'the reply',
    15_000,
  );
  say(indent(`reply: ${String(reply.text)}`));
  const incident = await db.incident.findFirstOrThrow({ include: { timeline: true } });
  const channel = await waitFor(
    () => (incident.channelId ? slack.channels.get(incident.channelId) : undefined),
    'the channel',
  );
  await waitUntilIdle(db, undefined, 'the room set-up');

  const room = incident.channelId!;
  const inRoom = async (text: string, user = 'U0ALICE01') => {
    say(`\n   <@${user}> in #${channel.name}: \`/incident ${text}\``);
    await driver.command(text, { channel: room, user });
    await waitUntilIdle(db, undefined, 'the command');
    const last = channel.messages.at(-1);
    if (last && !channel.pins.has(last.ts)) say(indent(`bot: ${last.text.split('\n')[0]}`));
  };
  const FIX = '4f2a9c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39';
  const askGate = async (version: string) => {
    const res = await fetch(`${bot.url}/api/v1/deploy-gate?service=api&environment=production&version=${version}`, {
      headers: { authorization: 'Bearer demo-gate-token' },
    });
    const body = (await res.json()) as { allowed: boolean; reason?: string };
    say(
      indent(
        `CI asks the deploy gate for api@${version.slice(0, 10)}: HTTP ${res.status} ${body.allowed ? 'allowed' : `frozen: ${body.reason}`}`,
      ),
    );
    return res.status;
  };
  say('\n4. The incident runs its course in the room');
  await inRoom('role comms <@U0BOB0001|bob>');
  await inRoom('mark started -6m 500s began on checkout');
  await inRoom('mark detected -5m error-rate alert fired');
  await inRoom('status identified Bad deploy of checkout 4.2');
  await inRoom('sev SEV1 most customers cannot check out');
  const blocked = await askGate('0badc0ffee1234');
  await inRoom(`freeze allow api@${FIX.slice(0, 7)} rollback of checkout 4.2`);
  const excepted = await askGate(FIX);
  const stillBlocked = await askGate('0badc0ffee1234');
  await inRoom('update Rolling back checkout 4.2; errors falling');
  await inRoom('status monitoring Rollback done, watching error rates');
  await inRoom('status investigating Still seeing intermittent errors');
  await inRoom('services add web');
  await inRoom('status monitoring Second fix out');
  await inRoom('status resolved');
  const liftPrompt = await waitFor(
    () => db.prompt.findFirst({ where: { incidentId: incident.id, kind: 'freeze' } }),
    'the lift question',
    10_000,
  );
  say(
    indent(
      `bot: ${channel.messages.find((m) => m.ts === liftPrompt.messageTs)?.text} [Lift the freeze] [Keep it frozen]`,
    ),
  );
  say('   alice presses [Lift the freeze]');
  await driver.interaction({
    type: 'block_actions',
    user: { id: 'U0ALICE01', team_id: driver.teamId },
    channel: { id: room },
    trigger_id: 'demo',
    actions: [
      {
        type: 'button',
        action_id: 'freeze_prompt_lift',
        block_id: `freeze_prompt:${liftPrompt.id}`,
        value: liftPrompt.id,
        action_ts: '1',
      },
    ],
  });
  await waitUntilIdle(db, undefined, 'the lift');
  const lifted = await askGate('0badc0ffee1234');
  await inRoom('action Add a canary stage to checkout deploys <@U0BOB0001|bob> --priority high --theme deploys');
  await inRoom('postmortem owner <@U0BOB0001|bob> --due +7d');
  const draft = [...slack.files.values()].find((f) => f.channels.includes(room));
  say(indent(`bot uploaded ${draft?.name}:`));
  const figures = draft?.content?.split('## Key figures')[1]?.split('## Severity history')[0]?.trim() ?? '';
  say(indent(`## Key figures\n${figures}`));
  say('\n5. carol joins the channel late and gets a private catch-up');
  channel.members.add('U0CAROL01');
  await driver.event({
    type: 'member_joined_channel',
    user: 'U0CAROL01',
    channel: room,
    channel_type: 'C',
    team: driver.teamId,
  });
  const catchUp = await waitFor(() => slack.ephemerals.find((e) => e.user === 'U0CAROL01'), 'the catch-up', 10_000);
  say(indent(catchUp.text));

  say(`\nWhat Slack saw (${slack.calls.length} Web API calls):`);
  for (const [method, count] of countBy(slack.calls.map((c) => `${c.method}${c.ok ? '' : ` (${c.error})`}`)))
    say(indent(`${method} ×${count}`));
  const announcements = slack.channelByName('incidents')!;
  const header = channel.messages.find((m) => channel.pins.has(m.ts));
  say('\nChecks:');
  expect(
    incident.number === 1 && incident.severity === 'SEV2' && incident.status === 'investigating',
    `INC-${incident.number} declared as SEV2, investigating`,
  );
  expect(
    channel.name.startsWith('inc-') && channel.name.endsWith('-checkout-api-500s'),
    `channel #${channel.name} created`,
  );
  expect(!!header && JSON.stringify(header.blocks).includes('Checkout API 500s'), 'header posted and pinned');
  expect(
    channel.members.has('U0ALICE01') && channel.members.has('U0BOB0001'),
    'declarer and the api responder invited',
  );
  expect(
    channel.topic.includes('SEV1') && channel.purpose.includes('Checkout API 500s'),
    'topic and purpose set, topic following the severity',
  );
  expect(
    announcements.messages.some((m) => m.text.includes(`<#${channel.id}>`)),
    'announced in #incidents',
  );
  expect(
    incident.timeline.some((e) => e.kind === 'declared'),
    'declaration on the timeline',
  );
  const statuses = (await db.statusChange.findMany({ where: { incidentId: incident.id }, orderBy: { id: 'asc' } })).map(
    (c) => c.toStatus,
  );
  expect(
    statuses.join(' → ') === 'investigating → identified → monitoring → investigating → monitoring → resolved',
    `status history: ${statuses.join(' → ')}`,
  );
  const milestones = (await db.milestone.findMany({ where: { incidentId: incident.id, supersededAt: null } }))
    .map((m) => m.kind)
    .sort();
  expect(
    milestones.join(',') === 'declared,detected,identified,mitigated,resolved,started',
    `milestones marked and set by the statuses: ${milestones.join(', ')}`,
  );
  expect(
    blocked === 423 && excepted === 200 && stillBlocked === 423,
    'SEV1 froze api deploys; the gate let only the excepted fix through',
  );
  expect(
    lifted === 200 && (await db.freeze.count({ where: { liftedAt: null } })) === 0,
    'resolving asked whether to lift; the freeze was lifted on the button',
  );
  expect(
    channel.pins.size === 1 && slack.callsTo('chat.update').length >= 7,
    `header edited in place (${slack.callsTo('chat.update').length} chat.update calls, still one pinned header)`,
  );
  expect(
    JSON.stringify(channel.messages.find((m) => channel.pins.has(m.ts))?.blocks).includes('resolved'),
    'header shows resolved',
  );
  expect(
    announcements.messages.some((m) => m.text.includes('INC-1 resolved')),
    'resolution announced',
  );
  expect(
    announcements.messages.some((m) => m.text.includes('Rolling back checkout 4.2')),
    'comms update announced',
  );
  expect(channel.members.has('U0CAROL01') && catchUp.text.includes('comms: <@U0BOB0001>'), 'catch-up shows the roles');
  expect(
    !!draft?.content?.startsWith('# INC-1: Checkout API 500s') &&
      draft.content.includes('| Time to detect | detected |') &&
      draft.content.includes('### deploys'),
    'postmortem draft posted as a Markdown file, with key figures and the action item',
  );
  const entries = await db.timelineEntry.count({ where: { incidentId: incident.id } });
  say(`  ${entries} timeline entries recorded`);
} finally {
  await bot.stop();
  await slack.stop();
  rmSync(dataDir, { recursive: true, force: true });
}

if (failures.length) {
  say(`\nDemo FAILED: ${failures.length} check(s) did not hold.`);
  process.exit(1);
}
say('\nDemo passed.');

function indent(text: string) {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

function countBy(items: string[]) {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return counts;
}
