// Insights (SPEC.md "Insights") over a history built through Slack as people would: 40 incidents
// over 120 days (SEV1 to SEV3 on api, web and db; four drills, two cancelled, three private, one
// declared without a severity), every time given with --at, deploys reported through the API and
// three of them named as causes. Every figure is checked on the page, in the CSV and in the JSON
// against values worked out by hand from the plan below (not by a second implementation).
//
// Incident n (n = 1..40) is declared on 2026-08-01 12:00 UTC + 3(n-1) days, `started` 10 minutes
// before. Regular ones: SEV1/SEV2/SEV3 in turn, api for odd n and web for even n; detected
// ((n-1) mod 5)+1 minutes after started, mitigated (status monitoring) 10n minutes after, resolved
// 20n minutes after. 31-34 are drills, 35-36 cancelled, 37 declared without a severity (SEV3 five
// minutes later; mitigated after 10 min, resolved after 20, on db), 38-40 private on db at SEV2
// (mitigated after 300/310/320 min, resolved after 700/710/720).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { advanceClock, declare, runIn, startTestBot, type TestBot, waitFor } from '../support/test-bot.ts';
import { webSession } from '../support/web-session.ts';
import type { insightsJson } from '../../src/domain/insights/export.ts';

type InsightsJson = ReturnType<typeof insightsJson> & { period: { from: string; to: string } };

const DAY = 86_400_000;
const MINUTE = 60_000;
const BASE = Date.parse('2026-08-01T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const FILE = {
  services: [
    { id: 'api', name: 'Public API' },
    { id: 'web', name: 'Web app' },
    { id: 'db', name: 'Database' },
  ],
  // No cadences: the only prompt is the one asked when incident 37 is declared without a level.
  severities: [
    { id: 'SEV1', description: 'Major outage' },
    { id: 'SEV2', description: 'Partial outage' },
    { id: 'SEV3', description: 'Minor' },
  ],
};

type Deploy = { service: string; environment: string; version: string; status: string; at: number };
const DEPLOYS: Deploy[] = [
  // api to production every 6 days from 1 August (20), web every 12 days from the 2nd (10).
  ...Array.from({ length: 20 }, (_, k) => ({
    service: 'api',
    environment: 'production',
    version: `v${k}`,
    status: 'succeeded',
    at: BASE - 60 * MINUTE + 6 * k * DAY,
  })),
  ...Array.from({ length: 10 }, (_, k) => ({
    service: 'web',
    environment: 'production',
    version: `w${k}`,
    status: 'succeeded',
    at: BASE - 60 * MINUTE + (1 + 12 * k) * DAY,
  })),
  // Failed deploys and staging ones are not in the change failure rate's n.
  { service: 'web', environment: 'production', version: 'wf1', status: 'failed', at: BASE + 19 * DAY },
  { service: 'web', environment: 'production', version: 'wf2', status: 'failed', at: BASE + 49 * DAY },
  ...Array.from({ length: 5 }, (_, k) => ({
    service: 'api',
    environment: 'staging',
    version: `s${k}`,
    status: 'succeeded',
    at: BASE + (9 + 10 * k) * DAY,
  })),
];

