import { Writable } from 'node:stream';
// A whole bot, started the way main.ts starts it, against the fake Slack and a fresh database.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig } from '../../src/config/index.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/log.ts';
import { startBot, type RunningBot } from '../../src/runtime.ts';
import { SlackDriver } from '../fakes/driver.ts';
import { FakeSlack } from '../fakes/slack.ts';
import { seedWorkspace } from '../fakes/workspace.ts';

import { waitFor, waitUntilIdle } from '../fakes/wait-for.ts';

export { waitFor };
import { createTestDatabase } from './backend.ts';

export const SIGNING_SECRET = 'test-signing-secret';

export const TEST_CONFIG_FILE = {
  announcements_channel: 'incidents',
  services: [
    { id: 'api', name: 'Public API', responders: ['bob@example.com'] },
    { id: 'web', name: 'Web app', responders: ['U0CAROL01'] },
    { id: 'db', name: 'Database' },
  ],
  bookmarks: [
    { title: 'Runbook', url: 'https://wiki.example.com/incident-runbook' },
    { title: 'Status page', url: 'https://status.example.com' },
  ],
};

// A backup holds PGlite's query lock for about a second; tests that are not about backups leave
// them out so that pause never lands in a timing they measure.
export function withoutBackups(file: Record<string, unknown>): Record<string, unknown> {
  return { backup: false, ...file };
}

export type TestBot = { bot: RunningBot; slack: FakeSlack; driver: SlackDriver; stop(): Promise<void> };

export async function startTestBot(
  options: {
    file?: Record<string, unknown>;
    env?: Record<string, string>;
    clock?: Clock;
    slack?: FakeSlack;
    startWorker?: boolean;
    // Every log line at debug level lands here (for tests of what logs never hold).
    logLines?: string[];
  } = {},
): Promise<TestBot> {
  const slack = options.slack ?? (await new FakeSlack().start());
  if (!options.slack) seedWorkspace(slack);
  const location = await createTestDatabase();
  const configPath = path.join(location.dataDir, 'incident-bot.yml');
  writeFileSync(configPath, stringify(withoutBackups(options.file ?? TEST_CONFIG_FILE)));
  const loaded = loadConfig({
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    DATA_DIR: location.dataDir,
    DATABASE_URL: location.databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    INCIDENT_CONFIG: configPath,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...options.env,
  });
  if (!loaded.ok) throw new Error(loaded.problems.join('\n'));
  const bot = await startBot({
    config: loaded.config,
    clock: options.clock,
    logger: options.logLines
      ? createLogger(
          'debug',
          new Writable({ write: (chunk, _e, done) => done(void options.logLines!.push(String(chunk))) }),
        )
      : createLogger(loaded.config.LOG_LEVEL),
    pollMs: 50,
    startWorker: options.startWorker,
  });
  const driver = new SlackDriver(`${bot.url}/slack/events`, SIGNING_SECRET, slack);
  return {
    bot,
    slack,
    driver,
    async stop() {
      await bot.stop();
      if (!options.slack) await slack.stop();
      await location.drop();
    },
  };
}

// Declares through the real command path and waits until the room is fully set up.
export async function declare(t: TestBot, text: string, user = 'U0ALICE01') {
  const { replies } = await t.driver.command(`declare ${text}`, { user });
  const reply = await waitFor(() => replies().find((r) => String(r.text).includes('is open')), 'the declare reply');
  const number = Number(/INC-(\d+)/.exec(String(reply.text))![1]);
  await settle(t);
  const incident = await t.bot.ctx.db.incident.findUniqueOrThrow({ where: { number } });
  return { incident, channelId: incident.channelId!, channel: t.slack.channels.get(incident.channelId!)! };
}

// Runs a command in a channel, waits for its effects, and returns what the person was told (the
// acknowledgement and any replies), one per line.
export async function runIn(t: TestBot, channel: string, text: string, user = 'U0ALICE01'): Promise<string> {
  const { ack, replies } = await t.driver.command(text, { channel, user });
  await settle(t);
  return [String(ack.json?.text ?? ''), ...replies().map((r) => String(r.text))].join('\n');
}

// Moves a test's manual clock on and lets the timers that came due run.
export async function advanceClock(t: TestBot, clock: { advance(ms: number): void }, ms: number) {
  clock.advance(ms);
  t.bot.worker.kick();
  await new Promise((r) => setTimeout(r, 150));
  await settle(t);
}

// Waits until every queued side effect has run.
export async function settle(t: TestBot, timeoutMs = 10_000) {
  await waitUntilIdle(t.bot.ctx.db, t.bot.ctx.clock, 'queued side effects', timeoutMs);
}
