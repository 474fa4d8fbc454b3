// Start to healthy and resident memory of the bot process as production runs it, beside the same
// bot run through tsx (TypeScript transpiled at start), on the embedded database and PostgreSQL.
import { readFileSync, utimesSync } from 'node:fs';
import path from 'node:path';
import { SlackDriver } from '../tests/fakes/driver.ts';
import { FakeSlack } from '../tests/fakes/slack.ts';
import { waitFor } from '../tests/fakes/wait-for.ts';
import { seedWorkspace } from '../tests/fakes/workspace.ts';
import { createTestDatabase, type TestBackend } from '../tests/support/backend.ts';
import { BotProcess, freePort } from '../tests/support/bot-process.ts';
import { SIGNING_SECRET } from '../tests/support/test-bot.ts';

const RUNS = Number(process.env.BENCH_STARTS ?? 3);
const SOURCE = path.resolve(import.meta.dirname, '../src/main.ts');
const FILE = { announcements_channel: 'incidents', services: [{ id: 'api' }, { id: 'web' }] };

// Resident memory now and at its peak, in MB, from the kernel's view of the process.
function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timedStart(bot: BotProcess): Promise<number> {
  const started = performance.now();
  await bot.start();
  return performance.now() - started;
}

async function measure(slack: FakeSlack, backend: TestBackend, compiled: boolean | 'npm', touch = false) {
  const location = await createTestDatabase(backend);
  const bot = new BotProcess(slack, location, await freePort(), FILE, { LOG_LEVEL: 'warn' }, compiled);
  try {
    const first = await timedStart(bot);
    const firstPeak = memory(bot.pid!).peak;
    await bot.stop();
    const again: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A source newer than the build: `npm start` rebuilds first, as it did before every start.
      if (touch) utimesSync(SOURCE, new Date(), new Date());
      again.push(await timedStart(bot));
      if (i < RUNS - 1) await bot.stop();
    }
    await new Promise((r) => setTimeout(r, 2_000));
    const idle = memory(bot.pid!);
    const driver = new SlackDriver(`${bot.url}/slack/events`, SIGNING_SECRET, slack);
    for (let i = 1; i <= 20; i++) await driver.command(`declare Memory bench ${i} --sev SEV3 --services api`);
    await waitFor(async () => bot.drained(60_000).then(() => true), 'the 20 incidents', 120_000);
    const busy = memory(bot.pid!);
    return { first, again: median(again), firstPeak, idle, busy };
  } finally {
    await bot.stop();
    await location.drop();
  }
}

export async function startupBench() {
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  try {
    console.log(`\n7. Start to healthy (median of ${RUNS} restarts) and resident memory of the bot process`);
    const backends = (process.env.BENCH_STARTUP_BACKENDS ?? 'pglite,postgres').split(',') as TestBackend[];
    for (const backend of backends) {
      const tsx = await measure(slack, backend, false);
      // BENCH_STARTUP_TSX_ONLY=1 measures a checkout that predates the build (a baseline).
      if (process.env.BENCH_STARTUP_TSX_ONLY) {
        console.log(
          `   ${backend}: tsx first ${(tsx.first / 1000).toFixed(2)} s (peak ${tsx.firstPeak} MB), restart ${(tsx.again / 1000).toFixed(2)} s, idle ${tsx.idle.rss} MB, after 20 incidents ${tsx.busy.rss} MB (peak ${tsx.busy.peak} MB)`,
        );
        continue;
      }
      const built = await measure(slack, backend, true);
      const line = (name: string, r: typeof tsx) =>
        `      ${name.padEnd(22)} first start ${(r.first / 1000).toFixed(2).padStart(5)} s (peak ${r.firstPeak} MB)  restart ${(r.again / 1000).toFixed(2).padStart(5)} s  idle ${r.idle.rss} MB  after 20 incidents ${r.busy.rss} MB (peak ${r.busy.peak} MB)`;
      console.log(`   ${backend === 'pglite' ? 'embedded database (PGlite)' : 'PostgreSQL'}`);
      console.log(line('tsx src/main.ts', tsx));
      console.log(line('node dist/main.js', built));
      const npm = await measure(slack, backend, 'npm');
      const rebuilt = await measure(slack, backend, 'npm', true);
      // npm's own process is what is measured here: its memory is not the bot's, so it is left out.
      const starts = (name: string, r: typeof tsx) =>
        `      ${name.padEnd(22)} first start ${(r.first / 1000).toFixed(2).padStart(5)} s  restart ${(r.again / 1000).toFixed(2).padStart(5)} s`;
      console.log(starts('npm start', npm));
      console.log(starts('npm start, src changed', rebuilt));
      const goal = backend === 'pglite' ? 4 : 2;
      console.log(
        `      npm start restart ×${(npm.again / rebuilt.again).toFixed(2)} of one that builds first (every start before the build check); goal < ${goal} s: ${npm.again < goal * 1000 ? 'met' : 'NOT met'}`,
      );
    }
  } finally {
    await slack.stop();
  }
}
