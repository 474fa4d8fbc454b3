// Status page subscriptions (SPEC.md "Subscribers"): the form's POST, and the confirm and
// unsubscribe links, whose GET only shows a page with a button (mail scanners open links) and whose
// POST acts. A mail client's one-click unsubscribe (RFC 8058) is that same POST, without cookies.
import type { HttpBindings } from '@hono/node-server';
import { type Context, Hono } from 'hono';
import { confirmSubscription, subscriptionLink, unsubscribe } from '../../app/manage-subscription.ts';
import { subscribeByEmail } from '../../app/subscribe.ts';
import type { BotContext } from '../../context.ts';
import {
  confirmedPage,
  confirmPage,
  linkGonePage,
  subscribedPage,
  subscribeProblemPage,
  tooManyPage,
  unsubscribedPage,
  unsubscribePage,
} from '../../web/status/subscription-pages.ts';
import { ClientAddress } from '../client-address.ts';
import { PAGE_HEADERS } from './status-page.ts';

type Env = { Bindings: HttpBindings };
const HEADERS = { ...PAGE_HEADERS, 'cache-control': 'no-store' };
const TOKEN = /^[A-Za-z0-9_-]{12}\.[A-Za-z0-9_-]{32}$/;

export function statusSubscriptionRoutes(ctx: BotContext): Hono<Env> {
  const routes = new Hono<Env>();
  const title = () => ctx.config.file.status_page?.title ?? 'Status';
  const clients = new ClientAddress(ctx.config.file.trusted_proxies);
  const send = (c: Context, body: string, status: 200 | 400 | 404 | 410 | 429 = 200) => c.html(body, status, HEADERS);
  const enabled = () => !!ctx.config.file.status_page && !!ctx.mailer;

  routes.use('/status/subscribe', async (c, next) => (enabled() ? next() : c.text('Not found', 404)));
  routes.use('/status/subscriptions/*', async (c, next) => {
    if (!enabled()) return c.text('Not found', 404);
    return TOKEN.test(c.req.path.split('/')[3] ?? '') ? next() : send(c, linkGonePage(title()), 404);
  });

  routes.post('/status/subscribe', async (c) => {
    const form = await c.req.parseBody({ all: true }).catch(() => null);
    const email = typeof form?.email === 'string' ? form.email : '';
    const picked = form?.components;
    const components = (Array.isArray(picked) ? picked : picked === undefined ? [] : [picked]).filter(
      (v): v is string => typeof v === 'string',
    );
    const client = clients.of(c.env?.incoming?.socket?.remoteAddress, c.req.header('x-forwarded-for'));
    const outcome = await subscribeByEmail(ctx, { email, components, client });
    if (outcome.kind === 'invalid') return send(c, subscribeProblemPage(title(), outcome.problem), 400);
    if (outcome.kind === 'limited') return send(c, tooManyPage(title()), 429);
    return send(c, subscribedPage(title()));
  });

  routes.get('/status/subscriptions/:token/confirm', async (c) => {
    const token = c.req.param('token');
    if ((await subscriptionLink(ctx.db, 'confirm', token)) === 'gone') return send(c, linkGonePage(title()), 410);
    return send(c, confirmPage(title(), c.req.path));
  });
  routes.post('/status/subscriptions/:token/confirm', async (c) =>
    (await confirmSubscription(ctx.db, ctx.clock, c.req.param('token'))) === 'gone'
      ? send(c, linkGonePage(title()), 410)
      : send(c, confirmedPage(title())),
  );
  routes.get('/status/subscriptions/:token/unsubscribe', async (c) => {
    const token = c.req.param('token');
    if ((await subscriptionLink(ctx.db, 'unsubscribe', token)) === 'gone') return send(c, linkGonePage(title()), 410);
    return send(c, unsubscribePage(title(), c.req.path));
  });
  // Unsubscribing twice is fine: the answer is the same.
  routes.post('/status/subscriptions/:token/unsubscribe', async (c) => {
    await unsubscribe(ctx.db, c.req.param('token'));
    return send(c, unsubscribedPage(title()));
  });
  return routes;
}
