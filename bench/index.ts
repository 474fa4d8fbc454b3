// `npm run bench`: figures, not a test. Prints
//  1. slash-command acknowledgement latency at 50 concurrent signed commands through the real Bolt
//     receiver, the bot started as `npm start` does, beside a bare Bolt app acknowledging a no-op
//     command in its own process, same machine, same run;
//  2. the declare flow's time from command to the last Slack call, on PGlite and on PostgreSQL;
//  3. the deploy gate's throughput and latency at 50 concurrent clients, without and with an active
//     freeze, beside a bare node:http server answering the same JSON, same machine, same run; and its
//     latency while 8 clients fetch web-view PNGs that are never cached, beside the gate alone.
//  4. drafting the postmortem of an incident with 10,000 timeline entries: rendering alone, and
//     the whole GET /api/v1/incidents/:id/postmortem.md (read from PGlite, render, send).
//  5. commands carried out per second in one incident and across ten, on PGlite and PostgreSQL.
//  6. the public status page (page and JSON) at 50 concurrent clients beside a bare node:http server.
//  7. start to healthy and resident memory, compiled (npm start) beside tsx, on both databases.
//  8. the deploy gate's throughput while 20 pipelines report 1,000 deploys a minute, beside none.
//  9. /insights and GET /api/v1/insights over a year of data (bench/year-data.ts), on both databases.
// 10. the bot after a year of use, as its own process: commands, pages, the status page, the largest
//     postmortem, db:backup and db:copy, resident memory (bench/year.ts).
// `npm run bench -- gate` (or ack, declare, postmortem, commands, status, startup, deploys, insights)
// runs one part.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { stringify } from 'yaml';
import { loadConfig } from '../src/config/index.ts';
import { createLogger } from '../src/log.ts';
import { startBot, type RunningBot } from '../src/runtime.ts';
import { SlackDriver } from '../tests/fakes/driver.ts';
import { FakeSlack } from '../tests/fakes/slack.ts';
import { waitFor, waitUntilIdle } from '../tests/fakes/wait-for.ts';
import { dueJobCount } from '../src/jobs/queue.ts';
import { seedWorkspace } from '../tests/fakes/workspace.ts';
import { renderPostmortem } from '../src/domain/postmortem/render.ts';
import { loadPostmortemRecord } from '../src/store/postmortem-record.ts';
import type { TestBackend } from '../tests/support/backend.ts';
import { ackLatency } from './ack.ts';
import type { GetLoadRequest } from './load-client.ts';
import { backgroundLoad, runLoadProcess } from './run-load.ts';
import { issueWebLogin, redeemWebLogin } from '../src/app/web-sessions.ts';
import { SESSION_COOKIE } from '../src/http/routes/web.ts';
import { ms, percentile, type LoadResult } from './stats.ts';
import { generateYear, YEAR } from './year-data.ts';

const SECRET = 'bench-secret';
const CLIENTS = 50;
const DECLARES = Number(process.env.BENCH_DECLARES ?? 10);
const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const GATE_PER_CLIENT = Number(process.env.BENCH_GATE_PER_CLIENT ?? 400);
const PARTS = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['ack', 'declare', 'gate', 'postmortem', 'commands', 'status', 'startup', 'deploys', 'insights', 'year'];
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 100);
const DRAFT_ENTRIES = 10_000;

async function startBenchBot(
  slack: FakeSlack,
  databaseUrl?: string,
  env: Record<string, string> = {},
  pollMs = 100,
  file: Record<string, unknown> = {
    announcements_channel: 'incidents',
    services: [{ id: 'api', responders: ['bob@example.com'] }],
  },
): Promise<{ bot: RunningBot; cleanup(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'incident-bot-bench-'));
  writeFileSync(path.join(dataDir, 'c.yml'), stringify({ backup: false, ...file }));
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    INCIDENT_CONFIG: path.join(dataDir, 'c.yml'),
    LOG_LEVEL: 'silent',
    ...env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const bot = await startBot({ config: loaded.config, logger: createLogger('silent'), pollMs });
  const cleanup = async () => {
    await bot.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return { bot, cleanup };
}

