import type http from 'node:http';
import path from 'node:path';
import type { Config } from './config/index.ts';
import type { BotContext } from './context.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import { DeployGate } from './app/deploy-gate.ts';
import { linearTracker } from './integrations/linear.ts';
import { pagerDutyClient } from './integrations/pagerduty.ts';
import { createHttpServer, listenOn } from './http/server.ts';
import { Foreground } from './jobs/foreground.ts';
import { jobHandlers } from './jobs/handlers/index.ts';
import { BackupSchedule } from './jobs/backup-schedule.ts';
import { releaseOrphanedJobs, Worker } from './jobs/worker.ts';
import { createLogger, type Logger } from './log.ts';
import { createSlackApp } from './slack/app.ts';
import { webClientOptions } from './slack/errors.ts';
import { openDatabase, type Database } from './store/database.ts';
import { prepareStatusPage, readStatusPage } from './app/read-status-page.ts';
import { scheduleReminders } from './app/send-reminders.ts';
import { scheduleDigest } from './app/insights-digest.ts';
import { schedulePruning } from './app/prune-records.ts';
import { smtpMailer } from './integrations/mailer.ts';
import { httpWebhookSender } from './integrations/webhook-sender.ts';
import { StatusPage } from './web/status/status-page.ts';
import { BotMetrics } from './metrics/metrics.ts';
import { CountingWebClient } from './slack/count-errors.ts';

export type StartOptions = {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  pollMs?: number;
  startWorker?: boolean;
  // The embedded database's thread died: nothing can be read or written until the bot restarts.
  onDatabaseFailure?: (error: Error) => void;
};

export type RunningBot = {
  ctx: BotContext;
  database: Database;
  worker: Worker;
  server: http.Server;
  port: number;
  url: string;
  stop(): Promise<void>;
};

// Start-up order matters: the database (and its migrations) first, then Slack, then traffic.
export async function startBot(options: StartOptions): Promise<RunningBot> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.LOG_LEVEL);
  const clock = options.clock ?? systemClock;
  const database = await openDatabase({
    databaseUrl: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    logger,
    onFatal: (error) => {
      logger.fatal({ err: error }, 'the embedded database stopped; the bot must restart');
      options.onDatabaseFailure?.(error);
    },
  });
  try {
    const metrics = new BotMetrics(database.prisma, () => clock.now());
    const slack = new CountingWebClient(
      config.SLACK_BOT_TOKEN,
      { ...webClientOptions(config.SLACK_API_URL), logger: undefined },
      metrics,
    );
    const identity = await slack.auth.test();
    const teamId = config.SLACK_TEAM_ID ?? identity.team_id!;
    // The embedded database has one writer, this process, so the gate's copy of the freezes only
    // changes when this process invalidates it; on PostgreSQL another replica may change them.
    const deployGate = new DeployGate({
      db: database.prisma,
      clock,
      logger,
      maxAgeMs: database.backend === 'pglite' ? Infinity : 1_000,
    });
    let boundPort = config.PORT;
    await prepareStatusPage(database.prisma, config, clock);
    await schedulePruning(database.prisma, clock);
    await scheduleReminders(database.prisma, clock);
    await scheduleDigest(database.prisma, clock, config.file.insights);
    const statusPage = new StatusPage({
      configured: !!config.file.status_page,
      read: () =>
        readStatusPage({
          db: database.prisma,
          config,
          clock,
          baseUrl: publicBase(config, boundPort),
          emailSubscriptions: !!config.SMTP_URL,
        }),
      logger,
      baseUrl: () => publicBase(config, boundPort),
      // One process on the embedded database: publications invalidate it; replicas re-read.
      ttlMs: database.backend === 'pglite' ? 30_000 : 3_000,
    });
    const ctx: BotContext = {
      config,
      db: database.prisma,
      clock,
      logger,
      slack,
      botUserId: identity.user_id!,
      deployGate,
      linear: config.LINEAR_API_KEY ? linearTracker(config.LINEAR_API_KEY, config.LINEAR_API_URL) : null,
      pager: config.PAGERDUTY_TOKEN
        ? pagerDutyClient(config.PAGERDUTY_TOKEN, config.PAGERDUTY_API_URL, config.PAGERDUTY_FROM_EMAIL ?? null)
        : null,
      statusPage,
      mailer: config.SMTP_URL && config.MAIL_FROM ? smtpMailer(config.SMTP_URL, config.MAIL_FROM) : null,
      webhooks: httpWebhookSender,
      publicUrl: () => config.PUBLIC_URL ?? `http://localhost:${boundPort}`,
      writeBefore: database.writeBefore,
      metrics,
    };
    // The embedded database belongs to this process alone: jobs a previous run left half-done are ours.
    if (database.backend === 'pglite') await releaseOrphanedJobs(database.prisma);
    const foreground = new Foreground();
    const worker = new Worker({
      db: database.prisma,
      clock,
      logger,
      handlers: jobHandlers(ctx),
      pollMs: options.pollMs,
      leaseMs: config.JOB_LEASE_SECONDS * 1_000,
      dbSlots: database.backend === 'pglite' ? 1 : 4,
      foreground,
    });
    const { app, receiver, eventsReceiver } = createSlackApp(ctx, worker, teamId);
    const server = createHttpServer({
      db: database.prisma,
      logger,
      slackListener: receiver?.requestListener ?? null,
      slackEventsListener: eventsReceiver?.requestListener ?? null,
      foreground,
      apiTokens: config.apiTokens,
      deployGate: { gate: deployGate, tokens: config.deployGateTokens },
      ctx,
      statusHost: config.file.status_page?.url ? new URL(config.file.status_page.url).host.toLowerCase() : null,
    });
    const port = await listenOn(server, config.PORT, config.HOST);
    boundPort = port;
    if (config.slackMode === 'socket') await app.start();
    if (options.startWorker !== false) worker.start();
    const backups = scheduleBackups(config, database, logger, () => worker.kick());
    await backups?.start();
    logger.info({ port, slackMode: config.slackMode, backend: database.backend, teamId }, 'incident bot running');
    return {
      ctx,
      database,
      worker,
      server,
      port,
      url: `http://127.0.0.1:${port}`,
      async stop() {
        await backups?.stop();
        await worker.stop();
        if (config.slackMode === 'socket') await app.stop();
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await deployGate.stop();
        await database.close();
      },
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

// `afterEach`: commands acknowledged during the backup are in the queue now (store/write-journal.ts).
function scheduleBackups(
  config: Config,
  database: Database,
  logger: Logger,
  afterEach: () => void,
): BackupSchedule | null {
  const { backup } = config.file;
  const write = database.backup;
  if (!backup || !write) return null;
  return new BackupSchedule({
    dir: path.join(config.DATA_DIR, 'backups'),
    everyMs: backup.every,
    keep: backup.keep,
    backup: (file) => write(file).finally(afterEach),
    logger,
  });
}

// Where customers reach the status page: its own host name when configured, else the bot's address.
function publicBase(config: Config, port: number): string {
  const statusUrl = config.file.status_page?.url;
  if (statusUrl) return new URL(statusUrl).origin;
  return config.PUBLIC_URL ?? `http://localhost:${port}`;
}
