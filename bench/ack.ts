// Slash-command acknowledgement latency, measured as production runs: the bot started as
// `npm start` starts it (compiled, its own process), the bare Bolt baseline in its own plain node
// process, fake Slack here, the load from a fourth process.
import { fork } from 'node:child_process';
import path from 'node:path';
import { SlackDriver } from '../tests/fakes/driver.ts';
import { FAKE_BOT_ID, FAKE_BOT_USER_ID, type FakeSlack } from '../tests/fakes/slack.ts';
import { waitFor } from '../tests/fakes/wait-for.ts';
import { createTestDatabase, type TestBackend } from '../tests/support/backend.ts';
import { BotProcess, freePort } from '../tests/support/bot-process.ts';
import { SIGNING_SECRET } from '../tests/support/test-bot.ts';
import type { LoadRequest } from './load-client.ts';
import { runLoadProcess } from './run-load.ts';
import { ms, type LoadResult } from './stats.ts';

const CLIENTS = 50;
const PER_CLIENT = Number(process.env.BENCH_PER_CLIENT ?? 20);
// 1,000 samples per figure: a p99 of fewer moves with every hiccup of a shared machine.
const BURSTS = Number(process.env.BENCH_BURSTS ?? 20);
// The figure is for `/incident note`; BENCH_ACK_COMMAND=update measures a command that posts.
const COMMAND = process.env.BENCH_ACK_COMMAND ?? 'note';
const FILE = { announcements_channel: 'incidents', services: [{ id: 'api' }] };

async function bareBolt(slack: FakeSlack) {
  const port = await freePort();
  const child = fork(path.join(import.meta.dirname, 'bare-bolt.mjs'), {
    env: {
      PATH: process.env.PATH,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
      BOT_ID: FAKE_BOT_ID,
      BOT_USER_ID: FAKE_BOT_USER_ID,
      PORT: String(port),
    },
    execArgv: [],
  });
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`bare Bolt exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    stop: () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      return exited;
    },
  };
}

const load = (request: Omit<LoadRequest, 'secret'>, between?: () => Promise<unknown>) =>
  runLoadProcess({ ...request, secret: SIGNING_SECRET }, between);

export async function ackLatency(slack: FakeSlack, backend: TestBackend) {
  const location = await createTestDatabase(backend);
  // BENCH_BOT_NODE_OPTIONS=--cpu-prof profiles the bot process under this load.
  const env = { LOG_LEVEL: 'warn', NODE_OPTIONS: process.env.BENCH_BOT_NODE_OPTIONS ?? '' };
  const bot = new BotProcess(slack, location, await freePort(), FILE, env, true);
  await bot.start();
  const bare = await bareBolt(slack);
  try {
    const ours = new SlackDriver(`${bot.url}/slack/events`, SIGNING_SECRET, slack);
    await ours.command('declare Bench room --sev SEV3');
    const channel = await waitFor(
      () => [...slack.channels.values()].find((c) => c.name.includes('bench-room')),
      'the bench room',
      30_000,
    );
    const idle = () => bot.drained(300_000);
    const common = { responseUrlBase: slack.responseUrl(''), channel: channel.id, clients: CLIENTS };
    const oursAt = { ...common, url: `${bot.url}/slack/events`, text: `${COMMAND} bench` };
    const bareAt = { ...common, url: bare.url, text: 'noop' };
    // Warm-up, then: bursts of 50 commands at the same instant with the queue drained in between
    // (everyone in a channel typing at once), then 50 clients sending back to back, which is far
    // more work than one process drains: acknowledgements then compete with the queued work.
    await load({ ...oursAt, mode: 'burst', rounds: 2 }, idle);
    await load({ ...bareAt, mode: 'burst', rounds: 2 });
    const bareBurst = await load({ ...bareAt, mode: 'burst', rounds: BURSTS });
    const ourBurst = await load({ ...oursAt, mode: 'burst', rounds: BURSTS }, idle);
    const bareSustained = await load({ ...bareAt, mode: 'sustained', rounds: PER_CLIENT });
    const ourSustained = await load({ ...oursAt, mode: 'sustained', rounds: PER_CLIENT });
    const drained = performance.now();
    await idle();
    const drainSeconds = (performance.now() - drained) / 1000;

    const line = (name: string, r: LoadResult) =>
      `      ${name.padEnd(13)} p50 ${ms(r.p50).padStart(9)}  p99 ${ms(r.p99).padStart(9)}  ${(r.requests / r.seconds).toFixed(0).padStart(5)} req/s  errors ${r.errors}`;
    const ratio = (ours: LoadResult, base: LoadResult) => {
      const p99 = ours.p99 / base.p99;
      return `ratio ours/bare: p50 ×${(ours.p50 / base.p50).toFixed(2)}, p99 ×${p99.toFixed(2)} (goal ≤ ×2: ${p99 <= 2 ? 'met' : 'NOT met'})`;
    };
    const label = backend === 'pglite' ? 'the embedded database (PGlite)' : 'PostgreSQL';
    console.log(`\n1. /incident ${COMMAND} acknowledged through the real receiver, bot (npm start) on ${label}`);
    console.log(
      '   (each of ours is recorded durably before the ack, then carried out; the bare Bolt app acks a no-op)',
    );
    console.log(`   a) ${BURSTS} bursts of ${CLIENTS} concurrent commands`);
    console.log(line('bare Bolt', bareBurst));
    console.log(line('incident bot', ourBurst));
    console.log(`      ${ratio(ourBurst, bareBurst)}`);
    console.log(`   b) sustained: ${CLIENTS} clients × ${PER_CLIENT} commands back to back`);
    console.log(line('bare Bolt', bareSustained));
    console.log(line('incident bot', ourSustained));
    console.log(
      `      ${ratio(ourSustained, bareSustained)}; queue drained ${drainSeconds.toFixed(1)} s after the last ack`,
    );
  } finally {
    await bare.stop();
    await bot.stop();
    await location.drop();
  }
}