describe(`insights over 120 days (${backend})`, () => {
  const clock = new ManualClock();
  let t: TestBot;
  let reported = 0;
  let promptAnswerSeconds = 0;
  beforeAll(async () => {
    clock.advance(BASE - Date.now());
    t = await startTestBot({
      clock,
      file: FILE,
      env: { API_TOKENS: 'read-token', DEPLOY_GATE_TOKENS: 'ci:deploy-token' },
    });
  }, 30_000);
  afterAll(() => t?.stop());

  const moveTo = (ms: number) => advanceClock(t, clock, ms - clock.now().getTime());
  // Deploys are reported once they have happened (a report from the future is refused).
  async function reportDue() {
    const due = DEPLOYS.filter((d) => d.at <= clock.now().getTime());
    for (const d of due.slice(reported)) {
      const response = await fetch(`${t.bot.url}/api/v1/deploys`, {
        method: 'POST',
        headers: { authorization: 'Bearer deploy-token', 'content-type': 'application/json' },
        body: JSON.stringify({
          service: d.service,
          environment: d.environment,
          version: d.version,
          status: d.status,
          at: iso(d.at),
        }),
      });
      expect(response.status).toBe(201);
    }
    reported = due.length;
  }
  const byTime = [...DEPLOYS].sort((a, b) => a.at - b.at);
  DEPLOYS.splice(0, DEPLOYS.length, ...byTime);

  async function incident(n: number) {
    const declared = BASE + 3 * (n - 1) * DAY;
    const started = declared - 10 * MINUTE;
    const drill = n >= 31 && n <= 34;
    const cancelled = n === 35 || n === 36;
    const isPrivate = n >= 38;
    const severity = isPrivate ? 'SEV2' : ['SEV1', 'SEV2', 'SEV3'][(n - 1) % 3]!;
    const service = n >= 37 ? 'db' : n % 2 === 1 ? 'api' : 'web';
    const mitigated = started + (n === 37 ? 10 : isPrivate ? 300 + 10 * (n - 38) : 10 * n) * MINUTE;
    const resolved = started + (n === 37 ? 20 : isPrivate ? 700 + 10 * (n - 38) : 20 * n) * MINUTE;
    await moveTo(resolved + MINUTE);
    await reportDue();
    const flags = `${n === 37 ? '' : ` --sev ${severity}`} --services ${service}${drill ? ' --drill' : ''}${isPrivate ? ' --private' : ''}`;
    const { channelId } = await declare(t, `Outage ${n}${flags} --at ${iso(declared)}`);
    const run = async (text: string) => {
      const said = await runIn(t, channelId, text);
      expect(said, text).not.toMatch(/can't|cannot|not |Sorry/);
    };
    if (cancelled) return run('cancel False alarm');
    if (n === 37) {
      const prompt = await waitFor(
        () => t.bot.ctx.db.prompt.findFirst({ where: { incident: { number: 37 } } }),
        'the severity prompt',
      );
      // Answered five minutes after it was asked (plus the moments the test takes).
      await advanceClock(t, clock, 5 * MINUTE);
      await run('sev SEV3 Confirmed minor');
      const answered = await t.bot.ctx.db.prompt.findUniqueOrThrow({ where: { id: prompt.id } });
      promptAnswerSeconds = Math.round((answered.answeredAt!.getTime() - answered.askedAt.getTime()) / 1000);
    }
    await run(`mark started ${iso(started)}`);
    await run(`mark detected ${iso(started + (((n - 1) % 5) + 1) * MINUTE)}`);
    if (n <= 6) {
      await run(`impact ${service} start --at ${iso(started)}`);
      await run(`impact ${service} end --at ${iso(mitigated)}`);
    }
    await run(`status monitoring --at ${iso(mitigated)}`);
    await run(`status resolved --at ${iso(resolved)}`);
    if (n === 1) {
      await run('cause api@v0');
      await run('action Add a canary stage --due 2026-08-10');
      await run('action Page on 500s');
      await run('actions done 2');
    }
    if (n === 2) {
      await run('cause web@w0');
      await run('action Alert on latency');
    }
    if (n === 3) await run('cause api@v1');
    // Items of a drill never count.
    if (n === 31) await run('action Rehearse the failover');
  }

  it('builds the history through Slack', async () => {
    for (let n = 1; n <= 40; n++) await incident(n);
    await moveTo(Date.parse('2026-11-28T12:00:00Z'));
    await reportDue();
    expect(reported).toBe(DEPLOYS.length);
    expect(await t.bot.ctx.db.incident.count()).toBe(40);
    // Stated margin: the answer took 300 s of clock plus the seconds the test itself took.
    expect(promptAnswerSeconds).toBeGreaterThanOrEqual(300);
    expect(promptAnswerSeconds).toBeLessThan(330);
  }, 600_000);

  const QUERY = 'from=2026-08-01&to=2026-11-28';

  it('gives every figure in the JSON, with its n and definition', async () => {
    const response = await fetch(`${t.bot.url}/api/v1/insights?${QUERY}`, {
      headers: { authorization: 'Bearer read-token' },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as InsightsJson;
    expect(body.period).toEqual({ from: '2026-08-01', to: '2026-11-28' });
    expect(body.incidents).toEqual({ n: 34, by_severity: { SEV1: 10, SEV2: 13, SEV3: 11 } });
    const f = (n: number, median: number, p90: number) => ({ n, median_seconds: median, p90_seconds: p90 });
    const none = f(0, null as never, null as never);
    expect(body.time_to).toEqual({
      SEV1: { detect: f(10, 180, 300), acknowledge: none, mitigate: f(10, 7800, 15000), resolve: f(10, 15600, 30000) },
      SEV2: { detect: f(13, 180, 300), acknowledge: none, mitigate: f(13, 12000, 18600), resolve: f(13, 24000, 42600) },
      SEV3: { detect: f(11, 180, 300), acknowledge: none, mitigate: f(11, 9000, 16200), resolve: f(11, 18000, 32400) },
      all: { detect: f(34, 180, 300), acknowledge: none, mitigate: f(34, 9600, 18000), resolve: f(34, 19200, 36000) },
    });
    expect(body.impact_by_service).toEqual([
      { service: 'web', seconds: 7200, incidents: 3 },
      { service: 'api', seconds: 5400, incidents: 3 },
    ]);
    expect(body.time_in_status).toEqual({
      investigating: f(34, 9000, 17400),
      identified: none,
      monitoring: f(34, 9600, 18000),
    });
    // The three private incidents are the slowest: counted, never named here.
    expect(body.slowest).toEqual([
      { number: null, title: null, severity: 'SEV2', resolve_seconds: 43200 },
      { number: null, title: null, severity: 'SEV2', resolve_seconds: 42600 },
      { number: null, title: null, severity: 'SEV2', resolve_seconds: 42000 },
      { number: 30, title: 'Outage 30', severity: 'SEV3', resolve_seconds: 36000 },
      { number: 29, title: 'Outage 29', severity: 'SEV2', resolve_seconds: 34800 },
    ]);
    expect(body.prompts).toEqual({
      asked: 1,
      answered: 1,
      answer: f(1, promptAnswerSeconds, promptAnswerSeconds),
    });
    expect(body.action_items).toEqual({ open: 2, done: 1, overdue: 1 });
    expect(body.dora).toEqual({
      environment: 'production',
      changes_reported: true,
      services: [
        {
          service: 'api',
          deploys: 20,
          deploys_per_week: 1.2,
          failures: 2,
          change_failure_rate: 0.1,
          recovery: f(2, 600, 1800),
        },
        {
          service: 'web',
          deploys: 10,
          deploys_per_week: 0.6,
          failures: 1,
          change_failure_rate: 0.1,
          recovery: f(1, 1200, 1200),
        },
      ],
    });
    expect(body.weeks.slice(0, 3)).toEqual([
      { week: '2026-07-27', by_severity: { SEV1: 1, SEV2: 0, SEV3: 0 } },
      { week: '2026-08-03', by_severity: { SEV1: 0, SEV2: 1, SEV3: 1 } },
      { week: '2026-08-10', by_severity: { SEV1: 1, SEV2: 1, SEV3: 1 } },
    ]);
    expect(body.weeks).toHaveLength(18);
    expect(Object.keys(body.definitions)).toEqual(
      expect.arrayContaining(['median', 'p90', 'changeFailureRate', 'recovery']),
    );
    // Filters: one severity, one service.
    const sev1 = (await (
      await fetch(`${t.bot.url}/api/v1/insights?${QUERY}&severity=SEV1`, {
        headers: { authorization: 'Bearer read-token' },
      })
    ).json()) as InsightsJson;
    expect(sev1.incidents).toEqual({ n: 10, by_severity: { SEV1: 10 } });
    const db = (await (
      await fetch(`${t.bot.url}/api/v1/insights?${QUERY}&service=db`, {
        headers: { authorization: 'Bearer read-token' },
      })
    ).json()) as InsightsJson;
    expect(db.incidents).toEqual({ n: 4, by_severity: { SEV2: 3, SEV3: 1 } });
    expect(db.dora.services).toEqual([]);
    const bad = await fetch(`${t.bot.url}/api/v1/insights?severity=SEV9`, {
      headers: { authorization: 'Bearer read-token' },
    });
    expect(bad.status).toBe(400);
    expect((await fetch(`${t.bot.url}/api/v1/insights`)).status).toBe(401);
  });

  it('gives one CSV row per incident, private titles blank', async () => {
    const cookie = await webSession(t);
    const response = await fetch(`${t.bot.url}/insights.csv?${QUERY}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'number,title,declared_at,severity,services,status,time_to_detect_seconds,time_to_acknowledge_seconds,time_to_mitigate_seconds,time_to_resolve_seconds,impact_seconds,cause',
    );
    expect(lines).toHaveLength(35);
    expect(lines[1]).toBe('1,Outage 1,2026-08-01T12:00:00.000Z,SEV1,api,resolved,60,,600,1200,600,api@v0');
    expect(lines[2]).toBe('2,Outage 2,2026-08-04T12:00:00.000Z,SEV2,web,resolved,120,,1200,2400,1200,web@w0');
    expect(lines[31]).toBe('37,Outage 37,2026-11-17T12:00:00.000Z,SEV3,db,resolved,120,,600,1200,0,');
    expect(lines[32]).toBe('38,,2026-11-20T12:00:00.000Z,SEV2,db,resolved,180,,18000,42000,0,');
    expect(lines.some((l) => /^3[1-6],/.test(l))).toBe(false);
  });

  it('shows every figure on the page, naming private incidents only to their members', async () => {
    const page = async (user: string) => {
      const cookie = await webSession(t, user);
      const response = await fetch(`${t.bot.url}/insights?${QUERY}`, { headers: { cookie } });
      expect(response.status).toBe(200);
      return response.text();
    };
    const alice = await page('U0ALICE01');
    expect(alice).toContain('34 incidents declared from 2026-08-01 to 2026-11-28');
    const cell = (median: string, p90: string, n: number) =>
      `${median} <span class="muted">· p90 ${p90} (n=${n})</span>`;
    for (const [severity, detect, mitigate, resolve] of [
      ['SEV1', cell('3m', '5m', 10), cell('2h 10m', '4h 10m', 10), cell('4h 20m', '8h 20m', 10)],
      ['SEV2', cell('3m', '5m', 13), cell('3h 20m', '5h 10m', 13), cell('6h 40m', '11h 50m', 13)],
      ['SEV3', cell('3m', '5m', 11), cell('2h 30m', '4h 30m', 11), cell('5h 00m', '9h 00m', 11)],
      ['all', cell('3m', '5m', 34), cell('2h 40m', '5h 00m', 34), cell('5h 20m', '10h 00m', 34)],
    ]) {
      expect(alice).toContain(
        `<tr><td>${severity}</td><td>${detect}</td><td><span class="muted">n/a (n=0)</span></td><td>${mitigate}</td><td>${resolve}</td></tr>`,
      );
    }
    expect(alice).toContain(
      '<tr><td>web</td><td>2h 00m</td><td>3</td></tr><tr><td>api</td><td>1h 30m</td><td>3</td></tr>',
    );
    expect(alice).toContain(`<tr><td>investigating</td><td>${cell('2h 30m', '4h 50m', 34)}</td></tr>`);
    expect(alice).toContain(
      `<tr><td>api</td><td>20</td><td>1.2</td><td>10% <span class="muted">(2 of 20)</span></td><td>${cell('10m', '30m', 2)}</td></tr>`,
    );
    expect(alice).toContain(
      `<tr><td>web</td><td>10</td><td>0.6</td><td>10% <span class="muted">(1 of 10)</span></td><td>${cell('20m', '20m', 1)}</td></tr>`,
    );
    expect(alice).toContain('1 prompt asked, 1 answered');
    expect(alice).toContain('2 open (1 overdue), 1 done.');
    // Alice declared the private ones, so she is in their channels; Bob is not.
    expect(alice).toContain('<a href="/incidents/40">INC-40</a> Outage 40');
    const bob = await page('U0BOB0001');
    expect(bob).not.toContain('Outage 40');
    expect(bob.match(/a private incident/g)).toHaveLength(3);
    expect(bob).toContain('<a href="/incidents/30">INC-30</a> Outage 30');
    // Four charts, drawn on the server.
    expect(alice.match(/<svg /g)).toHaveLength(4);
  });

  it('answers `/incident insights` privately with a summary and the link', async () => {
    const { ack, replies } = await t.driver.command('insights 2026-08-01..2026-11-28', { user: 'U0BOB0001' });
    expect(ack.status).toBe(200);
    const [answer] = await waitFor(() => (replies().length ? replies() : undefined), 'the summary');
    const text = String(answer!.text);
    expect(text).toContain('*Insights* (2026-08-01 to 2026-11-28)');
    expect(text).toContain('34 incidents (SEV1 10, SEV2 13, SEV3 11)');
    expect(text).toContain('Time to resolve: median 5h 20m, p90 10h 00m (n=34).');
    expect(text).toContain('Impact: web 2h 00m, api 1h 30m.');
    expect(text).toContain('api: 20 deploys, 10% failed; web: 10 deploys, 10% failed.');
    expect(text).toContain(`/insights?from=2026-08-01&to=2026-11-28|`);
    expect(answer!.response_type).toBe('ephemeral');
    const wrong = await t.driver.command('insights last month', { user: 'U0BOB0001' });
    expect(String(wrong.ack.json?.text)).toContain('Use `/incident insights`');
  });
});
