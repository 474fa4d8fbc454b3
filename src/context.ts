import type { webApi } from '@slack/bolt';
import type { DeployGate } from './app/deploy-gate.ts';
import type { Config } from './config/index.ts';
import type { IssueTracker } from './integrations/linear.ts';
import type { Pager } from './integrations/pagerduty.ts';
import type { Mailer } from './integrations/mailer.ts';
import type { WebhookSender } from './integrations/webhook-sender.ts';
import type { Clock } from './domain/clock.ts';
import type { Logger } from './log.ts';
import type { Database, Db } from './store/database.ts';
import type { StatusPage } from './web/status/status-page.ts';
import type { BotMetrics } from './metrics/metrics.ts';

// What use cases and job handlers are given to work with; built once at start-up.
export type BotContext = {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  slack: webApi.WebClient;
  botUserId: string;
  // Its copy of the active freezes is refreshed after every command that commits.
  deployGate: DeployGate;
  // Null when Linear is not configured.
  linear: IssueTracker | null;
  // Null when PagerDuty is not configured.
  pager: Pager | null;
  // Null without SMTP_URL: no email subscriptions.
  mailer: Mailer | null;
  webhooks: WebhookSender;
  // Invalidated after every command that commits, like the deploy gate.
  statusPage: StatusPage;
  // The bot's address as people reach it: PUBLIC_URL, else http://localhost:<bound port>.
  publicUrl: () => string;
  // The embedded database only: how accepted commands are recorded (app/record-command.ts).
  writeBefore?: Database['writeBefore'];
  // What GET /metrics shows of this process.
  metrics: BotMetrics;
};
