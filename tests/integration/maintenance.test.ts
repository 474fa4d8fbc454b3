// Scheduled maintenance from Slack (SPEC.md "Status page", scheduled maintenance): times ahead in
// the person's zone, durable timers that move it (once), the page and Statuspage's JSON, the
// announcements channel at each step, and who may do it.
import { TZDate } from '@date-fns/tz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend } from '../support/backend.ts';
import { ManualClock } from '../support/manual-clock.ts';
import { advanceClock, runIn, settle, startTestBot, type TestBot } from '../support/test-bot.ts';

const MINUTE = 60_000;
const FILE = {
  announcements_channel: 'incidents',
  status_page: { title: 'Acme Status', url: 'https://status.acme.test' },
  services: [
    { id: 'api', name: 'Public API', group: 'Core' },
    { id: 'db', name: 'Database' },
    { id: 'batch', name: 'Batch jobs', status_page: false },
  ],
};
// Bob's Slack time zone (tests/fakes/workspace.ts).
const BOB_ZONE = 'America/New_York';

describe(`scheduled maintenance (${backend})`, () => {
  let t: TestBot;
  const clock = new ManualClock();
  beforeAll(async () => {
    t = await startTestBot({ clock, file: FILE });
    t.slack.addUser({ id: 'U0GUEST01', name: 'guest', email: 'guest@partner.test', is_restricted: true });
  });
  afterAll(() => t?.stop());

  const json = async (path: string) => (await fetch(`${t.bot.url}${path}`)).json() as Promise<any>;
  const run = (text: string, user = 'U0BOB0001', channel = 'C0GENERAL') => runIn(t, channel, text, user);
  const advance = (ms: number) => advanceClock(t, clock, ms);
  const announced = () => t.slack.channels.get('C0INCIDNT')!.messages.map((m) => m.text ?? '');
  const maintenances = () => t.bot.ctx.db.maintenance.count();
  const component = async (name: string) =>
    (await json('/api/v2/components.json')).components.find((c: any) => c.name === name);

  it('reads a clock time as its next occurrence in the person’s zone: --from 02:00 typed at 03:00 is tomorrow', async () => {
    // Move the clock to 03:00:30 in New York (a manual clock only goes forward: up to a day).
    const now = new TZDate(clock.now().getTime(), BOB_ZONE);
    let target = new TZDate(now.getFullYear(), now.getMonth(), now.getDate(), 3, 0, 30, BOB_ZONE);
    if (target.getTime() <= now.getTime())
      target = new TZDate(now.getFullYear(), now.getMonth(), now.getDate() + 1, 3, 0, 30, BOB_ZONE);
    await advance(target.getTime() - now.getTime());

    const answer = await run(
      'maintenance schedule --services db --from 02:00 --to 04:00 --title "Database upgrade" Writes pause for a few minutes.',
    );
    expect(answer).toContain('Maintenance 1 “Database upgrade” (db) scheduled');
    const [m] = (await json('/api/v2/scheduled-maintenances/upcoming.json')).scheduled_maintenances;
    const tomorrow = new TZDate(target.getFullYear(), target.getMonth(), target.getDate() + 1, 2, 0, 0, BOB_ZONE);
    const tomorrowEnd = new TZDate(target.getFullYear(), target.getMonth(), target.getDate() + 1, 4, 0, 0, BOB_ZONE);
    expect(Date.parse(m.scheduled_for)).toBe(tomorrow.getTime());
    expect(Date.parse(m.scheduled_until)).toBe(tomorrowEnd.getTime());
    expect(m).toMatchObject({ name: 'Database upgrade', status: 'scheduled', impact: 'maintenance' });
    expect(m.incident_updates[0]).toMatchObject({ status: 'scheduled', body: 'Writes pause for a few minutes.' });
    expect(m.components.map((c: any) => c.name)).toEqual(['Database']);
    expect(m.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(
      announced().some((text) => text.includes('Maintenance 1 “Database upgrade” (db) scheduled by <@U0BOB0001>')),
    ).toBe(true);
    expect(await run('maintenance cancel 1')).toContain('is cancelled');
    expect((await json('/api/v2/scheduled-maintenances.json')).scheduled_maintenances).toEqual([]);
    expect(await run('maintenance cancel 1')).toContain('cancelled already');
  });

  it('goes upcoming -> in progress (its component under maintenance) -> completed on its timers', async () => {
    await run('maintenance schedule --services db,api --from +2m --to +1h --title "Storage move" We move storage.');
    let summary = await json('/api/v2/summary.json');
    expect(summary.scheduled_maintenances.map((m: any) => [m.name, m.status])).toEqual([['Storage move', 'scheduled']]);
    expect(summary.status.indicator).toBe('none');
    expect((await json('/api/v2/scheduled-maintenances/active.json')).scheduled_maintenances).toEqual([]);
    let html = await (await fetch(`${t.bot.url}/status`)).text();
    expect(html).toContain('Scheduled maintenance');
    expect(html).toContain('Storage move');
    // Scheduled under an hour ahead: no "in an hour" reminder.
    expect(announced().filter((text) => text.includes('starts in an hour'))).toEqual([]);

    await advance(3 * MINUTE);
    const [active] = (await json('/api/v2/scheduled-maintenances/active.json')).scheduled_maintenances;
    expect(active).toMatchObject({ name: 'Storage move', status: 'in_progress' });
    expect(active.incident_updates.map((u: any) => u.status)).toEqual(['in_progress', 'scheduled']);
    expect((await component('Database')).status).toBe('under_maintenance');
    expect((await component('Public API')).status).toBe('under_maintenance');
    summary = await json('/api/v2/summary.json');
    expect(summary.status).toEqual({ indicator: 'maintenance', description: 'Service Under Maintenance' });
    expect((await json('/api/v2/scheduled-maintenances/upcoming.json')).scheduled_maintenances).toEqual([]);
    html = await (await fetch(`${t.bot.url}/status`)).text();
    expect(html).toContain('Maintenance in progress');
    expect(announced().some((text) => text.includes('“Storage move” (db, api) is in progress'))).toBe(true);

    await advance(60 * MINUTE);
    const all = (await json('/api/v2/scheduled-maintenances.json')).scheduled_maintenances;
    expect(all.map((m: any) => [m.name, m.status])).toEqual([['Storage move', 'completed']]);
    expect(all[0].resolved_at).not.toBeNull();
    expect((await json('/api/v2/scheduled-maintenances/active.json')).scheduled_maintenances).toEqual([]);
    expect((await component('Database')).status).toBe('operational');
    expect((await json('/api/v2/summary.json')).scheduled_maintenances).toEqual([]);
    expect(announced().some((text) => text.includes('“Storage move” (db, api) is completed'))).toBe(true);
    // Maintenance is not downtime: today's bar for the database is fully up.
    const bars = (await json('/api/v2/components.json')).components;
    expect(bars.every((c: any) => c.status === 'operational')).toBe(true);
  });

  it('tells the announcements channel an hour before, and a status set by hand wins over the timers', async () => {
    await run('maintenance schedule --services api --from +3h --to +2h --title "API upgrade" New API version.');
    const number = (await t.bot.ctx.db.maintenance.findFirstOrThrow({ where: { title: 'API upgrade' } })).number;
    await advance(2 * 60 * MINUTE + MINUTE);
    expect(
      announced().filter((text) => text.includes(`Maintenance ${number} “API upgrade” (api) starts in an hour`)),
    ).toHaveLength(1);
    expect(await run(`maintenance update ${number} --status verifying Checking the new version early`)).toContain(
      'verifying',
    );
    await advance(60 * MINUTE);
    // Its start and end timers fired; a person is verifying, so it stays so.
    const [m] = (await json('/api/v2/scheduled-maintenances/active.json')).scheduled_maintenances;
    expect(m).toMatchObject({ name: 'API upgrade', status: 'verifying' });
    await advance(2 * 60 * MINUTE);
    expect((await json('/api/v2/scheduled-maintenances/active.json')).scheduled_maintenances[0].status).toBe(
      'verifying',
    );
    expect(await run(`maintenance cancel ${number}`)).toContain('has started');
    expect(await run(`maintenance update ${number} --status completed All done`)).toContain('completed');
    expect((await json('/api/v2/scheduled-maintenances/active.json')).scheduled_maintenances).toEqual([]);
    expect(await run(`maintenance update ${number} One more thing`)).toContain('completed already');
    const list = await run('maintenance list');
    expect(list).toContain(`*${number}* API upgrade (api): completed`);
  });

  it('refuses bad input, writing nothing, and guests', async () => {
    const before = await maintenances();
    for (const [text, problem] of [
      ['maintenance schedule --from +1h --to +2h We upgrade', 'needs a public title'],
      ['maintenance schedule --from +1h --title X We upgrade', 'Say when'],
      ['maintenance schedule --from soon --to +2h --title X We upgrade', 'can\'t read "soon"'],
      ['maintenance schedule --from +1h --to +2h --title X', 'Say what customers should read'],
      ['maintenance schedule --services dbb --from +1h --to +2h --title X Hi', 'did you mean db'],
      ['maintenance schedule --services batch --from +1h --to +2h --title X Hi', 'not on the status page'],
      ['maintenance schedule --from "2020-01-01 02:00" --to +2h --title X Hi', 'give a time ahead'],
      ['maintenance schedule --from +2h --to "2020-01-01 02:00" --title X Hi', 'give a time ahead'],
      ['maintenance schedule --from +1h --to +2h --title X --at -5m Hi', 'takes no --at'],
      ['maintenance update 999 Hello', 'There is no maintenance 999'],
      ['maintenance update 1 --status done Hello', 'is not a maintenance status'],
      ['maintenance frobnicate', 'is not a maintenance command'],
    ] as const) {
      expect(await run(text), text).toContain(problem);
    }
    expect(await run('maintenance schedule --from +1h --to +2h --title "Guest work" Hi', 'U0GUEST01')).toContain(
      'Only members of the workspace who are not guests may',
    );
    expect(await maintenances()).toBe(before);
    await settle(t);
  });
});
