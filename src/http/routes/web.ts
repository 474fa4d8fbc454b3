import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { listWebIncidents, readWebIncident, type WebIncident } from '../../app/read-web-incidents.ts';
import {
  RECHECK_MS,
  recheckWebUser,
  redeemWebLogin,
  SESSION_TTL_MS,
  sessionUser,
  webLoginUsable,
  type WebUser,
} from '../../app/web-sessions.ts';
import type { BotContext } from '../../context.ts';
import { renderPostmortem } from '../../domain/postmortem/render.ts';
import { parseIncidentNumber } from '../../domain/incident.ts';
import { parseWebFilters } from '../../domain/web-filters.ts';
import { incidentChartSvg } from '../../charts/incident-chart.ts';
import { PngCharts } from '../../charts/png.ts';
import { parseChangeFilters } from '../../domain/change-filters.ts';
import { listChanges } from '../../app/read-changes.ts';
import { changesPage } from '../../web/pages/changes-page.ts';
import { incidentListPage } from '../../web/pages/incident-list.ts';
import { incidentPage } from '../../web/pages/incident-page.ts';
import {
  linkGonePage,
  notFoundPage,
  PAGE_SECURITY_HEADERS,
  signInButtonPage,
  signInPage,
} from '../../web/pages/layout.ts';
import { postmortemPage } from '../../web/pages/postmortem-page.ts';
import { insightsPage } from '../../web/pages/insights-page.ts';
import { readInsights } from '../../app/read-insights.ts';
import { insightsCsv } from '../../domain/insights/export.ts';
import { parseInsightsQuery } from '../../domain/insights/query.ts';

export const SESSION_COOKIE = 'incident_session';
// Timeline entries on one incident page; a year's largest incident holds 10,000.
export const TIMELINE_PAGE = 500;

type Env = { Variables: { user: WebUser } };

const page = (c: Context, body: string, status: 200 | 400 | 401 | 404 | 410 = 200) =>
  c.html(body, status, PAGE_SECURITY_HEADERS);

const chartSvg = (web: WebIncident, now: Date) => incidentChartSvg(web.record, now);

