// `npm run bench -- year`: the bot after a year of use (bench/year-data.ts), run as production runs
// it (dist/main.js, its own process), on the embedded database and on PostgreSQL: p50 and p99 of
// the commands and pages people use, the status page cold and cached, the largest postmortem,
// `db:backup` and `db:copy`, and the bot's resident memory after it all.
import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase } from '../src/store/database.ts';
import { SlackDriver } from '../tests/fakes/driver.ts';
import { FAKE_BOT_USER_ID, FakeSlack } from '../tests/fakes/slack.ts';
import { waitFor } from '../tests/fakes/wait-for.ts';
import { seedWorkspace } from '../tests/fakes/workspace.ts';
import { createTestDatabase, type TestBackend } from '../tests/support/backend.ts';
import { BotProcess, freePort } from '../tests/support/bot-process.ts';
import { SIGNING_SECRET } from '../tests/support/test-bot.ts';
import { generateYear, HEADER_TS, YEAR } from './year-data.ts';
import { ms, percentile } from './stats.ts';

const run = promisify(execFile);
const SAMPLES = Number(process.env.BENCH_YEAR_SAMPLES ?? 20);
const ROOT = path.resolve(import.meta.dirname, '..');
const LARGEST = 'C000000001';
const OPEN = `C${String(YEAR.incidents).padStart(9, '0')}`;
const SERVICES = Array.from({ length: YEAR.services }, (_, i) => ({ id: `svc-${String(i + 1).padStart(2, '0')}` }));
const FILE = { announcements_channel: 'incidents', status_page: { title: 'Acme Status' }, services: SERVICES };
const GOAL = { p50: 300, p99: 1_000 };

type Row = { name: string; p50: number; p99: number; goal?: string };
// BENCH_YEAR_MEMORY=1: the bot's resident memory after each measurement, to see what grows it.
let watched: number | null = null;

function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

