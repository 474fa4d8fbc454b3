// The team's web view: sign-in links from `/incident web` (single use, 15 minutes, guests refused),
// the session cookie, logout, private incidents only for their channel's members, and the filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { declare, runIn, startTestBot, type TestBot } from '../support/test-bot.ts';

const FILE = {
  services: [
    { id: 'api', name: 'Public API' },
    { id: 'web', name: 'Web app' },
  ],
};

describe(`web view (${backend})`, () => {
  let t: TestBot;
  const clock = new ManualClock();
  let privateNumber: number;
  let outageChannel: string;
  let privateChannel: string;

  beforeAll(async () => {
    t = await startTestBot({ file: FILE, clock });
    t.slack.addUser({ id: 'U0GUEST01', name: 'guest', email: 'guest@partner.example', is_restricted: true });
    const outage = await declare(t, 'Checkout outage --sev SEV1 --services api');
    await runIn(t, outage.channelId, 'impact api start -20m');
    await runIn(t, outage.channelId, 'impact api end -5m');
    await runIn(t, outage.channelId, 'mark detected -18m');
    await runIn(t, outage.channelId, 'status resolved');
    outageChannel = outage.channelId;
    await declare(t, 'Slow search --sev SEV3 --services web');
    await declare(t, 'Failover game day --drill --sev SEV2');
    const secret = await declare(t, 'Payroll export leak --private --sev SEV1 --services api');
    privateNumber = secret.incident.number;
    privateChannel = secret.channelId;
  });
  afterAll(() => t?.stop());

  // `/incident web` as that user: the path of the link it answers with.
  async function signInLink(user: string): Promise<string> {
    const { ack } = await t.driver.command('web', { user });
    const text = String(ack.json?.text ?? '');
    const url = /<(http[^|>]+\/login\/[A-Za-z0-9_-]+)\|/.exec(text)?.[1];
    if (!url) throw new Error(`no sign-in link in: ${text}`);
    expect(url.startsWith(`http://localhost:${t.bot.port}/login/`)).toBe(true);
    return new URL(url).pathname;
  }
  const open = (path: string, cookie?: string) =>
    fetch(`${t.bot.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
  // Pressing the page's button: a POST to the link from the bot's own origin.
  const signIn = (path: string, origin: string | null = `http://localhost:${t.bot.port}`) =>
    fetch(`${t.bot.url}${path}`, { method: 'POST', redirect: 'manual', headers: origin ? { origin } : {} });
  async function session(user: string): Promise<string> {
    const response = await signIn(await signInLink(user));
    expect(response.status).toBe(303);
    return response.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('a link signs in once, by a POST from its page: 303 to /incidents with a session cookie, then 410', async () => {
    const link = await signInLink('U0ALICE01');
    // Opening it (as a person, a link scanner or a preview does) shows the button and uses nothing up.
    for (let i = 0; i < 2; i++) {
      const opened = await open(link);
      expect(opened.status).toBe(200);
      expect(opened.headers.get('set-cookie')).toBeNull();
      expect(await opened.text()).toContain(`<form method="post" action="${link}">`);
    }
    // Another site cannot sign a visitor in with its own link (login CSRF), nor can a request without an Origin.
    expect((await signIn(link, 'https://evil.example')).status).toBe(403);
    expect((await signIn(link, null)).status).toBe(403);
    const first = await signIn(link);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/incidents');
    const cookie = first.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^incident_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=43200');
    expect(cookie).not.toContain('Secure');
    const again = await signIn(link);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('already used or has expired');
    expect((await open(link)).status).toBe(410);
    // Every sign-in is a new session id.
    expect(await session('U0ALICE01')).not.toBe(cookie.split(';')[0]);
  });

  it('a link expires after 15 minutes; a made-up one is gone too', async () => {
    const link = await signInLink('U0ALICE01');
    clock.advance(15 * 60_000 + 1_000);
    expect((await open(link)).status).toBe(410);
    expect((await signIn(link)).status).toBe(410);
    expect((await open('/login/not-a-token')).status).toBe(410);
    expect((await open(`/login/${'A'.repeat(43)}`)).status).toBe(410);
  });

  it('refuses guests', async () => {
    const { ack } = await t.driver.command('web', { user: 'U0GUEST01' });
    expect(ack.json?.text).toContain('Guest accounts cannot sign in');
    expect(String(ack.json?.text)).not.toContain('/login/');
  });

  it('without a session says how to sign in and shows nothing else', async () => {
    for (const path of ['/incidents', '/incidents/1', '/incidents/1/impact.svg', '/incidents/1/postmortem']) {
      const response = await open(path, 'incident_session=forged-value');
      expect(response.status, path).toBe(401);
      const body = await response.text();
      expect(body).toContain('/incident web');
      expect(body).not.toContain('Checkout');
      expect(body).not.toContain('INC-1');
    }
  });

  it('lists incidents newest first with the filters; drills left out unless asked', async () => {
    const alice = await session('U0ALICE01');
    const page = await open('/incidents', alice);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    const order = ['Payroll export leak', 'Slow search', 'Checkout outage'].map((t) => html.indexOf(t));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).not.toContain('Failover game day');
    const titles = async (query: string) => {
      const body = await (await open(`/incidents${query}`, alice)).text();
      return ['Payroll export leak', 'Slow search', 'Checkout outage', 'Failover game day'].filter((t) =>
        body.includes(t),
      );
    };
    expect(await titles('?drills=only')).toEqual(['Failover game day']);
    expect(await titles('?drills=include&severity=SEV2')).toEqual(['Failover game day']);
    expect(await titles('?status=resolved')).toEqual(['Checkout outage']);
    expect(await titles('?status=open')).toEqual(['Payroll export leak', 'Slow search']);
    expect(await titles('?service=web')).toEqual(['Slow search']);
    expect(await titles('?q=checkout')).toEqual(['Checkout outage']);
    const today = clock.now().toISOString().slice(0, 10);
    expect(await titles(`?from=${today}&to=${today}`)).toHaveLength(3);
    expect(await titles('?to=2000-01-01')).toEqual([]);
    expect(await titles('?status=bogus&page=-4')).toHaveLength(3);
  });

  it('shows an incident: facts, chart, timeline, and the postmortem as HTML', async () => {
    const alice = await session('U0ALICE01');
    const html = await (await open('/incidents/1', alice)).text();
    expect(html).toContain('INC-1: Checkout outage');
    expect(html).toMatch(/<svg[^>]+role="img"/);
    expect(html).toContain('class="bar bar-down"');
    expect(html).toContain('api · production');
    expect(html).toContain('Status investigating → resolved');
    const svg = await open('/incidents/1/impact.svg', alice);
    expect(svg.headers.get('content-type')).toContain('image/svg+xml');
    const png = await open('/incidents/1/impact.png', alice);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await png.arrayBuffer());
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const postmortem = await (await open('/incidents/1/postmortem', alice)).text();
    for (const heading of ['Summary', 'Impact', 'Key figures', 'Timeline', 'Action items'])
      expect(postmortem).toContain(`<h2>${heading}</h2>`);
  });

  it('pages a long timeline: 500 entries a page, in order, with links between them', async () => {
    const alice = await session('U0ALICE01');
    const search = await t.bot.ctx.db.incident.findUniqueOrThrow({ where: { number: 2 } });
    // 1,100 entries, a second apart (a year's largest incident holds 10,000).
    const start = search.declaredAt.getTime();
    await t.bot.ctx.db.timelineEntry.createMany({
      data: Array.from({ length: 1_100 }, (_, k) => ({
        incidentId: search.id,
        seq: 1_000 + k,
        kind: 'note',
        text: `Reading number ${k + 1}`,
        occurredAt: new Date(start + (k + 1) * 1_000),
        recordedAt: new Date(start + (k + 1) * 1_000),
      })),
    });
    const total = await t.bot.ctx.db.timelineEntry.count({ where: { incidentId: search.id, removedAt: null } });
    const first = await (await open('/incidents/2', alice)).text();
    expect(first).toContain(`Entries 1–500 of ${total}`);
    expect(first).toContain('href="/incidents/2?timeline=2#timeline">Later →');
    expect(first).not.toContain('← Earlier');
    const last = await (await open('/incidents/2?timeline=3', alice)).text();
    expect(last).toContain(`Entries 1001–${total} of ${total}`);
    expect(last).toContain('Reading number 1100<');
    expect(last).not.toContain('Reading number 500<');
    expect(last).not.toContain('Later →');
    // Out of range: the first page.
    expect(await (await open('/incidents/2?timeline=abc', alice)).text()).toContain(`Entries 1–500 of ${total}`);
  });

  it('the postmortem posted in Slack links to the page and attaches the impact chart as PNG', async () => {
    await runIn(t, outageChannel, 'postmortem');
    const summary = t.slack.channels
      .get(outageChannel)!
      .messages.find((m) => m.text.includes('Postmortem draft for INC-1'));
    expect(summary?.text).toContain(`http://localhost:${t.bot.port}/incidents/1`);
    const png = [...t.slack.files.values()].find((f) => /^INC-1-impact-.*\.png$/.test(f.name));
    expect(png?.channels).toContain(outageChannel);
    expect(png!.bytes!.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    const header = t.slack.channels
      .get(outageChannel)!
      .messages.find((m) => JSON.stringify(m.blocks ?? '').includes('"header"'));
    expect(JSON.stringify(header!.blocks)).toContain(`/incidents/1|On the web`);
  });

  it('a private incident exists only for its channel members, and access follows the channel', async () => {
    const bob = await session('U0BOB0001');
    const alice = await session('U0ALICE01');
    expect(await (await open('/incidents', bob)).text()).not.toContain('Payroll export leak');
    for (const path of ['', '/impact.svg', '/impact.png', '/postmortem', '/postmortem.md']) {
      const response = await open(`/incidents/${privateNumber}${path}`, bob);
      expect(response.status, path).toBe(404);
      expect(await response.text()).not.toContain('Payroll');
    }
    expect((await open(`/incidents/${privateNumber}`, alice)).status).toBe(200);
    // Alice leaves the channel: once the membership Slack gave is older than half a minute, she is out.
    t.slack.channels.get(privateChannel)!.members.delete('U0ALICE01');
    clock.advance(31_000);
    expect((await open(`/incidents/${privateNumber}`, alice)).status).toBe(404);
    expect(await (await open('/incidents', alice)).text()).not.toContain('Payroll export leak');
  });

  it('/incident web logout ends every session of that person', async () => {
    const one = await session('U0CAROL01');
    const two = await session('U0CAROL01');
    const { ack } = await t.driver.command('web logout', { user: 'U0CAROL01' });
    expect(ack.json?.text).toContain('2 web sessions ended');
    expect((await open('/incidents', one)).status).toBe(401);
    expect((await open('/incidents', two)).status).toBe(401);
    // Sessions last 12 hours.
    const three = await session('U0CAROL01');
    expect((await open('/incidents', three)).status).toBe(200);
    clock.advance(12 * 3_600_000 + 1_000);
    expect((await open('/incidents', three)).status).toBe(401);
  });

  it('ends the sessions of an account Slack deactivates or makes a guest, on user_change', async () => {
    const carol = await session('U0CAROL01');
    const bob = await session('U0BOB0001');
    expect((await open('/incidents', carol)).status).toBe(200);
    // Any profile edit sends the event: one that bars nobody ends nothing.
    const edit = { type: 'user_change', user: { id: 'U0BOB0001', team_id: t.driver.teamId, deleted: false } };
    expect((await t.driver.event(edit)).status).toBe(200);
    expect((await open('/incidents', bob)).status).toBe(200);
    const deactivated = { type: 'user_change', user: { id: 'U0CAROL01', team_id: t.driver.teamId, deleted: true } };
    expect((await t.driver.event(deactivated)).status).toBe(200);
    expect((await open('/incidents', carol)).status).toBe(401);
    const guest = { type: 'user_change', user: { id: 'U0BOB0001', team_id: t.driver.teamId, is_restricted: true } };
    expect((await t.driver.event(guest)).status).toBe(200);
    expect((await open('/incidents', bob)).status).toBe(401);
  });

  it('asks Slack again after 10 minutes of use, in case the event was missed', async () => {
    const bob = await session('U0BOB0001');
    expect((await open('/incidents', bob)).status).toBe(200);
    const account = t.slack.users.get('U0BOB0001')!;
    account.is_ultra_restricted = true;
    try {
      // Within 10 minutes of the last check the session stands; past them Slack is asked again.
      clock.advance(9 * 60_000);
      expect((await open('/incidents', bob)).status).toBe(200);
      clock.advance(60_000 + 1_000);
      expect((await open('/incidents', bob)).status).toBe(401);
      expect((await open('/incidents', bob)).status).toBe(401);
    } finally {
      account.is_ultra_restricted = false;
    }
  });

  it('tells a non-member nothing of private incidents by timing: one membership lookup per viewer, whatever matches', async () => {
    for (let i = 0; i < 10; i++) await declare(t, `Vault breach ${i} --private --sev SEV2`);
    const bob = await session('U0BOB0001');
    // Slack slow to answer any membership question: 300 ms.
    for (const method of ['users.conversations', 'conversations.members'])
      t.slack.faults.arm({ kind: 'delay', ms: 300 }, 1_000, method);
    const timed = async (path: string) => {
      // A new request window: nothing this viewer asked before is remembered.
      clock.advance(31_000);
      const started = performance.now();
      const response = await open(path, bob);
      const body = await response.text();
      expect(response.status).toBe(200);
      expect(body).not.toContain('Vault');
      return performance.now() - started;
    };
    const lookups = () =>
      t.slack.calls.filter((c) => c.method === 'users.conversations' || c.method === 'conversations.members').length;
    const before = lookups();
    const matching: number[] = [];
    const other: number[] = [];
    for (let i = 0; i < 10; i++) {
      matching.push(await timed('/incidents?q=vault'));
      other.push(await timed('/incidents?q=nothing-matches-this'));
    }
    t.slack.faults.clear();
    // One lookup per request window, never one per private incident matched.
    expect(lookups() - before).toBe(20);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[5]!;
    const [a, b] = [median(matching), median(other)];
    expect(Math.abs(a - b)).toBeLessThanOrEqual(0.2 * Math.max(a, b));
  });
});
