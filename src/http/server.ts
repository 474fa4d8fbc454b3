import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener, type HttpBindings } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import type { BotContext } from '../context.ts';
import { LATE, withinDeadline } from '../deadline.ts';
import type { Foreground } from '../jobs/foreground.ts';
import type { Logger } from '../log.ts';
import type { Db } from '../store/database.ts';
import { databaseUnavailable, errorResponse } from './respond.ts';
import { boundedBodies, canonicalHostname, saneQuery, singleHost } from './request-guards.ts';
import { deployGateRoutes, type DeployGateRouteOptions } from './routes/deploy-gate.ts';
import { healthRoutes } from './routes/health.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { pagerDutyRoutes } from './routes/pagerduty-webhook.ts';
import { gitHubWebhookRoutes } from './routes/github-webhook.ts';
import { linearWebhookRoutes } from './routes/linear-webhook.ts';
import { deployRoutes } from './routes/deploys.ts';
import { SLACK_EVENTS_PATH, slackRoutes } from './routes/slack.ts';
import { webRoutes } from './routes/web.ts';
import { insightsApiRoutes } from './routes/insights-api.ts';
import { isStatusPath, statusPageRoutes } from './routes/status-page.ts';
import { statusSubscriptionRoutes } from './routes/status-subscriptions.ts';

export type HttpServerOptions = {
  db: Db;
  logger: Logger;
  // Bolt's HTTP receivers, in HTTP mode; absent in Socket Mode.
  slackListener: http.RequestListener | null;
  slackEventsListener?: http.RequestListener | null;
  foreground?: Foreground;
  apiTokens: readonly string[];
  deployGate: DeployGateRouteOptions;
  // What webhooks act with (they record, and queue side effects, like commands).
  ctx: BotContext;
  // The status page's own host name (status_page.url): requests for it get only the status routes.
  statusHost?: string | null;
};

// One port for Slack's requests, the deploy gate, the read API, webhooks and health.
export function createHttpApp(options: HttpServerOptions): Hono<{ Bindings: HttpBindings }> {
  const { logger } = options;
  const app = new Hono<{ Bindings: HttpBindings }>();
  app.use('*', singleHost());
  if (options.statusHost) app.use('*', statusHostOnly(canonicalHostname(options.statusHost)));
  app.use('*', saneQuery());
  // The status page next: the public's hot path reads no body and never waits on the database past
  // its own bound (it serves its last copy), so the guards below are not its cost.
  app.route('/', statusPageRoutes(options.ctx.statusPage));
  app.use('*', boundedBodies());
  app.use('*', deadline(logger));
  app.route('/', statusSubscriptionRoutes(options.ctx));
  if (options.slackListener) {
    app.route(
      '/',
      slackRoutes({
        listener: options.slackListener,
        eventsListener: options.slackEventsListener,
        foreground: options.foreground,
        logger,
      }),
    );
  }
  app.route('/', pagerDutyRoutes(options.ctx));
  app.route('/', gitHubWebhookRoutes(options.ctx));
  app.route('/', linearWebhookRoutes(options.ctx));
  app.route('/', deployRoutes(options.ctx));
  app.route('/', deployGateRoutes({ ...options.deployGate, metrics: options.ctx.metrics }));
  app.route('/', healthRoutes(options.db));
  app.route('/', metricsRoutes({ metrics: options.ctx.metrics, tokens: options.ctx.config.metricsTokens }));
  app.route(
    '/',
    incidentRoutes({
      db: options.db,
      apiTokens: options.apiTokens,
      lookbackMs: options.ctx.config.file.changes.lookback,
    }),
  );
  app.route('/', insightsApiRoutes(options.ctx, options.apiTokens));
  app.route('/', webRoutes(options.ctx));
  app.notFound((c) => c.json({ error: 'NOT_FOUND', message: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => errorResponse(c, error, logger));
  return app;
}

export function createHttpServer(options: HttpServerOptions): http.Server {
  const app = createHttpApp(options);
  return http.createServer(getRequestListener(app.fetch));
}

// A database that hangs (rather than refusing) must not hang the caller: past the deadline the
// answer is a 503 to retry, and whatever the route does later is not sent. Slack's route answers
// on its own (Bolt's receiver has its own timing).
const DEADLINE_MS = 4_000;

function deadline(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.path === SLACK_EVENTS_PATH) return next();
    if ((await withinDeadline(next(), DEADLINE_MS)) !== LATE) return;
    logger.warn('request past its deadline: answered 503');
    return databaseUnavailable(c);
  };
}

// On the status page's own host name nothing else of the bot is reachable: not the gate, the API,
// the web view or Slack's endpoint. The bare host name leads to the page.
function statusHostOnly(host: string): MiddlewareHandler {
  return async (c, next) => {
    if (canonicalHostname(c.req.header('host')) !== host) return next();
    if (isStatusPath(c.req.path)) return next();
    if (c.req.path === '/' && c.req.method === 'GET') return c.redirect('/status', 302);
    return c.text('Not found', 404);
  };
}

export async function listenOn(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