// The first run warms up; the rest are the figure.
// `once` may time itself (returning the milliseconds) when part of it is preparation.
async function sample(name: string, once: (i: number) => Promise<unknown>, samples = SAMPLES): Promise<Row> {
  const times: number[] = [];
  for (let i = 0; i <= samples; i++) {
    const start = performance.now();
    const own = await once(i);
    if (i > 0) times.push(typeof own === 'number' ? own : performance.now() - start);
  }
  times.sort((a, b) => a - b);
  if (watched) console.log(`      (${name}: ${memoryMb(watched).rss} MB)`);
  return { name, p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
}

async function yearOn(backend: TestBackend, slack: FakeSlack): Promise<void> {
  const location = await createTestDatabase(backend);
  const generatedIn = performance.now();
  const database = await openDatabase({ databaseUrl: location.databaseUrl, dataDir: location.dataDir });
  await generateYear(database.prisma, new Date());
  await database.close();
  const generated = performance.now() - generatedIn;
  const bot = new BotProcess(slack, location, await freePort(), FILE, { LOG_LEVEL: 'warn', API_TOKENS: 'year-read' });
  const rows: Row[] = [];
  try {
    const startedIn = performance.now();
    await bot.start();
    const started = performance.now() - startedIn;
    if (process.env.BENCH_YEAR_MEMORY) {
      watched = bot.pid!;
      console.log(`      (started: ${memoryMb(watched).rss} MB)`);
    }
    const driver = new SlackDriver(`${bot.url}/slack/events`, SIGNING_SECRET, slack);
    const { ack } = await driver.command('web');
    const link = /<(http[^|>]+\/login\/[A-Za-z0-9_-]+)\|/.exec(String(ack.json?.text ?? ''))![1]!;
    const signIn = await fetch(`${bot.url}${new URL(link).pathname}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: `http://localhost:${bot.port}` },
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;

    rows.push(
      await sample('/incident list (100 open)', async () => {
        const { ack } = await driver.command('list');
        if (!String(ack.json?.text).includes('Open incidents')) throw new Error('no list');
      }),
    );
    rows.push(
      await sample(`/incident timeline (${YEAR.largestIncidentEntries} entries)`, async () => {
        // Answered privately (chat.postEphemeral), its latest page.
        const before = slack.ephemerals.length;
        const { replies } = await driver.command('timeline', { channel: LARGEST });
        await waitFor(
          () => slack.ephemerals.length > before || replies().length > 0 || undefined,
          'the timeline',
          30_000,
        );
        if (replies().length) throw new Error(`timeline: ${JSON.stringify(replies())}`);
      }),
    );
    rows.push(
      await sample('header update (/incident sev, to the edit)', async (i) => {
        const before = slack.calls.length;
        await driver.command(`sev SEV${(i % 3) + 1} bench`, { channel: OPEN });
        await waitFor(
          () =>
            slack.calls
              .slice(before)
              .some(
                (c) =>
                  (c.method === 'chat.update' || c.method === 'chat.postMessage') &&
                  c.args.channel === OPEN &&
                  c.args.blocks,
              ) || undefined,
          'the header',
          30_000,
        );
      }),
    );
    const from = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    for (const query of [
      '',
      '?status=open',
      '?severity=SEV1',
      '?service=svc-07',
      '?q=errors',
      '?drills=only',
      `?from=${from}`,
    ]) {
      rows.push(await sample(`/incidents${query}`, () => get(`${bot.url}/incidents${query}`, { cookie })));
    }
    rows.push(
      await sample(`/incidents/1 (${YEAR.largestIncidentEntries} entries)`, () =>
        get(`${bot.url}/incidents/1`, { cookie }),
      ),
    );
    // Cold: the first request after a publication (which drops the cached page).
    for (const page of ['/status', '/api/v2/summary.json']) {
      rows.push(
        await sample(`${page} cold`, async (i) => {
          // Published once the room is told so; the request after it is timed alone.
          const room = slack.channels.get(OPEN)!.messages;
          const before = room.length;
          const { replies } = await driver.command(
            `statuspage --title "Elevated errors" --components svc-01=${i % 2 ? 'degraded_performance' : 'partial_outage'} Looking into it ${page} ${i}.`,
            { channel: OPEN },
          );
          await waitFor(() => room.length > before || undefined, 'the publication', 30_000);
          if (replies().length) throw new Error(`statuspage: ${JSON.stringify(replies())}`);
          const start = performance.now();
          await get(`${bot.url}${page}`);
          return performance.now() - start;
        }),
      );
      rows.push(await sample(`${page} cached`, () => get(`${bot.url}${page}`)));
    }
    rows.push(
      await sample(`postmortem of the largest (${YEAR.largestIncidentEntries} entries)`, () =>
        get(`${bot.url}/api/v1/incidents/1/postmortem.md`, { authorization: 'Bearer year-read' }),
      ),
    );
    rows.push(await sample('/insights (90 days)', () => get(`${bot.url}/insights`, { cookie }), 10));
    // The heaviest reads there are: every incident of the year, on the page and in the CSV, and the
    // whole largest timeline as a file.
    const yearAgo = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10);
    const today = new Date().toISOString().slice(0, 10);
    const wholeYear = `?from=${yearAgo}&to=${today}`;
    rows.push(await sample('/insights (the year)', () => get(`${bot.url}/insights${wholeYear}`, { cookie }), 5));
    rows.push(
      await sample('/insights.csv (the year)', () => get(`${bot.url}/insights.csv${wholeYear}`, { cookie }), 5),
    );
    rows.push(
      await sample(
        '/incident timeline --all (10000 entries)',
        async () => {
          const { replies } = await driver.command('timeline --all', { channel: LARGEST });
          await waitFor(() => replies().length > 0 || undefined, 'the whole timeline', 30_000);
        },
        5,
      ),
    );
    const memory = memoryMb(bot.pid!);
    await bot.stop();

    const env = {
      ...process.env,
      DATA_DIR: location.dataDir,
      DATABASE_URL: location.databaseUrl ?? '',
      INCIDENT_CONFIG: path.join(location.dataDir, 'incident-bot.yml'),
    };
    const tools: string[] = [];
    if (backend === 'pglite') {
      const file = path.join(tmpdir(), `year-backup-${process.pid}.tar.gz`);
      let t0 = performance.now();
      await run('npx', ['tsx', 'scripts/db-backup.ts', file], { cwd: ROOT, env });
      const backup = performance.now() - t0;
      rmSync(file, { force: true });
      const target = await createTestDatabase('postgres');
      t0 = performance.now();
      await run('npx', ['tsx', 'scripts/db-copy.ts', '--to', target.databaseUrl!], { cwd: ROOT, env });
      const copy = performance.now() - t0;
      await target.drop();
      tools.push(
        `db:backup ${ms(backup)} (goal < 30 s: ${backup < 30_000 ? 'met' : 'NOT met'}), db:copy to PostgreSQL ${ms(copy)}`,
      );
    } else tools.push('db:backup and db:copy are of the embedded database (PostgreSQL has pg_dump)');

    const memoryGoal = backend === 'pglite' ? 550 : 350;
    console.log(
      `   ${backend === 'pglite' ? 'Embedded database (PGlite)' : 'PostgreSQL'}: a year generated in ${ms(generated)}, started in ${ms(started)}`,
    );
    for (const r of rows) {
      const goal = r.name.startsWith('/insights') ? { p50: 1_000, p99: Infinity } : GOAL;
      const met = r.p50 < goal.p50 && r.p99 < goal.p99;
      console.log(
        `      ${r.name.padEnd(52)} p50 ${ms(r.p50).padStart(9)}  p99 ${ms(r.p99).padStart(9)}  ${met ? 'met' : 'NOT met'}`,
      );
    }
    console.log(`      ${tools.join('; ')}`);
    console.log(
      `      resident memory after it all ${memory.rss} MB (peak ${memory.peak} MB; goal ≤ ${memoryGoal} MB: ${memory.peak <= memoryGoal ? 'met' : 'NOT met'})`,
    );
  } catch (error) {
    console.log(bot.output.slice(-3000));
    throw error;
  } finally {
    await bot.stop();
    await location.drop();
  }
}

export async function yearBench() {
  // The bot runs as `node dist/main.js`: built from the sources as they are now.
  await run('node', ['scripts/build.mjs', '--if-stale'], { cwd: ROOT });
  const slack = await new FakeSlack().start();
  seedWorkspace(slack);
  // The largest incident's room and an open one's, with Alice in them.
  for (const id of [LARGEST, OPEN])
    slack.addChannel({
      id,
      name: `inc-${id}`,
      is_private: false,
      members: new Set(['U0ALICE01', FAKE_BOT_USER_ID]),
      messages: [{ ts: HEADER_TS, user: FAKE_BOT_USER_ID, text: 'header' }],
    });
  try {
    console.log(
      `\n10. A year of use: ${YEAR.incidents} incidents (${YEAR.open} open), ${YEAR.timelineEntries} timeline entries, ${YEAR.actionItems} action items, ${YEAR.gateDecisions} gate decisions, ${YEAR.services} services with 90 days of status history; ${SAMPLES} requests each after a warm-up (goal p50 < 300 ms, p99 < 1 s)`,
    );
    for (const backend of (process.env.BENCH_YEAR_BACKENDS ?? 'pglite,postgres').split(',') as TestBackend[])
      await yearOn(backend, slack);
  } finally {
    await slack.stop();
  }
}
