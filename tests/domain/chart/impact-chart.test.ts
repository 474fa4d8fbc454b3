// Golden geometry for the shapes the seeds' postmortems draw, checked against committed files
// (tests/domain/chart/golden/*.json), and properties every chart must have whatever the shape.
import { describe, expect, it } from 'vitest';
import { type ImpactWindow, impactChart, type MilestonePoint } from '../../../src/domain/chart/impact-chart.ts';

const at = (hm: string, day = '2026-11-20') => new Date(`${day}T${hm}:00Z`);
const down = (service: string, from: string, to: string | null, degraded = false): ImpactWindow => ({
  service,
  environment: 'production',
  degraded,
  startedAt: at(from),
  endedAt: to ? at(to) : null,
});
const mark = (kind: string, hm: string): MilestonePoint => ({ kind, occurredAt: at(hm) });

const SHAPES = {
  // A 14-minute outage of one service.
  'fourteen-minutes': {
    windows: [down('api', '14:02', '14:16')],
    milestones: [mark('detected', '14:04'), mark('declared', '14:06'), mark('mitigated', '14:16')],
    now: at('15:00'),
  },
  // The trigger (a config push) 6 h 49 min before a 14-minute impact.
  'trigger-hours-before': {
    windows: [down('api', '14:02', '14:16')],
    milestones: [mark('triggered', '07:13'), mark('detected', '14:04'), mark('resolved', '14:20')],
    now: at('15:00'),
  },
  // Two services overlapping, one down and one degraded.
  'two-services': {
    windows: [down('api', '09:00', '09:40'), down('web', '09:20', '10:30', true)],
    milestones: [mark('declared', '09:05'), mark('resolved', '10:35')],
    now: at('11:00'),
  },
  // Still going on: the bar runs to now.
  ongoing: {
    windows: [down('db', '22:10', null)],
    milestones: [mark('declared', '22:15')],
    now: at('23:40'),
  },
};

describe('impact chart geometry', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name} matches its golden geometry`, async () => {
      await expect(`${JSON.stringify(impactChart(shape), null, 2)}\n`).toMatchFileSnapshot(`golden/${name}.json`);
    });
  }

  it('gives a trigger hours before the impact its own segment, and the impact most of the width', () => {
    const chart = impactChart(SHAPES['trigger-hours-before']);
    expect(chart.axisBreak).not.toBeNull();
    const bar = chart.bars[0]!;
    const plotWidth = chart.plot.right - chart.plot.left;
    expect(bar.width / plotWidth).toBeGreaterThan(0.5);
    const trigger = chart.markers.find((m) => m.label === 'triggered')!;
    expect(trigger.x).toBeLessThan(chart.axisBreak!.x);
    expect(bar.x).toBeGreaterThan(chart.axisBreak!.x);
    expect(chart.ticks[0]!.label).toBe('Nov 20 07:13');
    // Without the break the 14 minutes would be about 3% of the width.
    const unbroken = impactChart({ ...SHAPES['trigger-hours-before'], milestones: [mark('detected', '14:04')] });
    expect(unbroken.axisBreak).toBeNull();
  });

  it('keeps every bar and marker inside the plot, ticks in order, and labels readable from 5 minutes to 3 days', () => {
    for (const minutes of [5, 14, 60, 6 * 60, 24 * 60, 3 * 24 * 60]) {
      const end = new Date(at('00:00').getTime() + minutes * 60_000);
      const chart = impactChart({
        windows: [{ service: 'api', environment: 'eu', degraded: false, startedAt: at('00:00'), endedAt: end }],
        milestones: [{ kind: 'resolved', occurredAt: end }],
        now: end,
      });
      for (const b of chart.bars) {
        expect(b.x).toBeGreaterThanOrEqual(chart.plot.left);
        expect(b.x + b.width).toBeLessThanOrEqual(chart.plot.right + 0.1);
      }
      const xs = chart.ticks.map((t) => t.x);
      expect([...xs].sort((a, b) => a - b)).toEqual(xs);
      expect(chart.ticks.length).toBeGreaterThanOrEqual(2);
      expect(chart.ticks.length).toBeLessThanOrEqual(8);
      if (minutes >= 24 * 60) expect(chart.ticks.some((t) => /^Nov \d+/.test(t.label))).toBe(true);
    }
  });

  it('puts each service and environment on its own lane', () => {
    const chart = impactChart(SHAPES['two-services']);
    expect(chart.lanes.map((l) => l.label)).toEqual(['api · production', 'web · production']);
    expect(chart.bars.map((b) => [b.lane, b.kind])).toEqual([
      [0, 'down'],
      [1, 'degraded'],
    ]);
    const ongoing = impactChart(SHAPES.ongoing);
    expect(ongoing.bars[0]!.ongoing).toBe(true);
    expect(ongoing.bars[0]!.x + ongoing.bars[0]!.width).toBeLessThanOrEqual(ongoing.plot.right);
  });
});
