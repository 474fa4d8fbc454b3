import type http from 'node:http';
import type { HttpBindings } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import type { Foreground } from '../../jobs/foreground.ts';
import type { Logger } from '../../log.ts';
import { isSlackTimestampFresh } from '../slack-timestamp.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

export type SlackRouteOptions = {
  // Bolt's HTTP receivers, in HTTP mode. Events API deliveries (JSON) go to the second, which
  // answers once they are recorded (slack/app.ts).
  listener: http.RequestListener;
  eventsListener?: http.RequestListener | null;
  foreground?: Foreground;
  logger: Logger;
};

// POST /slack/events: Bolt verifies the signature and answers on the raw Node response itself.
export function slackRoutes(options: SlackRouteOptions): Hono<{ Bindings: HttpBindings }> {
  const routes = new Hono<{ Bindings: HttpBindings }>();
  routes.post(SLACK_EVENTS_PATH, (c) => {
    const { incoming, outgoing } = c.env;
    if (!isSlackTimestampFresh(incoming.headers['x-slack-request-timestamp'], Date.now())) {
      options.logger.warn('Slack request with a missing, stale or future timestamp refused');
      return c.json({ error: 'UNAUTHORIZED', message: 'stale or future request timestamp' }, 401);
    }
    const leave = options.foreground?.enter();
    if (leave) outgoing.once('close', leave);
    const json = /^application\/json/i.test(incoming.headers['content-type'] ?? '');
    void ((json && options.eventsListener) || options.listener)(incoming, outgoing);
    return RESPONSE_ALREADY_SENT;
  });
  return routes;
}