async function declareFlow(label: string, databaseUrl?: string) {
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  const { bot, cleanup } = await startBenchBot(slack, databaseUrl);
  try {
    const driver = new SlackDriver(`${bot.url}/slack/events`, SECRET, slack);
    const durations: number[] = [];
    for (let i = 0; i < DECLARES + 1; i++) {
      const callsBefore = slack.calls.length;
      const t0 = Date.now();
      await driver.command(`declare Flow ${i} --sev SEV2 --services api`);
      // Done when the room has its pinned header and the announcement is out.
      await waitFor(
        async () =>
          (await bot.ctx.db.incident.count({ where: { headerTs: { not: null } } })) === i + 1 &&
          (await dueJobCount(bot.ctx.db, new Date())) === 0,
        'the declare flow',
        30_000,
      );
      const last = Math.max(...slack.calls.slice(callsBefore).map((c) => c.at));
      if (i > 0) durations.push(last - t0); // the first run warms up
    }
    durations.sort((a, b) => a - b);
    console.log(
      `   ${label.padEnd(10)} median ${ms(percentile(durations, 50)).padStart(9)}  max ${ms(durations.at(-1)!).padStart(9)}  (${durations.length} declares)`,
    );
  } finally {
    await cleanup();
    await slack.stop();
  }
}

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> } | null> {
  const admin = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch {
    return null;
  }
  const name = `incident_bot_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: POSTGRES_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

// One part on PGlite, then on a fresh PostgreSQL database when the server answers.
async function onBothBackends(part: (label: string, databaseUrl?: string) => Promise<void>) {
  await part('PGlite');
  const postgres = await postgresDatabase();
  if (!postgres) return console.log(`   PostgreSQL not reachable at ${POSTGRES_URL}: skipped`);
  await part('PostgreSQL', postgres.url);
  await postgres.drop();
}

// One of our routes beside a bare node:http server answering the same bytes in this process, with
// the load from another process: saturated, then at a steady 500 requests/s.
async function againstBare(o: {
  name: string;
  url: string;
  token: string;
  status: number;
  body: string;
  headers: Record<string, string>;
  p99GoalMs: number;
}) {
  const bare = http.createServer((_req, res) => {
    res.writeHead(o.status, { ...o.headers, 'content-length': Buffer.byteLength(o.body) });
    res.end(o.body);
  });
  await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}${new URL(o.url).pathname}`;
  const request = (url: string, rounds: number, intervalMs?: number): GetLoadRequest => ({
    mode: 'get',
    url,
    token: o.token,
    clients: CLIENTS,
    rounds,
    expectStatus: o.status,
    intervalMs,
  });
  await runLoadProcess(request(bareUrl, 20));
  await runLoadProcess(request(o.url, 20));
  const bareResult = await runLoadProcess(request(bareUrl, GATE_PER_CLIENT));
  const ours = await runLoadProcess(request(o.url, GATE_PER_CLIENT));
  const barePaced = await runLoadProcess(request(bareUrl, 60, 100));
  const oursPaced = await runLoadProcess(request(o.url, 60, 100));
  bare.close();
  const ratio = ours.requests / ours.seconds / (bareResult.requests / bareResult.seconds);
  const line = (name: string, r: LoadResult) =>
    `      ${name.padEnd(14)} ${(r.requests / r.seconds).toFixed(0).padStart(6)} req/s  p50 ${ms(r.p50).padStart(8)}  p99 ${ms(r.p99).padStart(8)}  errors ${r.errors}`;
  console.log(`    saturation: ${CLIENTS} clients × ${GATE_PER_CLIENT} requests back to back`);
  console.log(line('bare node:http', bareResult));
  console.log(line(o.name, ours));
  console.log(`      throughput ours/bare ×${ratio.toFixed(2)} (goal ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'NOT met'})`);
  console.log(`    steady: ${CLIENTS} clients × 60 requests, one every 100 ms each (${CLIENTS * 10} req/s)`);
  console.log(line('bare node:http', barePaced));
  console.log(line(o.name, oursPaced));
  // The bare server's own p99 is this machine's floor (scheduling, GC): read ours against it.
  console.log(
    `      p99 ${ms(oursPaced.p99)} beside the bare server's ${ms(barePaced.p99)} (goal < ${o.p99GoalMs} ms: ${oursPaced.p99 < o.p99GoalMs ? 'met' : 'NOT met'})`,
  );
}

