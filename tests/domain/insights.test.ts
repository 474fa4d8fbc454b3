// The insights' figures (SPEC.md "Insights"): nearest-rank medians and p90s with their n, drills and
// cancelled incidents left out, private ones counted but not named, impact clipped to the period,
// DORA's stability keys; and properties over generated records (empty and single sets, missing and
// negative milestones, incidents across the period's edges, the order of rows irrelevant).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeInsights, type InsightIncident, type InsightsInput } from '../../src/domain/insights/insights.ts';
import { lastDays, parsePeriodWords, periodOf, weeksOf } from '../../src/domain/insights/period.ts';
import { figureOf, nearestRank } from '../../src/domain/insights/stats.ts';

const T0 = Date.parse('2026-06-01T00:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const PERIOD = { from: new Date('2026-05-01T00:00:00Z'), to: new Date('2026-07-01T00:00:00Z') };
const NOW = new Date('2026-07-01T00:00:00Z');

function incident(number: number, fields: Partial<InsightIncident> = {}): InsightIncident {
  return {
    number,
    title: `Incident ${number}`,
    isPrivate: false,
    isDrill: false,
    status: 'resolved',
    severity: 'SEV2',
    services: ['api'],
    declaredAt: at(number),
    milestones: [],
    impact: [],
    statusChanges: [],
    prompts: [],
    actionItems: [],
    causeChangeId: null,
    visible: true,
    ...fields,
  };
}
const input = (incidents: InsightIncident[], extra: Partial<InsightsInput> = {}): InsightsInput => ({
  incidents,
  changes: [],
  period: PERIOD,
  filters: { severity: null, service: null },
  severities: ['SEV0', 'SEV1', 'SEV2', 'SEV3', 'SEV4'],
  environment: 'production',
  now: NOW,
  ...extra,
});
const resolvedAfter = (minutes: number, start = 0) => [
  { kind: 'started', occurredAt: at(start) },
  { kind: 'resolved', occurredAt: at(start + minutes) },
];

describe('nearest-rank figures', () => {
  it('takes the value at rank ⌈p·n⌉, never an interpolation or a mean', () => {
    expect(figureOf([])).toEqual({ n: 0, median: null, p90: null });
    expect(figureOf([7])).toEqual({ n: 1, median: 7, p90: 7 });
    expect(figureOf([4, 1, 3, 2])).toEqual({ n: 4, median: 2, p90: 4 });
    expect(figureOf([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual({ n: 10, median: 5, p90: 9 });
    // ⌈0.9·7⌉ = 7 (rounding would take the 6th), ⌈0.5·7⌉ = 4.
    expect(figureOf([1, 2, 3, 4, 5, 6, 7])).toEqual({ n: 7, median: 4, p90: 7 });
    // One four-hour incident beside ten quick ones moves the p90, not the median.
    expect(figureOf([...Array(10).fill(300), 14_400])).toEqual({ n: 11, median: 300, p90: 300 });
    expect(figureOf([-60, 120])).toEqual({ n: 2, median: -60, p90: 120 });
  });

  it('is always one of the values, and the median never above the p90', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 200 }), (values) => {
        const f = figureOf(values);
        expect(values).toContain(f.median);
        expect(values).toContain(f.p90);
        expect(f.median!).toBeLessThanOrEqual(f.p90!);
        expect(f.n).toBe(values.length);
        expect(
          nearestRank(
            [...values].sort((a, b) => a - b),
            1,
          ),
        ).toBe(Math.max(...values));
      }),
    );
  });
});

