import type { HttpBindings } from '@hono/node-server';
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { SLACK_EVENTS_PATH } from './routes/slack.ts';

// A host name as a comparison needs it: lower case, without a trailing dot or a port. The status
// host is one host name whatever port or spelling a request gives it.
export function canonicalHostname(host: string | undefined): string {
  const name = (host ?? '').trim().toLowerCase();
  const bracketed = /^\[[^\]]*\]/.exec(name)?.[0];
  const withoutPort = bracketed ?? name.replace(/:\d*$/, '');
  return withoutPort.replace(/\.+$/, '');
}

// Node keeps only the first of several Host headers, so a proxy that reads the last one and this
// server would disagree on where a request goes: such a request is refused outright.
export function singleHost(): MiddlewareHandler<{ Bindings: HttpBindings }> {
  return async (c, next) => {
    const raw = c.env?.incoming?.rawHeaders ?? [];
    let hosts = 0;
    for (let i = 0; i < raw.length; i += 2) if (raw[i]!.toLowerCase() === 'host') hosts++;
    if (hosts > 1) return c.json({ error: 'BAD_INPUT', message: 'one Host header, please' }, 400);
    return next();
  };
}

// Slack's requests are small (Slack sends at most a few hundred kB; 1 MB is the bound here) and
// always say their length; Bolt reads them from the socket itself, so the bound is checked on the
// headers before it starts. Webhooks get 256 kB, anything else 16 kB.
const SLACK_MAX = 1024 * 1024;
const WEBHOOK_MAX = 256 * 1024;
const OTHER_MAX = 16 * 1024;

const tooLargeAnswer = (c: Context, max: number) =>
  c.json({ error: 'TOO_LARGE', message: `the body is over ${max / 1024} kB` }, 413);

export function boundedBodies(): MiddlewareHandler<{ Bindings: HttpBindings }> {
  const tooLarge = (max: number) => bodyLimit({ maxSize: max, onError: (c) => tooLargeAnswer(c, max) });
  const webhooks = tooLarge(WEBHOOK_MAX);
  const others = tooLarge(OTHER_MAX);
  return async (c, next) => {
    // No route reads a GET's or HEAD's body (the Node adapter never hands one over), and asking
    // bodyLimit would build a whole Request with its AbortSignal for each: a third of the deploy
    // gate's time.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    if (c.req.path === SLACK_EVENTS_PATH) {
      const length = c.req.header('content-length');
      if (length === undefined || !/^\d+$/.test(length))
        return c.json({ error: 'LENGTH_REQUIRED', message: 'Slack requests state their length' }, 411);
      if (Number(length) > SLACK_MAX) return tooLargeAnswer(c, SLACK_MAX);
      return next();
    }
    return (c.req.path.startsWith('/webhooks/') ? webhooks : others)(c, next);
  };
}

// A query value holding NUL (PostgreSQL refuses it in text) or longer than any field here needs is
// answered 400 before a route reads it, on every route.
const QUERY_VALUE_MAX = 1_000;

export function saneQuery(): MiddlewareHandler {
  return async (c, next) => {
    const query = c.req.url.indexOf('?');
    if (query < 0) return next();
    for (const [key, value] of new URLSearchParams(c.req.url.slice(query + 1))) {
      if (key.includes('\u0000') || value.includes('\u0000'))
        return c.json(
          { error: 'BAD_INPUT', message: `the query parameter ${JSON.stringify(key.slice(0, 40))} holds a NUL` },
          400,
        );
      if (key.length + value.length > QUERY_VALUE_MAX)
        return c.json(
          {
            error: 'BAD_INPUT',
            message: `a query parameter is over ${QUERY_VALUE_MAX.toLocaleString('en-US')} characters`,
          },
          400,
        );
    }
    return next();
  };
}
