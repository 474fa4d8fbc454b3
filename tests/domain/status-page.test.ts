import { describe, expect, it } from 'vitest';
import { parseCommand } from '../../src/domain/commands/parse.ts';
import { buildStatusPage, impactOf } from '../../src/domain/status-page/model.ts';
import type { PublishedIncident, PublishedMaintenance } from '../../src/domain/status-page/published.ts';
import { publicText } from '../../src/domain/status-page/public-text.ts';
import { uptimeDays } from '../../src/domain/status-page/uptime.ts';

const context = {
  severities: ['SEV1', 'SEV2'],
  services: ['api', 'web', 'internal'],
  statusComponents: { visible: ['api', 'web'], hidden: ['internal'] },
};
const parse = (text: string) => parseCommand(text, context);

describe('what customers read of a Slack message', () => {
  it('removes people, channels and broadcasts, keeps links, and undoes Slack escaping', () => {
    expect(publicText('Fixed by <@U0BOB0001> in <#C0WAR|war-room> <!here> &amp; <!subteam^S1|@oncall>.')).toBe(
      'Fixed by in &.',
    );
    expect(publicText('See <https://example.com/x|the post-incident note> or <https://example.com>')).toBe(
      'See the post-incident note (https://example.com/x) or https://example.com',
    );
    expect(publicText('&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp;')).toBe('<script>alert(1)</script> &amp;');
    expect(publicText('<@U0BOB0001>')).toBe('');
  });
});

describe('/incident statuspage', () => {
  it('takes options before or after a message kept as typed', () => {
    const r = parse(
      `statuspage --title "Elevated API errors" --components api=major_outage,web=degraded-performance We're on it, it's "bad"`,
    );
    expect(r).toMatchObject({
      ok: true,
      command: {
        name: 'statuspage',
        title: 'Elevated API errors',
        status: null,
        components: [
          { service: 'api', state: 'major_outage' },
          { service: 'web', state: 'degraded_performance' },
        ],
        message: `We're on it, it's "bad"`,
      },
    });
    expect(parse('statuspage All good now --status resolved')).toMatchObject({
      ok: true,
      command: { status: 'resolved', message: 'All good now' },
    });
    expect(parse('statuspage --at 14:05 --status identified Found it')).toMatchObject({ ok: true, at: '14:05' });
  });

  it('refuses what cannot be published, saying why', () => {
    const problem = (text: string) => {
      const r = parse(text);
      return r.ok ? null : r.message.split('\n')[0];
    };
    expect(problem('statuspage --status identified')).toContain('Say what customers should read');
    expect(problem('statuspage --status fixed Done')).toContain('is not a status');
    expect(problem('statuspage --components ap=major_outage Down')).toContain('did you mean api');
    expect(problem('statuspage --components api=down Down')).toContain('is not a component state');
    expect(problem('statuspage --components internal=major_outage Down')).toContain('not on the status page');
    expect(problem('statuspage --components api Down')).toContain('Give each component a state');
    expect(problem('statuspage --components api=major_outage,api=partial_outage Down')).toContain('given twice');
    expect(problem('statuspage --colour red Down')).toContain('is not an option of statuspage');
    expect(
      parseCommand('statuspage --components api=major_outage Down', { severities: [], services: [] }),
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('There are no components'),
    });
  });
});

const at = (iso: string) => new Date(iso);
function incident(
  id: string,
  updates: [string, Record<string, string>][],
  resolvedAt: string | null = null,
): PublishedIncident {
  return {
    id,
    title: id,
    status: resolvedAt ? 'resolved' : 'investigating',
    impact: 'major',
    createdAt: at(updates[0]![0]),
    updatedAt: at(updates.at(-1)![0]),
    monitoringAt: null,
    resolvedAt: resolvedAt ? at(resolvedAt) : null,
    components: Object.entries(updates.at(-1)![1]).map(([service, state]) => ({ service, state })),
    updates: updates.map(([when, states], i) => ({
      id: `${id}-${i}`,
      status: 'investigating',
      body: '',
      createdAt: at(when),
      displayAt: at(when),
      components: Object.entries(states).map(([service, to]) => ({ service, from: 'operational', to })),
    })),
  };
}