// The team's web view (SPEC.md "Web view"): sign-in from Slack, then the incidents.
export function webRoutes(ctx: BotContext): Hono<Env> {
  const routes = new Hono<Env>();
  const pngCharts = new PngCharts();
  const secure = () => ctx.publicUrl().startsWith('https://');

  // GET /login/<token>: a page with one button that signs in. A GET changes nothing: a link
  // scanner or a preview must not use the link up, and another site must not sign a visitor in
  // as someone else (login CSRF): only the POST from this page, with our own Origin, does.
  routes.get('/login/:token', async (c) => {
    const token = c.req.param('token');
    if (!(await webLoginUsable(ctx.db, ctx.clock.now(), token))) return page(c, linkGonePage(), 410);
    // `same-origin`: the button's POST then carries our Origin (with `no-referrer` a browser sends
    // `Origin: null`), while no other site ever sees this page's address and its token.
    return c.html(signInButtonPage(`/login/${token}`), 200, {
      ...PAGE_SECURITY_HEADERS,
      'referrer-policy': 'same-origin',
    });
  });

  // POST /login/<token>: a new session (a new id on every sign-in), then the list. No `next=`: the
  // only place a link sends anyone is /incidents.
  routes.post('/login/:token', async (c) => {
    if (!sameOrigin(c.req.header('origin'), c.req.header('host'), ctx.publicUrl()))
      return c.text('Forbidden', 403, PAGE_SECURITY_HEADERS);
    const redeemed = await redeemWebLogin(ctx.db, ctx.clock.now(), c.req.param('token'));
    if (!redeemed) return page(c, linkGonePage(), 410);
    setCookie(c, SESSION_COOKIE, redeemed.sessionId, {
      httpOnly: true,
      secure: secure(),
      sameSite: 'Lax',
      path: '/',
      maxAge: SESSION_TTL_MS / 1000,
    });
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.redirect('/incidents', 303);
  });

  // When this process last asked Slack about each signed-in person (RECHECK_MS).
  const checkedAt = new Map<string, number>();
  const stillAllowed = async (user: WebUser): Promise<boolean> => {
    const now = ctx.clock.now().getTime();
    if (now - (checkedAt.get(user.userId) ?? Number.NEGATIVE_INFINITY) < RECHECK_MS) return true;
    const outcome = await recheckWebUser(ctx, user);
    if (outcome === 'kept') checkedAt.set(user.userId, now);
    if (outcome === 'ended') checkedAt.delete(user.userId);
    return outcome !== 'ended';
  };

  const signedIn: MiddlewareHandler<Env> = async (c, next) => {
    const id = getCookie(c, SESSION_COOKIE);
    const found = id ? await sessionUser(ctx.db, ctx.clock.now(), id) : null;
    const user = found && (await stillAllowed(found)) ? found : null;
    if (!user) {
      if (id) deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return page(c, signInPage(), 401);
    }
    // A state-changing request from another site carries the cookie (SameSite=Lax allows top-level
    // POSTs); none is accepted unless it comes from our own pages.
    if (!['GET', 'HEAD'].includes(c.req.method) && !sameOrigin(c.req.header('origin'), undefined, ctx.publicUrl()))
      return c.text('Forbidden', 403, PAGE_SECURITY_HEADERS);
    c.set('user', user);
    await next();
  };
  routes.use('/incidents', signedIn);
  routes.use('/incidents/*', signedIn);
  routes.use('/changes', signedIn);
  routes.use('/insights', signedIn);
  routes.use('/insights.csv', signedIn);

  const insightsFor = async (c: Context<Env>, reader: string | null) => {
    const severities = ctx.config.file.severities.map((s) => s.id);
    const parsed = parseInsightsQuery(c.req.query(), ctx.clock.now(), severities);
    const query = 'problem' in parsed ? parseInsightsQuery({}, ctx.clock.now(), severities) : parsed;
    if ('problem' in query) throw new Error('the default period is always valid');
    const insights = await readInsights(ctx, query.period, query.filters, reader);
    return { insights, query, problem: 'problem' in parsed ? parsed.problem : undefined, severities };
  };

  routes.get('/insights', async (c) => {
    const { insights, query, problem, severities } = await insightsFor(c, c.get('user').userId);
    const services = [
      ...new Set([...ctx.config.file.services.map((s) => s.id), ...insights.impactByService.map((s) => s.service)]),
    ];
    return page(c, insightsPage(insights, query, { severities, services, problem }), problem ? 400 : 200);
  });

  // One row per incident for spreadsheets; private incidents' titles blank, as in the API.
  routes.get('/insights.csv', async (c) => {
    const { insights, query, problem } = await insightsFor(c, null);
    if (problem) return c.text(problem, 400, PAGE_SECURITY_HEADERS);
    const name = `insights-${query.period.from.toISOString().slice(0, 10)}.csv`;
    return c.body(insightsCsv(insights), 200, {
      ...PAGE_SECURITY_HEADERS,
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${name}"`,
    });
  });

  routes.get('/changes', async (c) => {
    const filters = parseChangeFilters(c.req.query());
    const list = await listChanges(ctx.db, filters);
    return page(c, changesPage(list, filters, { zone: await readerZone(ctx, c.get('user')) }));
  });

  routes.get('/incidents', async (c) => {
    const filters = parseWebFilters(c.req.query());
    const list = await listWebIncidents(ctx, c.get('user'), filters);
    const services = ctx.config.file.services.map((s) => s.id);
    return page(
      c,
      incidentListPage(list, filters, {
        severities: ctx.config.file.severities.map((s) => s.id),
        services,
        zone: await readerZone(ctx, c.get('user')),
        now: ctx.clock.now(),
      }),
    );
  });

  type TimelineRead = 'all' | 'none' | { skip: number; take: number };
  const withIncident =
    (
      answer: (c: Context<Env>, web: WebIncident) => Response | Promise<Response>,
      timeline: (c: Context<Env>) => TimelineRead = () => 'all',
    ) =>
    async (c: Context<Env>) => {
      const number = parseIncidentNumber(c.req.param('id') ?? '');
      const web = number === null ? null : await readWebIncident(ctx, c.get('user'), number, timeline(c));
      // A private incident the reader is not in answers exactly like one that does not exist.
      if (!web) return page(c, notFoundPage(), 404);
      return answer(c, web);
    };

  // The page shows its timeline TIMELINE_PAGE entries at a time (`?timeline=2`…).
  const timelinePage = (c: Context<Env>) => {
    const n = Number(c.req.query('timeline') ?? '1');
    return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
  };
  routes.get(
    '/incidents/:id',
    withIncident(
      async (c, web) =>
        page(
          c,
          incidentPage(web, chartSvg(web, ctx.clock.now()), await readerZone(ctx, c.get('user')), ctx.clock.now(), {
            page: timelinePage(c),
            size: TIMELINE_PAGE,
          }),
        ),
      (c) => ({ skip: (timelinePage(c) - 1) * TIMELINE_PAGE, take: TIMELINE_PAGE }),
    ),
  );
  routes.get(
    '/incidents/:id/postmortem',
    withIncident((c, web) =>
      page(c, postmortemPage(web.record.incident.number, web.record.incident.title, renderPostmortem(web.record))),
    ),
  );
  routes.get(
    '/incidents/:id/postmortem.md',
    withIncident((c, web) =>
      c.body(renderPostmortem(web.record), 200, {
        ...PAGE_SECURITY_HEADERS,
        'content-type': 'text/markdown; charset=utf-8',
      }),
    ),
  );
  routes.get(
    '/incidents/:id/impact.svg',
    withIncident(
      (c, web) =>
        c.body(chartSvg(web, ctx.clock.now()), 200, {
          ...PAGE_SECURITY_HEADERS,
          'content-type': 'image/svg+xml; charset=utf-8',
        }),
      () => 'none',
    ),
  );
  routes.get(
    '/incidents/:id/impact.png',
    // Drawn as of the current minute: an open incident's chart (which runs to "now") is then the
    // same image, drawn once, for everyone who asks within that minute.
    withIncident(
      async (_c, web) => {
        const minute = new Date(Math.floor(ctx.clock.now().getTime() / 60_000) * 60_000);
        const png = await pngCharts.png(chartSvg(web, minute));
        return new Response(new Uint8Array(png), {
          headers: { ...PAGE_SECURITY_HEADERS, 'content-type': 'image/png' },
        });
      },
      () => 'none',
    ),
  );
  return routes;
}

// The reader's Slack time zone, when the bot already knows it (times show it on hover).
async function readerZone(ctx: BotContext, user: WebUser): Promise<string | null> {
  const known = await ctx.db.slackUser.findUnique({ where: { id: user.userId } });
  return known?.tz ?? null;
}

// A POST from one of our pages: its Origin is the bot's public address, or (when `host` is given)
// the address the request itself was sent to (a bot reached by another name than PUBLIC_URL, as in
// tests). A missing Origin (very old browsers, or a script) is refused.
function sameOrigin(origin: string | undefined, host: string | undefined, publicUrl: string): boolean {
  if (!origin) return false;
  if (origin === new URL(publicUrl).origin) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