async function gateBench() {
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  // The worker polls at its production default (1 s): on PGlite each poll holds the event loop briefly.
  const { bot, cleanup } = await startBenchBot(slack, undefined, { DEPLOY_GATE_TOKENS: 'bench:gate-token' }, 1_000);
  try {
    const driver = new SlackDriver(`${bot.url}/slack/events`, SECRET, slack);
    const { replies } = await driver.command('declare Gate bench --sev SEV3 --services api');
    await waitFor(() => replies().some((r) => String(r.text).includes('is open')), 'the bench incident', 30_000);
    const room = (await bot.ctx.db.incident.findFirstOrThrow({ where: { title: 'Gate bench' } })).channelId!;
    const idle = () => waitUntilIdle(bot.ctx.db, undefined, 'the queue to drain', 60_000);
    await idle();
    const query = '/api/v1/deploy-gate?service=api&environment=production&version=abc1234def5678';
    const scenario = async (label: string) => {
      const answer = await fetch(`${bot.url}${query}`, { headers: { authorization: 'Bearer gate-token' } });
      console.log(`   ${label} (HTTP ${answer.status})`);
      await againstBare({
        name: 'deploy gate',
        url: `${bot.url}${query}`,
        token: 'gate-token',
        status: answer.status,
        body: await answer.text(),
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        p99GoalMs: 5,
      });
    };

    console.log('\n3. Deploy gate, bot on PGlite, load from another process over keep-alive connections');
    await scenario('a) no freeze');
    await driver.command('freeze bench freeze', { channel: room });
    await idle();
    await scenario('b) freeze active, every request blocked and recorded (repeats collapsed)');
    await bot.ctx.deployGate.decisions.flush();
    const recorded = await bot.ctx.db.gateDecision.aggregate({ _sum: { count: true } });
    console.log(`      blocked deploys recorded: ${recorded._sum.count} (one row, one timeline entry with that count)`);
    await gateBesidePngs(bot, driver, query);
  } finally {
    await cleanup();
    await slack.stop();
  }
}

// c) The gate while 8 clients fetch the web view's impact PNGs, each a chart not drawn before (more
// incidents than the PNG cache keeps, asked in turn): rendering runs off the event loop, two at a
// time, so the gate's answers wait for neither.
const PNG_CLIENTS = 8;
const PNG_INCIDENTS = 80;
async function gateBesidePngs(bot: RunningBot, driver: SlackDriver, query: string) {
  const numbers: number[] = [];
  for (let i = 0; i < PNG_INCIDENTS; i++) {
    const { replies } = await driver.command(`declare Chart ${i} --sev SEV2 --services api`);
    await waitFor(() => replies().some((r) => String(r.text).includes('is open')), 'a chart incident', 30_000);
    const incident = await bot.ctx.db.incident.findFirstOrThrow({ where: { title: `Chart ${i}` } });
    // A large chart: 20 services, each down twice and degraded once over the last hour (written
    // directly: through Slack it would be 1,200 commands).
    const now = Date.now();
    await bot.ctx.db.impactWindow.createMany({
      data: Array.from({ length: 20 }, (_, k) =>
        [
          { startedAt: now - (60 - k) * 60_000, endedAt: now - (45 - k) * 60_000, degraded: false },
          { startedAt: now - (40 - k) * 60_000, endedAt: now - (30 - k) * 60_000, degraded: true },
          { startedAt: now - (20 - k / 2) * 60_000, endedAt: null, degraded: false },
        ].map((w) => ({
          incidentId: incident.id,
          service: `service-${k}`,
          startedAt: new Date(w.startedAt),
          endedAt: w.endedAt === null ? null : new Date(w.endedAt),
          degraded: w.degraded,
          recordedBy: 'U0ALICE01',
        })),
      ).flat(),
    });
    numbers.push(incident.number);
  }
  await waitUntilIdle(bot.ctx.db, undefined, 'the queue to drain', 120_000);
  const link = await issueWebLogin(bot.ctx, { userId: 'U0ALICE01', teamId: driver.teamId });
  const session = await redeemWebLogin(bot.ctx.db, new Date(), new URL(link.url).pathname.split('/').pop()!);
  const cookie = `${SESSION_COOKIE}=${session!.sessionId}`;
  const png = await fetch(`${bot.url}/incidents/${numbers[0]}/impact.png`, { headers: { cookie } });
  if (png.status !== 200) throw new Error(`impact.png answered ${png.status}`);
  const pngBytes = (await png.arrayBuffer()).byteLength;

  const gateLoad = (): Promise<LoadResult> =>
    runLoadProcess({
      mode: 'get',
      url: `${bot.url}${query}`,
      token: 'gate-token',
      clients: 4,
      rounds: 100,
      intervalMs: 50,
      expectStatus: 423,
    });
  const alone = await gateLoad();
  const pngs = backgroundLoad({
    mode: 'get',
    url: `${bot.url}/`,
    token: '',
    headers: { cookie },
    paths: numbers.map((n) => `/incidents/${n}/impact.png`),
    clients: PNG_CLIENTS,
    rounds: 1_000_000,
    expectStatus: 200,
  });
  let beside: LoadResult;
  try {
    // The PNG clients going (connections open, rendering under way) before measuring.
    await pngs.steady;
    beside = await gateLoad();
  } finally {
    pngs.stop();
  }
  const line = (name: string, r: LoadResult) =>
    `      ${name.padEnd(24)} p50 ${ms(r.p50).padStart(8)}  p99 ${ms(r.p99).padStart(8)}  errors ${r.errors}`;
  console.log(
    `   c) the gate (4 clients, one request every 50 ms each) beside ${PNG_CLIENTS} clients fetching impact PNGs of ${PNG_INCIDENTS} incidents in turn (${pngBytes} bytes each, none cached)`,
  );
  console.log(line('gate alone', alone));
  console.log(line(`gate beside ${PNG_CLIENTS} PNG clients`, beside));
  console.log(
    `      p50 ${ms(beside.p50)} (goal < 50 ms: ${beside.p50 < 50 ? 'met' : 'NOT met'}), ×${(beside.p50 / alone.p50).toFixed(1)} the gate alone`,
  );
}

