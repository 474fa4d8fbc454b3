// The impact chart's geometry (SPEC.md "Web view"): one lane per service and environment, down and
// degraded windows as bars, milestones as labelled markers, on a UTC axis that reads well from five
// minutes to three days. Pure: numbers in, numbers out; the SVG writer only draws them.
//
// A trigger hours before a short impact would squash the impact to a sliver, so when the earliest
// point is far from the rest the axis is broken: that point gets a narrow segment of its own on the
// left, the rest keeps most of the width.

export type ImpactWindow = {
  service: string;
  environment: string;
  degraded: boolean;
  startedAt: Date;
  endedAt: Date | null;
};
export type MilestonePoint = { kind: string; occurredAt: Date };

export type Lane = { label: string; y: number };
export type Bar = { lane: number; x: number; width: number; y: number; kind: 'down' | 'degraded'; ongoing: boolean };
export type Marker = { x: number; label: string; row: number };
export type Tick = { x: number; label: string };
export type AxisBreak = { x: number };
export type ImpactChart = {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  lanes: Lane[];
  laneHeight: number;
  bars: Bar[];
  markers: Marker[];
  ticks: Tick[];
  axisBreak: AxisBreak | null;
  from: Date;
  to: Date;
  empty: boolean;
};

const WIDTH = 900;
const LABEL_WIDTH = 170;
const RIGHT_PAD = 24;
const TOP = 56;
const LANE_HEIGHT = 30;
const BAR_HEIGHT = 18;
const AXIS_HEIGHT = 34;
// The earliest point gets its own segment when it is this many times the rest's span away from it.
const BREAK_FACTOR = 3;
const BREAK_SEGMENT = 0.14;
const BREAK_GAP = 0.04;
const MIN_SPAN_MS = 5 * 60_000;
const MINUTE = 60_000;
const TICK_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440].map((m) => m * MINUTE);
const MAX_TICKS = 8;

export function impactChart(input: { windows: ImpactWindow[]; milestones: MilestonePoint[]; now: Date }): ImpactChart {
  const windows = [...input.windows].sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime());
  const keys = [...new Set(windows.map((w) => laneKey(w)))];
  const lanes = keys.map((label, i) => ({ label, y: TOP + i * LANE_HEIGHT }));
  const plot = {
    left: LABEL_WIDTH,
    right: WIDTH - RIGHT_PAD,
    top: TOP,
    bottom: TOP + Math.max(1, lanes.length) * LANE_HEIGHT,
  };
  const height = plot.bottom + AXIS_HEIGHT;
  const end = (w: ImpactWindow) => (w.endedAt ?? input.now).getTime();
  const times = [
    ...windows.flatMap((w) => [w.startedAt.getTime(), end(w)]),
    ...input.milestones.map((m) => m.occurredAt.getTime()),
  ].sort((a, b) => a - b);
  if (!times.length) {
    const now = input.now.getTime();
    times.push(now - MIN_SPAN_MS, now);
  }
  const scale = axisScale(times, plot.left, plot.right);
  const bars = windows.map((w) => {
    const x = scale.x(w.startedAt.getTime());
    return {
      lane: keys.indexOf(laneKey(w)),
      x,
      width: Math.max(2, scale.x(end(w)) - x),
      y: lanes[keys.indexOf(laneKey(w))]!.y + (LANE_HEIGHT - BAR_HEIGHT) / 2,
      kind: w.degraded ? ('degraded' as const) : ('down' as const),
      ongoing: w.endedAt === null,
    };
  });
  const markers = placeMarkers(
    [...input.milestones]
      .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime())
      .map((m) => ({ x: scale.x(m.occurredAt.getTime()), label: m.kind })),
  );
  return {
    width: WIDTH,
    height,
    plot,
    lanes,
    laneHeight: LANE_HEIGHT,
    bars,
    markers,
    ticks: scale.ticks,
    axisBreak: scale.axisBreak,
    from: new Date(scale.from),
    to: new Date(scale.to),
    empty: windows.length === 0,
  };
}

const laneKey = (w: ImpactWindow) => `${w.service} · ${w.environment}`;

type Scale = { x(t: number): number; ticks: Tick[]; axisBreak: AxisBreak | null; from: number; to: number };

function axisScale(sorted: number[], left: number, right: number): Scale {
  const first = sorted[0]!;
  const restStart = sorted.find((t) => t > first) ?? first;
  const last = sorted.at(-1)!;
  const restSpan = Math.max(last - restStart, MIN_SPAN_MS);
  const isolated = restStart - first > BREAK_FACTOR * restSpan;
  if (!isolated) {
    const [from, to] = padded(first, last);
    const x = linear(from, to, left, right);
    return { x, ticks: ticksFor(from, to, x, MAX_TICKS), axisBreak: null, from, to };
  }
  // Broken axis: [first] gets a narrow segment, then a gap, then the rest at full detail.
  const width = right - left;
  const leftEnd = left + width * BREAK_SEGMENT;
  const mainStart = leftEnd + width * BREAK_GAP;
  const [soloFrom, soloTo] = [first - restSpan * 0.15, first + restSpan * 0.15];
  const [from, to] = padded(restStart, last);
  const solo = linear(soloFrom, soloTo, left, leftEnd);
  const main = linear(from, to, mainStart, right);
  const x = (t: number) => (t <= soloTo ? solo(t) : main(Math.max(t, from)));
  const soloTick = { x: solo(first), label: timeLabel(first, true) };
  return {
    x,
    ticks: [soloTick, ...ticksFor(from, to, main, MAX_TICKS - 1)],
    axisBreak: { x: (leftEnd + mainStart) / 2 },
    from: soloFrom,
    to,
  };
}

function padded(from: number, to: number): [number, number] {
  const span = Math.max(to - from, MIN_SPAN_MS);
  const mid = (from + to) / 2;
  const half = (span / 2) * 1.08;
  return [Math.min(from, mid - half), Math.max(to, mid + half)];
}

function linear(from: number, to: number, left: number, right: number) {
  return (t: number) => round(left + ((t - from) / (to - from)) * (right - left));
}

const round = (n: number) => Math.round(n * 10) / 10;

// Round UTC times, at the smallest step that keeps the labels few.
function ticksFor(from: number, to: number, x: (t: number) => number, max: number): Tick[] {
  const step = TICK_STEPS.find((s) => (to - from) / s <= max) ?? TICK_STEPS.at(-1)!;
  const ticks: Tick[] = [];
  const withDate = to - from > 20 * 3_600_000 || new Date(from).getUTCDate() !== new Date(to).getUTCDate();
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) {
    const midnight = t % (24 * 3_600_000) === 0;
    ticks.push({ x: x(t), label: timeLabel(t, withDate && (midnight || ticks.length === 0)) });
  }
  return ticks;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function timeLabel(t: number, withDate: boolean): string {
  const d = new Date(t);
  const hm = d.toISOString().slice(11, 16);
  return withDate ? `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${hm}` : hm;
}

// Markers close together take turns on two label rows, so their labels do not overlap.
function placeMarkers(points: { x: number; label: string }[]): Marker[] {
  const lastXInRow = [-Infinity, -Infinity];
  return points.map((p) => {
    const room = p.label.length * 7 + 8;
    const row = p.x - lastXInRow[0]! >= room ? 0 : p.x - lastXInRow[1]! >= room ? 1 : 0;
    lastXInRow[row] = p.x;
    return { ...p, row };
  });
}
