// The insights' charts' geometry: columns of stacked counts (incidents a week, by severity) and
// horizontal bars (impact per service, a figure's median and p90 per severity). Pure: numbers in,
// rectangles out; src/charts draws them as SVG and PNG.

export type Rect = { x: number; y: number; width: number; height: number; series: number };
export type Label = { x: number; y: number; text: string; anchor: 'start' | 'middle' | 'end' };
export type BarChart = {
  width: number;
  height: number;
  rects: Rect[];
  labels: Label[];
  // The lines of the value axis (x for horizontal bars, y for columns).
  grid: { x1: number; y1: number; x2: number; y2: number }[];
  legend: { series: number; text: string; x: number; y: number }[];
  empty: boolean;
};

const WIDTH = 720;
const PAD = { left: 44, right: 16, top: 36, bottom: 40 };

// A round scale top and its steps: 1, 2, 5 × 10^k.
export function niceScale(max: number, steps = 4): { top: number; step: number } {
  if (!(max > 0)) return { top: 1, step: 1 };
  const raw = max / steps;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw)!;
  return { top: Math.ceil(max / step) * step, step };
}

function legendOf(series: string[], y: number) {
  let x = PAD.left;
  return series.map((text, i) => {
    const item = { series: i, text, x, y };
    x += 24 + text.length * 7 + 16;
    return item;
  });
}

// One column a week, stacked by series (worst severity at the bottom); labels every few weeks.
export function stackedColumns(
  columns: { label: string; values: number[] }[],
  series: string[],
  height = 260,
): BarChart {
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const totals = columns.map((c) => c.values.reduce((a, b) => a + b, 0));
  // Counts: whole steps only (no "1.5 incidents" gridline).
  const scale = niceScale(Math.max(0, ...totals));
  const step = Math.max(1, scale.step);
  const top = Math.max(step, Math.ceil(scale.top / step) * step);
  const slot = columns.length ? plotW / columns.length : plotW;
  const barW = Math.max(2, Math.min(36, slot * 0.7));
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const rects: Rect[] = [];
  const labels: Label[] = [];
  const every = Math.max(1, Math.ceil(columns.length / 8));
  columns.forEach((column, i) => {
    const x = PAD.left + i * slot + (slot - barW) / 2;
    let base = 0;
    column.values.forEach((value, s) => {
      if (value <= 0) return;
      rects.push({
        x: round(x),
        y: round(y(base + value)),
        width: round(barW),
        height: round(y(base) - y(base + value)),
        series: s,
      });
      base += value;
    });
    if (i % every === 0)
      labels.push({
        x: round(PAD.left + i * slot + slot / 2),
        y: height - PAD.bottom + 16,
        text: column.label,
        anchor: 'middle',
      });
  });
  const grid = [];
  for (let v = 0; v <= top; v += step) {
    grid.push({ x1: PAD.left, y1: round(y(v)), x2: WIDTH - PAD.right, y2: round(y(v)) });
    labels.push({ x: PAD.left - 6, y: round(y(v)) + 4, text: String(v), anchor: 'end' });
  }
  return {
    width: WIDTH,
    height,
    rects,
    labels,
    grid,
    legend: legendOf(series, 18),
    empty: totals.every((t) => t === 0),
  };
}

// One row per label, one bar per series value (side by side within the row), with the value
// written at the bar's end; `format` words a value (a duration, a count).
export function horizontalBars(
  rows: { label: string; values: (number | null)[] }[],
  series: string[],
  format: (value: number) => string,
): BarChart {
  const labelW = 150;
  const rowH = 14 * Math.max(1, series.length) + 12;
  const height = PAD.top + rows.length * rowH + 24;
  const left = labelW;
  const right = WIDTH - PAD.right - 70;
  const max = Math.max(0, ...rows.flatMap((r) => r.values.map((v) => Math.abs(v ?? 0))));
  const { top, step } = niceScale(max);
  const x = (v: number) => left + (Math.max(0, v) / top) * (right - left);
  const rects: Rect[] = [];
  const labels: Label[] = [];
  rows.forEach((row, i) => {
    const rowTop = PAD.top + i * rowH;
    labels.push({ x: labelW - 8, y: rowTop + rowH / 2 + 4, text: row.label, anchor: 'end' });
    row.values.forEach((value, s) => {
      const y = rowTop + 6 + s * 14;
      if (value === null) {
        labels.push({ x: left + 4, y: y + 10, text: 'n/a', anchor: 'start' });
        return;
      }
      const width = x(value) - left;
      rects.push({ x: left, y, width: round(Math.max(width, 1)), height: 12, series: s });
      labels.push({ x: round(left + Math.max(width, 1) + 4), y: y + 10, text: format(value), anchor: 'start' });
    });
  });
  const grid = [];
  for (let v = 0; v <= top; v += step)
    grid.push({ x1: round(x(v)), y1: PAD.top - 4, x2: round(x(v)), y2: height - 24 });
  return {
    width: WIDTH,
    height,
    rects,
    labels,
    grid,
    legend: series.length > 1 ? legendOf(series, 18) : [],
    empty: rows.length === 0,
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