// `npm run bench -- deploys`: the gate's throughput (50 clients back to back) while 20 pipelines
// report 1,000 deploys a minute, beside the same run without them: runs interleaved, medians.
const PIPELINES = 20;
const DEPLOYS_PER_MINUTE = 1_000;
const ROUNDS = 5;
async function gateBesideDeploys(label: string, databaseUrl?: string) {
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  const tokens = Array.from({ length: PIPELINES }, (_, i) => `pipeline-${i}:deploy-token-${i}`);
  const { bot, cleanup } = await startBenchBot(
    slack,
    databaseUrl,
    { DEPLOY_GATE_TOKENS: ['bench:gate-token', ...tokens].join(',') },
    1_000,
  );
  try {
    const query = '/api/v1/deploy-gate?service=api&environment=production&version=abc1234def5678';
    const gate = () =>
      runLoadProcess({
        mode: 'get',
        url: `${bot.url}${query}`,
        token: 'gate-token',
        clients: CLIENTS,
        rounds: 1_000, // about 6 s a measure: shorter ones swung ×1.5 between rounds
        expectStatus: 200,
      });
    const reportLoad = (): GetLoadRequest => ({
      mode: 'get',
      url: `${bot.url}/api/v1/deploys`,
      token: '',
      tokens: tokens.map((t) => t.split(':')[1]!),
      post: '{"service":"api","environment":"production","version":"v{client}-{n}","status":"succeeded"}',
      clients: PIPELINES,
      rounds: 1_000_000,
      // Each pipeline one report every 1.2 s: 20 of them make 1,000 a minute.
      intervalMs: (60_000 * PIPELINES) / DEPLOYS_PER_MINUTE,
      expectStatus: 201,
    });
    const deploys = () => backgroundLoad(reportLoad());
    // What one report costs the bot's process (the gate's process): CPU over 2,000 reports sent as
    // fast as 20 pipelines can (their process's warm-up of 1,000 included), a figure the rounds' noise does not move.
    const cpuBefore = process.cpuUsage();
    const burst = await runLoadProcess({ ...reportLoad(), rounds: 100, intervalMs: undefined });
    const cpu = process.cpuUsage(cpuBefore);
    const cpuPerReport = (cpu.user + cpu.system) / 1000 / (burst.requests + PIPELINES * 50);
    await gate(); // warm-up
    const alone: number[] = [];
    const beside: number[] = [];
    const rate = (r: LoadResult) => r.requests / r.seconds;
    // Deploys recorded a minute during each round beside them (the gate's load process started,
    // warmed up and measured): the load as it happened.
    const reported: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      alone.push(rate(await gate()));
      const reporting = deploys();
      try {
        // The reporters' own start (a process compiling TypeScript) is over before the gate is measured.
        await reporting.steady;
        const before = await bot.ctx.db.change.count();
        const t0 = performance.now();
        beside.push(rate(await gate()));
        const minutes = (performance.now() - t0) / 60_000;
        reported.push(((await bot.ctx.db.change.count()) - before) / minutes);
      } finally {
        reporting.stop();
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const recorded = await bot.ctx.db.change.count();
    const ratio = median(beside) / median(alone);
    console.log(`   ${label}`);
    console.log(
      `   alone          ${alone.map((r) => r.toFixed(0)).join(', ')} req/s (median ${median(alone).toFixed(0)})`,
    );
    console.log(
      `   with reports   ${beside.map((r) => r.toFixed(0)).join(', ')} req/s (median ${median(beside).toFixed(0)})`,
    );
    console.log(
      `   one report costs this process ${cpuPerReport.toFixed(2)} ms of CPU: ${((cpuPerReport * DEPLOYS_PER_MINUTE) / 600).toFixed(1)}% of a core at ${DEPLOYS_PER_MINUTE} a minute`,
    );
    console.log(
      `   deploys a minute during those rounds: ${reported.map((r) => r.toFixed(0)).join(', ')} (goal ${DEPLOYS_PER_MINUTE})`,
    );
    console.log(
      `   ×${ratio.toFixed(2)} (goal: within 10%, ≥ 0.90: ${ratio >= 0.9 ? 'met' : 'NOT met'}); ${recorded} deploys recorded`,
    );
  } finally {
    await cleanup();
    await slack.stop();
  }
}

if (PARTS.includes('deploys')) {
  console.log(
    `\n8. The deploy gate (${CLIENTS} clients back to back) while ${PIPELINES} pipelines report ${DEPLOYS_PER_MINUTE} deploys a minute, beside none (interleaved, ${ROUNDS} rounds)`,
  );
  await onBothBackends(gateBesideDeploys);
}

if (PARTS.includes('ack')) {
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  for (const backend of (process.env.BENCH_ACK_BACKENDS ?? 'pglite,postgres').split(',') as TestBackend[]) {
    if (backend === 'postgres' && !(await postgresReachable())) {
      console.log(`   PostgreSQL not reachable at ${POSTGRES_URL}: skipped`);
      continue;
    }
    await ackLatency(slack, backend);
  }
  await slack.stop();
}

if (PARTS.includes('declare')) {
  console.log(
    '\n2. Declare flow: command sent → last Slack call (channel, topic, purpose, invites, header, pin, announcement, reply)',
  );
  await onBothBackends(declareFlow);
}

if (PARTS.includes('gate')) await gateBench();

// The public status page under load: the page and the JSON against a bare node:http server
// answering the same bytes, in the same process, same run.
async function statusPageBench() {
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  const file = {
    status_page: { title: 'Bench Status' },
    services: ['api', 'web', 'db', 'search', 'billing', 'auth'].map((id, i) => ({
      id,
      name: `Service ${id}`,
      group: i < 3 ? 'Core' : 'Other',
    })),
  };
  const { bot, cleanup } = await startBenchBot(slack, undefined, {}, 1_000, file);
  try {
    const driver = new SlackDriver(`${bot.url}/slack/events`, SECRET, slack);
    const { replies } = await driver.command('declare Status bench --sev SEV2 --services api');
    await waitFor(() => replies().some((r) => String(r.text).includes('is open')), 'the bench incident', 30_000);
    const room = (await bot.ctx.db.incident.findFirstOrThrow({ where: { title: 'Status bench' } })).channelId!;
    for (const text of [
      'statuspage --title "Elevated errors" --components api=major_outage,web=degraded_performance Investigating',
      'statuspage --status identified Found the cause',
      'statuspage --status monitoring --components api=partial_outage Recovering',
    ])
      await driver.command(text, { channel: room });
    await waitUntilIdle(bot.ctx.db, undefined, 'the queue to drain', 60_000);
    console.log('\n6. Public status page, bot on PGlite, 50 concurrent keep-alive clients from another process');
    for (const route of ['/api/v2/summary.json', '/status']) {
      const answer = await fetch(`${bot.url}${route}`);
      const body = await answer.text();
      console.log(`   GET ${route} (${Buffer.byteLength(body)} bytes)`);
      await againstBare({
        name: 'status page',
        url: `${bot.url}${route}`,
        token: 'none',
        status: 200,
        body,
        headers: Object.fromEntries(answer.headers),
        p99GoalMs: 10,
      });
    }
  } finally {
    await cleanup();
    await slack.stop();
  }
}

if (PARTS.includes('status')) await statusPageBench();

if (PARTS.includes('startup')) {
  const { startupBench } = await import('./startup.ts');
  await startupBench();
}

async function postmortemBench() {
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  const { bot, cleanup } = await startBenchBot(slack, undefined, { API_TOKENS: 'bench-read' }, 1_000);
  try {
    const driver = new SlackDriver(`${bot.url}/slack/events`, SECRET, slack);
    const { replies } = await driver.command('declare Long incident --sev SEV2 --services api');
    await waitFor(() => replies().some((r) => String(r.text).includes('is open')), 'the bench incident', 30_000);
    await waitUntilIdle(bot.ctx.db, undefined, 'the room', 60_000);
    const incident = await bot.ctx.db.incident.findFirstOrThrow({ where: { title: 'Long incident' } });
    const start = incident.declaredAt.getTime() - 86_400_000;
    // Inserted in a scrambled order so the draft has to sort them.
    const rows = Array.from({ length: DRAFT_ENTRIES }, (_, i) => {
      const at = new Date(start + ((i * 7_919) % DRAFT_ENTRIES) * 8_000);
      return {
        incidentId: incident.id,
        seq: 100 + i,
        kind: 'note',
        text: `Entry ${i}: checked dashboards, rolled pods, noted error rates | step ${i}`,
        actorId: 'U0BOB0001',
        occurredAt: at,
        recordedAt: new Date(at.getTime() + (i % 3) * 90_000),
      };
    });
    for (let i = 0; i < rows.length; i += 1_000)
      await bot.ctx.db.timelineEntry.createMany({ data: rows.slice(i, i + 1_000) });
    const record = await loadPostmortemRecord(bot.ctx.db, incident.id);
    const renders: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      bytes = renderPostmortem(record).length;
      if (i) renders.push(performance.now() - t0);
    }
    const requests: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const res = await fetch(`${bot.url}/api/v1/incidents/${incident.number}/postmortem.md`, {
        headers: { authorization: 'Bearer bench-read' },
      });
      await res.text();
      if (i) requests.push(performance.now() - t0);
    }
    renders.sort((a, b) => a - b);
    requests.sort((a, b) => a - b);
    console.log(
      `\n4. Postmortem draft of an incident with ${record.timeline.length} timeline entries (${(bytes / 1024).toFixed(0)} KiB of Markdown)`,
    );
    console.log(
      `   render only          median ${ms(percentile(renders, 50)).padStart(9)}  max ${ms(renders.at(-1)!).padStart(9)}`,
    );
    console.log(
      `   GET postmortem.md    median ${ms(percentile(requests, 50)).padStart(9)}  max ${ms(requests.at(-1)!).padStart(9)}  (read from PGlite, render, send; goal < 1 s: ${requests.at(-1)! < 1_000 ? 'met' : 'NOT met'})`,
    );
  } finally {
    await cleanup();
    await slack.stop();
  }
}

