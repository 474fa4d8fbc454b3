// The public status page, driven through Slack commands: what customers see, what they never see,
// the Statuspage v2 JSON, the feeds, the status host, and the page while the database is down.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { declare, runIn, settle, startTestBot, type TestBot, waitFor } from '../support/test-bot.ts';
import { requestWithHost } from '../support/request-with-host.ts';

const STATUS_HOST = 'status.acme.test';
const FILE = {
  announcements_channel: 'incidents',
  status_page: { title: 'Acme Status', url: `https://${STATUS_HOST}` },
  services: [
    { id: 'api', name: 'Public API', group: 'Core' },
    { id: 'web', name: 'Web app', group: 'Core' },
    { id: 'db', name: 'Database' },
    { id: 'billing-internal', name: 'Billing worker', status_page: false },
  ],
};
const PUBLIC_PATHS = [
  '/status',
  '/status/history.atom',
  '/status/history.rss',
  '/api/v2/summary.json',
  '/api/v2/status.json',
  '/api/v2/components.json',
  '/api/v2/incidents.json',
  '/api/v2/incidents/unresolved.json',
  '/api/v2/scheduled-maintenances.json',
  '/api/v2/scheduled-maintenances/upcoming.json',
  '/api/v2/scheduled-maintenances/active.json',
];