describe('uptime bars', () => {
  const now = at('2026-12-03T12:00:00Z');
  it('counts major_outage as down, partial_outage as 30% down, and no data before the first publication', () => {
    const incidents = [
      // Dec 2: 2h major outage, then 4h partial.
      incident(
        'a',
        [
          ['2026-12-02T10:00:00Z', { api: 'major_outage' }],
          ['2026-12-02T12:00:00Z', { api: 'partial_outage' }],
          ['2026-12-02T16:00:00Z', { api: 'operational' }],
        ],
        '2026-12-02T16:00:00Z',
      ),
    ];
    const days = uptimeDays({ service: 'api', incidents, firstPublished: at('2026-12-01T06:00:00Z'), now, days: 4 });
    expect(days.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03']);
    expect(days[0]).toEqual({ date: '2026-11-30', uptime: null, worst: null });
    expect(days[1]).toEqual({ date: '2026-12-01', uptime: 1, worst: 'operational' });
    expect(days[2]!.worst).toBe('major_outage');
    expect(days[2]!.uptime).toBeCloseTo(1 - (2 + 0.3 * 4) / 24, 10);
    expect(days[3]!.uptime).toBe(1);
  });

  it('takes the worst of overlapping incidents, and an open outage runs until now', () => {
    const incidents = [
      incident('a', [['2026-12-03T06:00:00Z', { api: 'partial_outage' }]]),
      incident('b', [['2026-12-03T09:00:00Z', { api: 'major_outage' }]]),
    ];
    const [today] = uptimeDays({ service: 'api', incidents, firstPublished: at('2026-11-01T00:00:00Z'), now, days: 1 });
    // 12 h elapsed today: 3 h at 30% down, then 3 h fully down.
    expect(today!.uptime).toBeCloseTo(1 - (0.3 * 3 + 3) / 12, 10);
    const page = buildStatusPage({
      title: 'Acme',
      url: 'https://status.acme.test',
      components: [{ service: 'api', name: 'API', group: null }],
      incidents,
      maintenances: [],
      site: null,
      seen: new Map([
        ['api', { firstSeenAt: at('2026-10-01T00:00:00Z'), firstPublishedAt: at('2026-11-01T00:00:00Z') }],
      ]),
      now,
    });
    expect(page.components[0]!.state).toBe('major_outage');
    expect(page.indicator).toBe('critical');
    expect(page.components[0]!.uptime).toHaveLength(90);
  });
});

describe('scheduled maintenance on the page', () => {
  const now = at('2026-12-03T12:00:00Z');
  const maintenance = (over: Partial<PublishedMaintenance>): PublishedMaintenance => ({
    id: 'm1',
    title: 'Storage move',
    status: 'in_progress',
    services: ['api'],
    scheduledFor: at('2026-12-03T06:00:00Z'),
    scheduledUntil: at('2026-12-03T10:00:00Z'),
    createdAt: at('2026-12-01T00:00:00Z'),
    updatedAt: at('2026-12-03T06:00:00Z'),
    startedAt: at('2026-12-03T06:00:00Z'),
    completedAt: null,
    updates: [],
    ...over,
  });
  const page = (maintenances: PublishedMaintenance[], incidents: PublishedIncident[] = []) =>
    buildStatusPage({
      title: 'Acme',
      url: 'https://status.acme.test',
      components: [
        { service: 'api', name: 'API', group: null },
        { service: 'db', name: 'DB', group: null },
      ],
      incidents,
      maintenances,
      site: { publicId: 'p1', configuredAt: at('2026-10-01T00:00:00Z') },
      seen: new Map([
        ['api', { firstSeenAt: at('2026-10-02T00:00:00Z'), firstPublishedAt: at('2026-11-01T00:00:00Z') }],
      ]),
      now,
    });

  it('does not count time under maintenance as downtime, whatever an incident said meanwhile', () => {
    // A 6-hour maintenance from 04:00; an incident said major_outage from 06:00 to 08:00 (inside it)
    // and from 10:00 to 11:00 (after it).
    const incidents = [
      incident(
        'a',
        [
          ['2026-12-03T06:00:00Z', { api: 'major_outage' }],
          ['2026-12-03T08:00:00Z', { api: 'operational' }],
          ['2026-12-03T10:00:00Z', { api: 'major_outage' }],
          ['2026-12-03T11:00:00Z', { api: 'operational' }],
        ],
        '2026-12-03T11:00:00Z',
      ),
    ];
    const windows = [
      maintenance({
        startedAt: at('2026-12-03T04:00:00Z'),
        completedAt: at('2026-12-03T10:00:00Z'),
        status: 'completed',
      }),
    ];
    const [today] = uptimeDays({
      service: 'api',
      incidents,
      maintenances: windows,
      firstPublished: at('2026-11-01T00:00:00Z'),
      now,
      days: 1,
    });
    expect(today!.uptime).toBeCloseTo(1 - 1 / 12, 10);
    const without = uptimeDays({ service: 'api', incidents, firstPublished: at('2026-11-01T00:00:00Z'), now, days: 1 });
    expect(without[0]!.uptime).toBeCloseTo(1 - 3 / 12, 10);
  });

  it('puts the components of one under way under maintenance, and the indicator says so', () => {
    const model = page([maintenance({})]);
    expect(model.components.map((c) => c.state)).toEqual(['under_maintenance', 'operational']);
    expect(model.indicator).toBe('maintenance');
    expect(model.active.map((m) => m.id)).toEqual(['m1']);
    // An outage elsewhere is worse than maintenance.
    const worse = page([maintenance({})], [incident('b', [['2026-12-03T11:00:00Z', { db: 'partial_outage' }]])]);
    expect(worse.indicator).toBe('major');
    const upcoming = page([maintenance({ status: 'scheduled', startedAt: null })]);
    expect(upcoming.components[0]!.state).toBe('operational');
    expect(upcoming.upcoming.map((m) => m.id)).toEqual(['m1']);
    expect(page([maintenance({ status: 'cancelled' })]).maintenances).toEqual([]);
  });

  it('fills the times Statuspage always fills: first configured, first seen', () => {
    const model = page([]);
    expect(model.updatedAt).toEqual(at('2026-10-01T00:00:00Z'));
    // api was seen on Oct 2; db has no record yet, so it dates from the page.
    expect(model.components.map((c) => [c.createdAt, c.updatedAt])).toEqual([
      [at('2026-10-02T00:00:00Z'), at('2026-10-02T00:00:00Z')],
      [at('2026-10-01T00:00:00Z'), at('2026-10-01T00:00:00Z')],
    ]);
  });
});

describe("an incident's impact", () => {
  it('is the worst of the states it holds now: it goes down as they recover', () => {
    expect(impactOf(['major_outage', 'degraded_performance'])).toBe('critical');
    expect(impactOf(['degraded_performance', 'operational'])).toBe('minor');
    expect(impactOf(['operational'])).toBe('none');
    expect(impactOf(['under_maintenance'])).toBe('none');
  });
});

describe('/incident maintenance', () => {
  it('parses schedule with times that may hold spaces, list, update and cancel', () => {
    expect(
      parse(
        'maintenance schedule --services web,api --from 2026-12-05 02:00 --to 04:00 --title "Database upgrade" Writes pause.',
      ),
    ).toMatchObject({
      ok: true,
      command: {
        name: 'maintenance_schedule',
        services: ['web', 'api'],
        from: '2026-12-05 02:00',
        to: '04:00',
        title: 'Database upgrade',
        message: 'Writes pause.',
      },
    });
    expect(parse('maintenance schedule --from tomorrow 02:00 --to +2h --title T Hi')).toMatchObject({
      ok: true,
      command: { from: 'tomorrow 02:00', to: '+2h', message: 'Hi', services: [] },
    });
    expect(parse('maintenance list')).toMatchObject({ ok: true, command: { name: 'maintenance_list' } });
    expect(parse('maintenance update #3 --status in-progress Started')).toMatchObject({
      ok: true,
      command: { name: 'maintenance_update', number: 3, status: 'in_progress', message: 'Started' },
    });
    expect(parse('maintenance cancel 3')).toMatchObject({
      ok: true,
      command: { name: 'maintenance_cancel', number: 3, message: null },
    });
    expect(parse('maintenance update x Hi')).toMatchObject({
      ok: false,
      message: expect.stringContaining('Which maintenance'),
    });
    expect(parse('maintenance schedule --from yesterday 02:00 --to +2h --title T Hi')).toMatchObject({
      ok: false,
      message: expect.stringContaining('a time ahead is needed'),
    });
  });
});