if (PARTS.includes('postmortem')) await postmortemBench();

// 5. Commands carried out per second: `note` commands typed back to back (each sent as soon as the
// previous one was acknowledged) in one incident's channel, and the same from ten typists at once
// in ten incidents' channels. Ordered per channel, so one incident runs its commands one at a time
// while different incidents run in parallel. The driver runs in the bot's process.
async function commandThroughput(label: string, databaseUrl?: string) {
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  const { bot, cleanup } = await startBenchBot(slack, databaseUrl);
  try {
    const driver = new SlackDriver(`${bot.url}/slack/events`, SECRET, slack);
    const rooms: { id: string; channelId: string }[] = [];
    for (let i = 0; i < 10; i++) {
      await driver.command(`declare Throughput ${i} --sev SEV3 --services api`);
      const incident = await waitFor(
        () => bot.ctx.db.incident.findFirst({ where: { title: `Throughput ${i}`, channelId: { not: null } } }),
        'the room',
        30_000,
      );
      rooms.push({ id: incident.id, channelId: incident.channelId! });
    }
    const idle = () => waitUntilIdle(bot.ctx.db, undefined, 'the queue to drain', 300_000);
    await idle();
    const typist = async (room: { channelId: string }, count: number, tag: string) => {
      for (let n = 0; n < count; n++) await driver.command(`note ${tag} ${n}`, { channel: room.channelId });
    };
    const notes = (incidentIds: string[]) =>
      bot.ctx.db.timelineEntry.count({ where: { incidentId: { in: incidentIds }, kind: 'note' } });
    const run = async (targets: typeof rooms, perRoom: number, tag: string) => {
      const before = await notes(targets.map((r) => r.id));
      const t0 = performance.now();
      await Promise.all(targets.map((room) => typist(room, perRoom, tag)));
      await waitFor(
        async () => (await notes(targets.map((r) => r.id))) - before === targets.length * perRoom,
        'the notes',
        300_000,
      );
      return (targets.length * perRoom) / ((performance.now() - t0) / 1000);
    };
    await run(rooms.slice(0, 1), 10, 'warm-up');
    await idle();
    const one = await run(rooms.slice(0, 1), COMMANDS, 'one');
    await idle();
    const ten = await run(rooms, COMMANDS, 'ten');
    await idle();
    console.log(
      `   ${label.padEnd(10)} one incident ${one.toFixed(0).padStart(5)} commands/s   10 incidents ${ten.toFixed(0).padStart(5)} commands/s  (×${(ten / one).toFixed(2)})`,
    );
  } finally {
    await cleanup();
    await slack.stop();
  }
}