describe(`public status page (${backend})`, () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ file: FILE, env: { DEPLOY_GATE_TOKENS: 'ci:gate', API_TOKENS: 'reader' } });
  });
  afterAll(() => t?.stop().catch(() => {}));

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${t.bot.url}${path}`, { headers });
  const json = async (path: string) => (await get(path)).json() as Promise<any>;
  const run = (channel: string, text: string, user?: string) => runIn(t, channel, text, user);
  // Every public byte: bodies of all routes and incident pages, and their ETags.
  async function everythingPublic(): Promise<string> {
    const parts: string[] = [];
    const incidents = (await json('/api/v2/incidents.json')).incidents as { id: string }[];
    for (const path of [...PUBLIC_PATHS, ...incidents.map((i) => `/status/incidents/${i.id}`)]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      parts.push(response.headers.get('etag') ?? '', await response.text());
    }
    return parts.join('\n');
  }

  it('a quiet page: all operational, components by group, hidden ones left out', async () => {
    const status = await json('/api/v2/status.json');
    expect(status.status).toEqual({ indicator: 'none', description: 'All Systems Operational' });
    // page.url is the page's root: page.url + /api/v2/summary.json answers. Its id is random per
    // install, stored; before anything is published it dates from when the page was configured.
    expect(status.page).toMatchObject({ name: 'Acme Status', url: `https://${STATUS_HOST}` });
    const site = await t.bot.ctx.db.statusPageSite.findFirstOrThrow();
    expect(status.page.id).toBe(site.publicId);
    expect(status.page.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(status.page.updated_at).toBe(site.configuredAt.toISOString());
    const onStatusHost = await requestWithHost(t.bot.url, '/api/v2/summary.json', new URL(status.page.url).host);
    expect(onStatusHost.status).toBe(200);
    const components = (await json('/api/v2/components.json')).components as any[];
    // Statuspage always fills these times: when the component (or group) was first seen.
    for (const c of components) {
      expect(c.page_id).toBe(site.publicId);
      expect(Date.parse(c.created_at), c.name).toBe(site.configuredAt.getTime());
      expect(Date.parse(c.updated_at), c.name).toBe(site.configuredAt.getTime());
    }
    for (const feed of ['/status/history.atom', '/status/history.rss']) {
      const text = await (await get(feed)).text();
      expect(text, feed).not.toContain('1970');
      expect(text, feed).toContain(`https://${STATUS_HOST}/status`);
    }
    expect(await (await get('/status/history.atom')).text()).toContain(
      `<updated>${site.configuredAt.toISOString()}</updated>`,
    );
    expect(components.map((c) => [c.name, c.group, c.status])).toEqual([
      ['Core', true, 'operational'],
      ['Public API', false, 'operational'],
      ['Web app', false, 'operational'],
      ['Database', false, 'operational'],
    ]);
    expect(components[1].group_id).toBe(components[0].id);
    const page = await get('/status');
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(page.headers.get('cache-control')).toMatch(/max-age=\d/);
    const html = await page.text();
    expect(html).toContain('All Systems Operational');
    expect(html).not.toContain('Billing worker');
    expect(await (await get('/api/v2/summary.json')).json()).toMatchObject({
      incidents: [],
      scheduled_maintenances: [],
    });
    expect((await get('/api/v2/summary.json')).headers.get('access-control-allow-origin')).toBe('*');
  });

  it('publishes with components, goes through every status in order, and resolves', async () => {
    const { channelId } = await declare(t, 'Primary DB failover broke checkout --sev SEV1 --services api');
    expect(await run(channelId, 'statuspage We are looking into it')).toContain('needs a public title');
    expect(await run(channelId, 'statuspage --title "Elevated API errors" --components api=major_outag Hi')).toContain(
      'did you mean major_outage',
    );
    expect(await run(channelId, 'statuspage --title "X" --components apj=major_outage Hi')).toContain(
      'did you mean api',
    );
    expect(await run(channelId, 'statuspage --title "X" --components billing-internal=major_outage Hi')).toContain(
      'not on the status page',
    );
    expect(await (await get('/api/v2/incidents.json')).json()).toMatchObject({ incidents: [] });

    await run(
      channelId,
      'statuspage --title "Elevated API errors" --components api=major_outage,web=degraded_performance We are investigating errors &amp; timeouts <@U0BOB0001> <!here>',
    );
    let summary = await json('/api/v2/summary.json');
    expect(summary.status).toEqual({ indicator: 'critical', description: 'Major System Outage' });
    const byName = (name: string) => summary.components.find((c: any) => c.name === name);
    expect(byName('Public API').status).toBe('major_outage');
    expect(byName('Web app').status).toBe('degraded_performance');
    expect(byName('Database').status).toBe('operational');
    expect(summary.incidents).toHaveLength(1);
    const incident = summary.incidents[0];
    expect(incident).toMatchObject({ name: 'Elevated API errors', status: 'investigating', impact: 'critical' });
    expect(incident.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(incident.shortlink).toBe(`https://${STATUS_HOST}/status/incidents/${incident.id}`);
    expect(incident.incident_updates[0].body).toBe('We are investigating errors & timeouts');
    expect(incident.incident_updates[0].affected_components).toEqual([
      { code: byName('Public API').id, name: 'Public API', old_status: 'operational', new_status: 'major_outage' },
      { code: byName('Web app').id, name: 'Web app', old_status: 'operational', new_status: 'degraded_performance' },
    ]);

    await run(channelId, 'statuspage --status identified A bad index; rolling back');
    await run(channelId, 'statuspage --status monitoring --components web=operational Rolled back; watching');
    await run(channelId, 'statuspage --status investigating Errors came back');
    await run(channelId, 'statuspage --status resolved --at -1m All clear');
    const all = await json('/api/v2/incidents.json');
    const done = all.incidents.find((i: any) => i.id === incident.id);
    expect(done.incident_updates.map((u: any) => u.status)).toEqual([
      'resolved',
      'investigating',
      'monitoring',
      'identified',
      'investigating',
    ]);
    const times = done.incident_updates.map((u: any) => Date.parse(u.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(Date.parse(done.incident_updates[0].display_at)).toBeLessThan(times[0]);
    expect(done.monitoring_at).not.toBeNull();
    expect(done.resolved_at).not.toBeNull();
    expect((await json('/api/v2/incidents/unresolved.json')).incidents).toEqual([]);
    summary = await json('/api/v2/summary.json');
    expect(summary.status.indicator).toBe('none');
    expect(summary.components.every((c: any) => c.status === 'operational')).toBe(true);

    // Each publication is on the timeline and in the postmortem.
    const timeline: any = await (
      await fetch(`${t.bot.url}/api/v1/incidents/1/timeline`, { headers: { authorization: 'Bearer reader' } })
    ).json();
    expect(timeline.entries.filter((e: any) => e.kind === 'status_page')).toHaveLength(5);
    const postmortem = await (
      await fetch(`${t.bot.url}/api/v1/incidents/1/postmortem.md`, { headers: { authorization: 'Bearer reader' } })
    ).text();
    expect(postmortem).toContain('## Public updates');
    expect(postmortem).toContain('All clear');

    // Updates may go back after resolved: the same public incident reopens.
    await run(channelId, 'statuspage --status investigating --components api=partial_outage Seeing errors again');
    const reopened = (await json('/api/v2/incidents/unresolved.json')).incidents;
    expect(reopened.map((i: any) => i.id)).toEqual([incident.id]);
    await run(channelId, 'statuspage --status resolved Fixed for good');
  });

  it("an incident's impact follows its components down as they recover, unless set with --impact", async () => {
    const { channelId } = await declare(t, 'Impact moves --sev SEV2 --services api,db');
    const impact = async () =>
      (await json('/api/v2/incidents.json')).incidents.find((i: any) => i.name === 'Impact check').impact;
    await run(channelId, 'statuspage --title "Impact check" --components api=major_outage Down');
    expect(await impact()).toBe('critical');
    await run(channelId, 'statuspage --status identified --components api=degraded_performance Mostly back');
    expect(await impact()).toBe('minor');
    expect(await run(channelId, 'statuspage --impact huge Hm')).toContain('is not an impact');
    await run(channelId, 'statuspage --impact major --components db=degraded_performance Set by hand');
    expect(await impact()).toBe('major');
    await run(channelId, 'statuspage --components api=operational,db=operational Recovered');
    expect(await impact()).toBe('major');
    await run(channelId, 'statuspage --status resolved All good');
    expect(await impact()).toBe('major');
    // Past incidents on the page show their updates, as Statuspage's history does.
    const html = await (await get('/status')).text();
    const past = html.slice(html.indexOf('Past incidents'));
    for (const body of ['All good', 'Set by hand', 'Mostly back', 'Down']) expect(past).toContain(body);
  });

  it('a group shows its worst component, whichever comes last', async () => {
    const { channelId } = await declare(t, 'Core trouble --sev SEV1 --services api,web');
    // In the Core group, the API (first) is down and the web app (last) only degraded.
    await run(
      channelId,
      'statuspage --title "Core trouble" --components api=major_outage,web=degraded_performance Down',
    );
    const core = (await json('/api/v2/components.json')).components.find((c: any) => c.group && c.name === 'Core');
    expect(core.status).toBe('major_outage');
    await run(channelId, 'statuspage --status resolved Back');
  });

  it('a component shows the worst over the open public incidents', async () => {
    const a = await declare(t, 'Cache node lost --sev SEV2 --services api');
    const b = await declare(t, 'Region outage --sev SEV1 --services api');
    await run(a.channelId, 'statuspage --title "Slow API" --components api=partial_outage Slower responses');
    await run(b.channelId, 'statuspage --title "API unavailable" --components api=major_outage API is down');
    const api = async () =>
      (await json('/api/v2/components.json')).components.find((c: any) => c.name === 'Public API');
    expect((await api()).status).toBe('major_outage');
    await run(b.channelId, 'statuspage --status resolved API is back');
    expect((await api()).status).toBe('partial_outage');
    await run(a.channelId, 'statuspage --status resolved Fast again');
    expect((await api()).status).toBe('operational');
  });

  it('refuses drills, people outside publish_status, and shows a private incident by its public title only', async () => {
    const drill = await declare(t, 'Game day failover --drill --sev SEV2');
    expect(await run(drill.channelId, 'statuspage --title "Drill" Testing')).toContain('drills are never published');
    const open = await declare(t, 'Queue backlog --sev SEV3 --services web');
    expect(await run(open.channelId, 'statuspage --title "Slow pages" Looking', 'U0BOB0001')).toContain(
      'may publish on the status page',
    );
    const secret = await declare(t, 'Payroll export leaked salaries --private --sev SEV1 --services db');
    await run(
      secret.channelId,
      // Slack sends what people type with <, > and & escaped; its own markup stays in angle brackets.
      'statuspage --title "Delayed exports" --components db=degraded_performance Exports are delayed <#C0SECRET|payroll-war-room> &lt;script&gt;alert(1)&lt;/script&gt;',
    );
    const html = await (await get('/status')).text();
    expect(html).toContain('Delayed exports');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');

    const everything = await everythingPublic();
    for (const secretWord of [
      'Payroll',
      'salaries',
      'payroll-war-room',
      'C0SECRET',
      'Game day',
      'Drill',
      'Queue backlog',
      'Primary DB failover',
      'Region outage',
      'Cache node lost',
      'INC-',
      'U0BOB0001',
      'U0ALICE01',
      'Billing worker',
      'billing-internal',
      '@here',
    ]) {
      expect(everything, secretWord).not.toContain(secretWord);
    }
  });

  it('ending an incident whose public incident is open asks whether to post a resolved update', async () => {
    const { incident, channelId } = await declare(t, 'Disk full on search --sev SEV2 --services web');
    await run(channelId, 'statuspage --title "Search is slow" --components web=degraded_performance Looking into it');
    await run(channelId, 'status resolved Disk cleaned up');
    const prompt = await waitFor(
      () => t.bot.ctx.db.prompt.findFirst({ where: { incidentId: incident.id, kind: 'statuspage' } }),
      'the question',
    );
    const asked = t.slack.channels
      .get(channelId)!
      .messages.find((m) => JSON.stringify(m.blocks ?? '').includes('statuspage_prompt_'));
    expect(asked?.text).toContain('“Search is slow” is still open on the status page');
    const openIds = async () => (await json('/api/v2/incidents/unresolved.json')).incidents.map((i: any) => i.name);
    expect(await openIds()).toContain('Search is slow');
    await t.driver.pressButton({
      channel: channelId,
      actionId: 'statuspage_prompt_publish',
      blockId: `statuspage_prompt:${prompt.id}`,
      value: prompt.id,
    });
    await waitFor(
      async () => (await t.bot.ctx.db.prompt.findUniqueOrThrow({ where: { id: prompt.id } })).answeredAt,
      'the answer',
    );
    await settle(t);
    expect(await openIds()).not.toContain('Search is slow');
    const web = (await json('/api/v2/components.json')).components.find((c: any) => c.name === 'Web app');
    expect(web.status).toBe('operational');
  });

  it('keeps the feeds well-formed XML when a message carries control characters', async () => {
    const { channelId } = await declare(t, 'Control characters --services db');
    await run(
      channelId,
      'statuspage --title "Pasted text" --components db=degraded_performance Slow\u000bqueries\u001b[0m seen',
    );
    for (const path of ['/status/history.atom', '/status/history.rss']) {
      const feed = await (await get(path)).text();
      expect(feed).toContain('Slowqueries[0m seen');
      // XML 1.0's Char production: tab, newline, carriage return and from space up (no FFFE/FFFF).
      expect([...feed].filter((ch) => /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(ch))).toEqual([]);
    }
    await run(channelId, 'statuspage --status resolved Fixed');
  });

  it('answers ETags with 304 and ignores query strings', async () => {
    const first = await get('/api/v2/summary.json?x=1');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect((await get('/api/v2/summary.json?y=2')).headers.get('etag')).toBe(etag);
    expect((await get('/api/v2/summary.json', { 'if-none-match': etag })).status).toBe(304);
    // As HTTP compares them for a GET: weakly, in a list, or *.
    for (const header of [`W/${etag}`, `"other", ${etag}`, `W/"other", W/${etag}`, '*'])
      expect((await get('/api/v2/summary.json', { 'if-none-match': header })).status, header).toBe(304);
    expect((await get('/api/v2/summary.json', { 'if-none-match': '"other", W/"else"' })).status).toBe(200);
    expect((await get('/status/incidents/not-a-real-id')).status).toBe(404);
    expect((await fetch(`${t.bot.url}/status`, { method: 'POST' })).status).toBe(405);
  });

  it("answers a widget's CORS preflight, so a fetch with a custom header from another site works", async () => {
    const preflight = await fetch(`${t.bot.url}/api/v2/summary.json`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.example.org',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'x-requested-with',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('*');
  });

  it('on the status host name serves nothing but the status routes', async () => {
    const onStatusHost = (path: string, init: { method?: string } = {}) =>
      requestWithHost(t.bot.url, path, STATUS_HOST, init);
    expect((await onStatusHost('/status')).status).toBe(200);
    expect((await onStatusHost('/api/v2/summary.json')).status).toBe(200);
    expect(await onStatusHost('/')).toEqual({ status: 302, location: '/status' });
    for (const path of [
      '/api/v1/deploy-gate?service=api&environment=prod&version=1',
      '/api/v1/incidents',
      '/healthz',
    ]) {
      expect((await onStatusHost(path)).status, path).toBe(404);
    }
    expect((await onStatusHost('/slack/events', { method: 'POST' })).status).toBe(404);
    expect((await onStatusHost('/webhooks/pagerduty', { method: 'POST' })).status).toBe(404);
    // The same paths on the bot's own host name still work.
    expect((await get('/healthz')).status).toBe(200);
  });

  it('keeps serving the last copy while the database is down', async () => {
    const before = await (await get('/status')).text();
    expect(before).toContain('Delayed exports');
    if (t.bot.database.backend === 'postgres') {
      const url = new URL(t.bot.ctx.config.DATABASE_URL!);
      const name = url.pathname.slice(1);
      const admin = new pg.Client({ connectionString: url.toString().replace(`/${name}`, '/postgres') });
      await admin.connect();
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
      await admin.end();
    } else {
      await t.bot.database.close();
    }
    expect((await get('/healthz')).status).toBe(503);
    t.bot.ctx.statusPage.invalidate();
    const during = await get('/status');
    expect(during.status).toBe(200);
    expect(await during.text()).toBe(before);
    expect((await get('/api/v2/summary.json')).status).toBe(200);
  });
});
