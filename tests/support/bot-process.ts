// Runs the bot as a separate OS process, as `npm start` does, so tests can SIGKILL it.
import type { ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { stringify } from 'yaml';
import type { FakeSlack } from '../fakes/slack.ts';
import { waitFor } from '../fakes/wait-for.ts';
import type { TestDatabaseLocation } from './backend.ts';
import { startProcess } from './processes.ts';
import { SIGNING_SECRET, TEST_CONFIG_FILE, withoutBackups } from './test-bot.ts';

const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');
// What `npm start` runs (built by `npm run build`), with its flags (package.json's start script).
const BUILT_MAIN = path.resolve(import.meta.dirname, '../../dist/main.js');
// As `npm start` runs it (package.json; tests/tooling/start-script.test.ts keeps the two in step).
const START_FLAGS = ['--max-semi-space-size=1', '--max-old-space-size=256', '--enable-source-maps'];
// BENCH_OLD_SPACE tries another heap limit in the benchmarks.
const RUN_FLAGS = process.env.BENCH_OLD_SPACE
  ? START_FLAGS.map((f) =>
      f.startsWith('--max-old-space-size=') ? `--max-old-space-size=${process.env.BENCH_OLD_SPACE}` : f,
    )
  : START_FLAGS;

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export class BotProcess {
  private child: ChildProcess | null = null;
  output = '';

  constructor(
    private readonly slack: FakeSlack,
    private readonly location: TestDatabaseLocation,
    readonly port: number,
    file: Record<string, unknown> = TEST_CONFIG_FILE,
    private readonly extraEnv: Record<string, string> = {},
    // The compiled bot (dist/, built by the run's global setup), as `npm start` runs it: it starts
    // 1.2 s sooner than the TypeScript through tsx. `false` runs src/main.ts through tsx; 'npm'
    // runs `npm start` itself (npm, the prestart build check, then dist/main.js), as operators do.
    private readonly compiled: boolean | 'npm' = true,
  ) {
    writeFileSync(path.join(location.dataDir, 'incident-bot.yml'), stringify(withoutBackups(file)));
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      SLACK_BOT_TOKEN: this.slack.botToken,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: this.slack.apiUrl,
      DATA_DIR: this.location.dataDir,
      DATABASE_URL: this.location.databaseUrl ?? '',
      PORT: String(this.port),
      HOST: '127.0.0.1',
      INCIDENT_CONFIG: path.join(this.location.dataDir, 'incident-bot.yml'),
      JOB_LEASE_SECONDS: '5',
      LOG_LEVEL: 'warn',
      ...this.extraEnv,
    };
    const args = this.compiled ? [...RUN_FLAGS, BUILT_MAIN] : ['--import', 'tsx', MAIN];
    const child =
      this.compiled === 'npm'
        ? startProcess('npm', ['start', '--silent'], { env, cwd: path.resolve(import.meta.dirname, '../..') })
        : startProcess(process.execPath, args, { env });
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    this.child = child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`bot exited with ${child.exitCode}: ${this.output}`);
        return fetch(`${this.url}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      'the bot process to answer /healthz',
      30_000,
    );
  }

  // Waits until the bot has no side effect left to run (retries included).
  async drained(timeoutMs = 40_000) {
    await waitFor(
      async () => {
        // A 503 (the database busy, e.g. with a backup's dump on a loaded machine) is "not yet".
        const answer = await fetch(`${this.url}/healthz`);
        if (!answer.ok) return false;
        const health = (await answer.json()) as { jobs: { due: number; running: number } };
        return health.jobs.due + health.jobs.running === 0;
      },
      'the bot queue to drain',
      timeoutMs,
    );
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  kill() {
    return this.signal('SIGKILL');
  }

  stop() {
    return this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals) {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // Under npm the bot is npm's child: the signal goes to the whole process group.
    if (this.compiled === 'npm') process.kill(-child.pid!, signal);
    else child.kill(signal);
    await exited;
  }
}
