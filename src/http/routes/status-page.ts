import { type Context, Hono, type MiddlewareHandler } from 'hono';
import type { StatusPageModel } from '../../domain/status-page/model.ts';
import { atomFeed, rssFeed } from '../../web/status/feeds.ts';
import { incidentPageHtml, statusPageHtml } from '../../web/status/html.ts';
import {
  activeJson,
  componentsResponse,
  incidentsJson,
  maintenancesJson,
  statusJson,
  summaryJson,
  unresolvedJson,
  upcomingJson,
} from '../../web/status/json.ts';
import type { StatusPage } from '../../web/status/status-page.ts';
import { STATUS_CSS_HASH } from '../../web/status/style.ts';

// Customers may reload often; a few seconds of caching anywhere is fine, and cheap for us.
const CACHE_CONTROL = 'public, max-age=5';
export const PAGE_HEADERS = {
  'content-security-policy': `default-src 'none'; style-src '${STATUS_CSS_HASH}'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
const JSON_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, HEAD, OPTIONS',
  'x-content-type-options': 'nosniff',
};
// A widget on another site that sends a custom header first asks with OPTIONS (a CORS preflight):
// any request header is fine, as nothing here reads one but If-None-Match.
const PREFLIGHT_HEADERS = {
  ...JSON_HEADERS,
  'access-control-allow-headers': '*',
  'access-control-max-age': '86400',
};

// If-None-Match as HTTP has it (RFC 9110 13.1.2): a list of tags, weak (W/"…") or strong, or *;
// compared weakly, as a GET's conditional request is.
function matchesETag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => opaque(tag) === opaque(etag));
}

type Build = (model: StatusPageModel) => string | null;
const json =
  (shape: (model: StatusPageModel) => unknown): Build =>
  (model) =>
    JSON.stringify(shape(model));

const ROUTES: Record<string, { type: string; headers: Record<string, string>; build: Build }> = {
  '/status': { type: 'text/html; charset=utf-8', headers: PAGE_HEADERS, build: statusPageHtml },
  '/status/history.atom': { type: 'application/atom+xml; charset=utf-8', headers: JSON_HEADERS, build: atomFeed },
  '/status/history.rss': { type: 'application/rss+xml; charset=utf-8', headers: JSON_HEADERS, build: rssFeed },
  '/api/v2/summary.json': { type: 'application/json', headers: JSON_HEADERS, build: json(summaryJson) },
  '/api/v2/status.json': { type: 'application/json', headers: JSON_HEADERS, build: json(statusJson) },
  '/api/v2/components.json': { type: 'application/json', headers: JSON_HEADERS, build: json(componentsResponse) },
  '/api/v2/incidents.json': { type: 'application/json', headers: JSON_HEADERS, build: json(incidentsJson) },
  '/api/v2/incidents/unresolved.json': { type: 'application/json', headers: JSON_HEADERS, build: json(unresolvedJson) },
  '/api/v2/scheduled-maintenances.json': {
    type: 'application/json',
    headers: JSON_HEADERS,
    build: json(maintenancesJson),
  },
  '/api/v2/scheduled-maintenances/upcoming.json': {
    type: 'application/json',
    headers: JSON_HEADERS,
    build: json(upcomingJson),
  },
  '/api/v2/scheduled-maintenances/active.json': {
    type: 'application/json',
    headers: JSON_HEADERS,
    build: json(activeJson),
  },
};

export const isStatusPath = (path: string) =>
  path === '/status' || path.startsWith('/status/') || path.startsWith('/api/v2/');
// The subscription routes take POSTs (and bodies): served by status-subscriptions.ts, after the
// body bound.
export const isSubscriptionPath = (path: string) =>
  path === '/status/subscribe' || path.startsWith('/status/subscriptions/');

async function send(
  c: Context,
  page: StatusPage,
  key: string,
  type: string,
  headers: Record<string, string>,
  build: Build,
) {
  const rendered = await page.render(key, build);
  if (!rendered) return notFound(c);
  const common = { ...headers, 'cache-control': CACHE_CONTROL, etag: rendered.etag };
  if (matchesETag(c.req.header('if-none-match'), rendered.etag)) return c.body(null, 304, common);
  return c.body(rendered.body, 200, { ...common, 'content-type': type });
}

const notFound = (c: Context): Response =>
  c.text('Not found', 404, { 'x-content-type-options': 'nosniff', 'cache-control': CACHE_CONTROL });

// The public status page and its Statuspage v2-compatible JSON (SPEC.md "Status page"): no token,
// query strings ignored, nothing until `status_page` is configured.
export function statusPageRoutes(page: StatusPage): Hono {
  const routes = new Hono();
  const guard: MiddlewareHandler = async (c, next) => {
    if (!isStatusPath(c.req.path) || isSubscriptionPath(c.req.path)) return next();
    if (!page.configured) return notFound(c);
    if (c.req.method === 'OPTIONS') return c.body(null, 204, { ...PREFLIGHT_HEADERS, allow: 'GET, HEAD, OPTIONS' });
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD')
      return c.text('Only GET', 405, { allow: 'GET, HEAD, OPTIONS', 'access-control-allow-origin': '*' });
    return next();
  };
  for (const path of ['/status', '/status/*', '/api/v2/*']) routes.use(path, guard);
  for (const [path, route] of Object.entries(ROUTES)) {
    routes.get(path, (c) => send(c, page, path, route.type, route.headers, route.build));
  }
  routes.get('/status/', (c) => c.redirect('/status', 301));
  routes.get('/status/incidents/:id', async (c): Promise<Response> => {
    const id = c.req.param('id');
    if (!/^[A-Za-z0-9_-]{6,32}$/.test(id)) return notFound(c);
    return send(c, page, `incident:${id}`, 'text/html; charset=utf-8', PAGE_HEADERS, (model) => {
      const incident = [...model.open, ...model.past].find((i) => i.id === id);
      return incident ? incidentPageHtml(model, incident) : null;
    });
  });
  return routes;
}