if (PARTS.includes('commands')) {
  console.log(`\n5. Commands carried out per second (${COMMANDS} notes typed back to back per channel)`);
  await onBothBackends(commandThroughput);
}

// `npm run bench -- insights`: the insights page and API over a year of data, sequential requests
// (the figure a person waits for), p50 and p99; the default 90 days and the whole year.
const INSIGHTS_REQUESTS = Number(process.env.BENCH_INSIGHTS_REQUESTS ?? 21);
async function insightsOverAYear(label: string, databaseUrl?: string) {
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  const { bot, cleanup } = await startBenchBot(slack, databaseUrl, { API_TOKENS: 'bench-read' }, 1_000, {
    services: Array.from({ length: YEAR.services }, (_, i) => ({ id: `svc-${String(i + 1).padStart(2, '0')}` })),
  });
  try {
    const t0 = Date.now();
    await generateYear(bot.ctx.db, new Date());
    const generated = Date.now() - t0;
    const link = await issueWebLogin(bot.ctx, { userId: 'U0ALICE01', teamId: 'T0FAKE001' });
    const session = await redeemWebLogin(bot.ctx.db, new Date(), new URL(link.url).pathname.split('/').pop()!);
    const cookie = `${SESSION_COOKIE}=${session!.sessionId}`;
    const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    const measure = async (path: string, headers: Record<string, string>) => {
      const times: number[] = [];
      for (let i = 0; i < INSIGHTS_REQUESTS; i++) {
        const start = performance.now();
        const response = await fetch(`${bot.url}${path}`, { headers });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        if (i > 0) times.push(performance.now() - start); // the first warms up
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      console.log(
        `   ${label.padEnd(10)} ${path.padEnd(48)} p50 ${ms(p50).padStart(9)}  p99 ${ms(percentile(times, 99)).padStart(9)}  (goal p50 < 1 s: ${p50 < 1_000 ? 'met' : 'NOT met'})`,
      );
    };
    const db = bot.ctx.db;
    const [incidents, entries, items, decisions, changes] = await Promise.all([
      db.incident.count(),
      db.timelineEntry.count(),
      db.actionItem.count(),
      db.gateDecision.count(),
      db.change.count(),
    ]);
    console.log(
      `   ${label}: a year generated in ${ms(generated)} (${incidents} incidents, ${entries} timeline entries, ${items} action items, ${decisions} gate decisions, ${changes} deploys)`,
    );
    await measure('/insights', { cookie });
    await measure(`/insights?from=${yearAgo}&to=${today}`, { cookie });
    await measure(`/api/v1/insights?from=${yearAgo}&to=${today}`, { authorization: 'Bearer bench-read' });
    await measure(`/insights.csv?from=${yearAgo}&to=${today}`, { cookie });
  } finally {
    await cleanup();
    await slack.stop();
  }
}

if (PARTS.includes('insights')) {
  console.log(
    `\n9. Insights over a year: ${YEAR.incidents} incidents (${YEAR.open} open), ${YEAR.timelineEntries} timeline entries, ${YEAR.actionItems} action items, ${YEAR.deploys} deploys; ${INSIGHTS_REQUESTS - 1} requests after a warm-up`,
  );
  await onBothBackends(insightsOverAYear);
}

if (PARTS.includes('year')) {
  const { yearBench } = await import('./year.ts');
  await yearBench();
}