describe('insights over a period', () => {
  it('leaves drills and cancelled incidents out, counts private ones without naming them', () => {
    const result = computeInsights(
      input([
        incident(1, { milestones: resolvedAfter(30) }),
        incident(2, { isDrill: true, milestones: resolvedAfter(999) }),
        incident(3, { status: 'cancelled', milestones: resolvedAfter(999) }),
        incident(4, { isPrivate: true, visible: false, title: 'Secret', milestones: resolvedAfter(90) }),
      ]),
    );
    expect(result.incidents).toBe(2);
    expect(result.stages.at(-1)!.figures.resolve).toEqual({ n: 2, median: 1800, p90: 5400 });
    expect(result.slowest.map((r) => [r.number, r.title])).toEqual([
      [4, null],
      [1, 'Incident 1'],
    ]);
  });

  it('measures from started; a missing milestone leaves the incident out of that n; negatives stay', () => {
    const result = computeInsights(
      input([
        incident(1, {
          milestones: [
            { kind: 'detected', occurredAt: at(-5) },
            { kind: 'started', occurredAt: at(0) },
            { kind: 'acknowledged', occurredAt: at(3) },
          ],
        }),
        incident(2, { milestones: [{ kind: 'detected', occurredAt: at(10) }] }),
        incident(3, {
          milestones: [
            { kind: 'started', occurredAt: at(0) },
            { kind: 'detected', occurredAt: at(2) },
          ],
        }),
      ]),
    );
    const all = result.stages.at(-1)!.figures;
    expect(all.detect).toEqual({ n: 2, median: -300, p90: 120 });
    expect(all.acknowledge).toEqual({ n: 1, median: 180, p90: 180 });
    expect(all.resolve).toEqual({ n: 0, median: null, p90: null });
  });

  it('clips impact to the period and to now, and counts incidents by the week they were declared', () => {
    const result = computeInsights(
      input([
        // Declared in the period, impact began a day before it.
        incident(1, {
          declaredAt: new Date('2026-05-01T00:30:00Z'),
          impact: [
            {
              service: 'api',
              environment: 'production',
              startedAt: new Date('2026-04-30T00:00:00Z'),
              endedAt: new Date('2026-05-01T01:00:00Z'),
            },
          ],
        }),
        // Still ongoing at the end of the period.
        incident(2, {
          declaredAt: new Date('2026-06-30T23:00:00Z'),
          services: ['web'],
          impact: [
            { service: 'web', environment: 'production', startedAt: new Date('2026-06-30T23:00:00Z'), endedAt: null },
          ],
        }),
        // Declared before the period: not counted at all.
        incident(3, { declaredAt: new Date('2026-04-30T12:00:00Z') }),
      ]),
    );
    expect(result.incidents).toBe(2);
    expect(result.impactByService).toEqual([
      { service: 'api', seconds: 3600, incidents: 1 },
      { service: 'web', seconds: 3600, incidents: 1 },
    ]);
    const counted = result.weeks.filter((w) => w.bySeverity.SEV2).map((w) => w.week.toISOString().slice(0, 10));
    expect(counted).toEqual(['2026-04-27', '2026-06-29']);
  });

  it('computes change failure rate and recovery per service from succeeded deploys in the environment', () => {
    const change = (id: string, service: string, status = 'succeeded', environment = 'production') => ({
      id,
      service,
      environment,
      version: id,
      status,
      occurredAt: at(0),
    });
    const result = computeInsights(
      input(
        [
          incident(1, {
            causeChangeId: 'a1',
            milestones: [...resolvedAfter(60), { kind: 'mitigated', occurredAt: at(20) }],
          }),
          incident(2, { causeChangeId: 'a2', milestones: resolvedAfter(40) }),
          incident(3, { causeChangeId: 'a2', isDrill: true, milestones: resolvedAfter(500) }),
        ],
        {
          changes: [
            change('a1', 'api'),
            change('a2', 'api'),
            change('a3', 'api'),
            change('a4', 'api'),
            change('f1', 'api', 'failed'),
            change('s1', 'api', 'succeeded', 'staging'),
            change('w1', 'web'),
          ],
        },
      ),
    );
    expect(result.dora.services).toEqual([
      {
        service: 'api',
        deploys: 4,
        perWeek: 0.5,
        failures: 2,
        changeFailureRate: 0.5,
        recovery: { n: 2, median: 1200, p90: 2400 },
      },
      {
        service: 'web',
        deploys: 1,
        perWeek: 0.1,
        failures: 0,
        changeFailureRate: 0,
        recovery: { n: 0, median: null, p90: null },
      },
    ]);
    expect(computeInsights(input([])).dora).toEqual({ changesReported: false, services: [] });
  });

  const arbitraryIncident = fc.record({
    number: fc.integer({ min: 1, max: 10_000 }),
    declaredMinute: fc.integer({ min: -90 * 1440, max: 60 * 1440 }),
    severity: fc.constantFrom('SEV1', 'SEV2', null),
    isDrill: fc.boolean(),
    cancelled: fc.boolean(),
    isPrivate: fc.boolean(),
    milestones: fc.array(
      fc.record({
        kind: fc.constantFrom('started', 'detected', 'acknowledged', 'mitigated', 'resolved'),
        minute: fc.integer({ min: -600, max: 6000 }),
      }),
      { maxLength: 6 },
    ),
    impact: fc.array(
      fc.record({
        start: fc.integer({ min: -200_000, max: 100_000 }),
        length: fc.option(fc.integer({ min: 0, max: 10_000 })),
      }),
      { maxLength: 3 },
    ),
  });
  type Generated = typeof arbitraryIncident extends fc.Arbitrary<infer T> ? T : never;
  const build = (r: Generated, i: number): InsightIncident =>
    incident(r.number * 100 + i, {
      declaredAt: at(r.declaredMinute),
      severity: r.severity,
      isDrill: r.isDrill,
      status: r.cancelled ? 'cancelled' : 'resolved',
      isPrivate: r.isPrivate,
      visible: !r.isPrivate,
      // One value per kind, as the store keeps only the current one.
      milestones: [...new Map(r.milestones.map((m) => [m.kind, at(m.minute)])).entries()].map(([kind, occurredAt]) => ({
        kind,
        occurredAt,
      })),
      impact: r.impact.map((w) => ({
        service: 'api',
        environment: 'production',
        startedAt: at(w.start),
        endedAt: w.length === null ? null : at(w.start + w.length),
      })),
    });

  it('holds whatever the records: counts add up, n never exceeds the incidents, impact within the period', () => {
    fc.assert(
      fc.property(fc.array(arbitraryIncident, { maxLength: 40 }), (records) => {
        const incidents = records.map(build);
        const result = computeInsights(input(incidents));
        const counted = incidents.filter(
          (i) => !i.isDrill && i.status !== 'cancelled' && i.declaredAt >= PERIOD.from && i.declaredAt < PERIOD.to,
        );
        expect(result.incidents).toBe(counted.length);
        expect(Object.values(result.bySeverity).reduce((a, b) => a + b, 0)).toBe(counted.length);
        expect(result.weeks.flatMap((w) => Object.values(w.bySeverity)).reduce((a, b) => a + b, 0)).toBe(
          counted.length,
        );
        for (const { figures } of result.stages)
          for (const f of Object.values(figures)) expect(f.n).toBeLessThanOrEqual(counted.length);
        const periodSeconds = (PERIOD.to.getTime() - PERIOD.from.getTime()) / 1000;
        for (const s of result.impactByService) {
          expect(s.seconds).toBeGreaterThanOrEqual(0);
          expect(s.seconds).toBeLessThanOrEqual(periodSeconds * 3 * s.incidents);
        }
        for (const row of result.rows) expect(row.title === null).toBe(!row.visible);
        // The order rows come back in never changes a figure.
        expect(computeInsights(input([...incidents].reverse()))).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });

  it('depends on no time zone: the same answer in Tokyo and Los Angeles', async () => {
    // The period and weeks are UTC; this checks the week boundaries do not move with TZ.
    const before = process.env.TZ;
    const weeks = () => weeksOf(PERIOD).map((w) => w.toISOString());
    process.env.TZ = 'Asia/Tokyo';
    const tokyo = weeks();
    process.env.TZ = 'America/Los_Angeles';
    const angeles = weeks();
    process.env.TZ = before;
    expect(tokyo).toEqual(angeles);
    expect(tokyo[0]).toBe('2026-04-27T00:00:00.000Z');
  });
});

describe('periods', () => {
  const now = new Date('2026-12-02T15:00:00Z');
  it('reads the query and the Slack words, refusing what is not a period', () => {
    expect(lastDays(now, 90)).toEqual({ from: new Date('2026-09-04T00:00:00Z'), to: new Date('2026-12-03T00:00:00Z') });
    expect(periodOf(now, '2026-01-01', '2026-03-31')).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-04-01T00:00:00Z'),
    });
    expect(periodOf(now, '2026-04-01', '2026-03-31')).toEqual({ problem: '`from` must not be after `to`.' });
    expect(periodOf(now, '2026-02-30', null)).toEqual({ problem: '`from` is not a date: use YYYY-MM-DD.' });
    expect(parsePeriodWords('30d', now)).toEqual(lastDays(now, 30));
    expect(parsePeriodWords('', now)).toEqual(lastDays(now, 30));
    expect(parsePeriodWords('2026-01-01..2026-01-31', now)).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
    });
    expect(parsePeriodWords('last month', now)).toHaveProperty('problem');
    expect(parsePeriodWords('0d', now)).toHaveProperty('problem');
  });
});

describe('chart geometry', () => {
  it('counts in whole steps, and draws one rectangle per non-empty stack segment', async () => {
    const { stackedColumns, niceScale } = await import('../../src/domain/chart/bar-charts.ts');
    expect(niceScale(0)).toEqual({ top: 1, step: 1 });
    expect(niceScale(37)).toEqual({ top: 40, step: 10 });
    const chart = stackedColumns(
      [
        { label: 'a', values: [1, 0, 1] },
        { label: 'b', values: [0, 2, 0] },
      ],
      ['SEV1', 'SEV2', 'SEV3'],
    );
    expect(chart.rects.map((r) => r.series)).toEqual([0, 2, 1]);
    const gridLabels = chart.labels.filter((l) => l.anchor === 'end').map((l) => l.text);
    expect(gridLabels).toEqual(['0', '1', '2']);
    expect(chart.empty).toBe(false);
  });
});
