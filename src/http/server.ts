import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LATE, withinDeadline } from '../deadline.ts';
import type { Logger } from '../log.ts';
import type { Foreground } from '../jobs/foreground.ts';
import type { Db } from '../store/database.ts';
import { DATABASE_UNAVAILABLE, sendError, sendJson } from './respond.ts';
import { DEPLOY_GATE_PATH, deployGateRoute, type DeployGateRouteOptions } from './routes/deploy-gate.ts';
import { incidentRoutes } from './routes/incidents.ts';
import { PAGERDUTY_WEBHOOK_PATH, pagerDutyWebhook } from './routes/pagerduty-webhook.ts';
import type { BotContext } from '../context.ts';
import { isSlackTimestampFresh } from './slack-timestamp.ts';

export type HttpServerOptions = {
  db: Db;
  logger: Logger;
  // Bolt's HTTP receivers, in HTTP mode; absent in Socket Mode. Events API deliveries (JSON) go to
  // the second, which answers once they are recorded (slack/app.ts).
  slackListener: http.RequestListener | null;
  slackEventsListener?: http.RequestListener | null;
  foreground?: Foreground;
  apiTokens: readonly string[];
  deployGate: DeployGateRouteOptions;
  // What webhooks act with (they record, and queue side effects, like commands).
  ctx: BotContext;
};

// One port for Slack's requests, the deploy gate, the read API, webhooks and health.
export function createHttpServer(options: HttpServerOptions): http.Server {
  const { db, logger, slackListener } = options;
  return http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    try {
      if (url.pathname === '/slack/events' && req.method === 'POST' && slackListener) {
        if (!isSlackTimestampFresh(req.headers['x-slack-request-timestamp'], Date.now())) {
          logger.warn('Slack request with a missing, stale or future timestamp refused');
          return sendJson(res, 401, { error: 'UNAUTHORIZED', message: 'stale or future request timestamp' });
        }
        const leave = options.foreground?.enter();
        if (leave) res.once('close', leave);
        const json = /^application\/json/i.test(req.headers['content-type'] ?? '');
        return ((json && options.slackEventsListener) || slackListener)(req, res);
      }
      const route = async () => {
        if (url.pathname === PAGERDUTY_WEBHOOK_PATH) return await pagerDutyWebhook(req, res, options.ctx);
        if (url.pathname === DEPLOY_GATE_PATH) return await deployGateRoute(req, res, url, options.deployGate);
        if (url.pathname === '/healthz' && req.method === 'GET') return await health(db, res);
        if (await incidentRoutes(req, res, url, { db, apiTokens: options.apiTokens })) return;
        sendJson(res, 404, { error: 'NOT_FOUND', message: `no route for ${req.method} ${url.pathname}` });
      };
      await withDeadline(route(), res, logger);
    } catch (error) {
      sendError(res, error, logger);
    }
  });
}

// A database that hangs (rather than refusing) must not hang the caller: past the deadline the
// answer is a 503 to retry, and whatever the route does later cannot answer twice.
const DEADLINE_MS = 4_000;

async function withDeadline(work: Promise<unknown>, res: http.ServerResponse, logger: Logger) {
  if ((await withinDeadline(work, DEADLINE_MS)) !== LATE || res.headersSent) return;
  logger.warn('request past its deadline: answered 503');
  sendJson(res, 503, DATABASE_UNAVAILABLE, { 'retry-after': '5' });
}

// Liveness, database reachability, and how much side-effect work is waiting (a growing number
// means Slack or another service is failing and the queue is retrying).
async function health(db: Db, res: http.ServerResponse) {
  try {
    // Due work (waiting to run now, or being retried) apart from timers set for later.
    const rows = await db.$queryRawUnsafe<{ state: string; n: bigint }[]>(
      `SELECT CASE WHEN status = 'pending' AND "runAt" > now() THEN 'scheduled' ELSE status END AS state, count(*) AS n
       FROM "Job" WHERE status IN ('pending', 'running', 'failed') GROUP BY 1`,
    );
    const count = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
    sendJson(res, 200, {
      ok: true,
      database: 'reachable',
      jobs: {
        due: count('pending'),
        running: count('running'),
        scheduled: count('scheduled'),
        failed: count('failed'),
      },
    });
  } catch {
    sendJson(res, 503, { ok: false, database: 'unreachable' });
  }
}

export async function listenOn(server: http.Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as AddressInfo).port;
}
