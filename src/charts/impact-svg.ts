// Draws the impact chart's geometry (domain/chart/impact-chart.ts) as SVG. Labels come from people
// (service names, environments), so every one is escaped; the font is named so the PNG renderer,
// which loads no system fonts, finds the one the project ships.
import type { ImpactChart } from '../domain/chart/impact-chart.ts';

const FONT = 'DejaVu Sans, Verdana, sans-serif';
const COLORS = {
  down: '#cf222e',
  degraded: '#d4a72c',
  grid: '#d1d9e0',
  text: '#1f2328',
  muted: '#59636e',
  marker: '#0969da',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function impactSvg(chart: ImpactChart, title: string): string {
  const { plot } = chart;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${chart.width}" height="${chart.height}" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-label="${escapeXml(title)}" font-family="${FONT}" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  );
  for (const tick of chart.ticks) {
    parts.push(
      `<line x1="${tick.x}" y1="${plot.top - 6}" x2="${tick.x}" y2="${plot.bottom}" stroke="${COLORS.grid}" stroke-width="1"/>`,
      `<text x="${tick.x}" y="${plot.bottom + 18}" text-anchor="middle" fill="${COLORS.muted}">${escapeXml(tick.label)}</text>`,
    );
  }
  parts.push(
    `<text x="${plot.right}" y="${plot.bottom + 32}" text-anchor="end" fill="${COLORS.muted}" font-size="11">UTC</text>`,
  );
  chart.lanes.forEach((lane, i) => {
    if (i % 2 === 1)
      parts.push(
        `<rect x="${plot.left}" y="${lane.y}" width="${plot.right - plot.left}" height="${chart.laneHeight}" fill="#f6f8fa"/>`,
      );
    parts.push(
      `<text class="lane-label" x="${plot.left - 10}" y="${lane.y + chart.laneHeight / 2 + 4}" text-anchor="end" fill="${COLORS.text}">${escapeXml(lane.label)}</text>`,
    );
  });
  if (chart.axisBreak) {
    const x = chart.axisBreak.x;
    parts.push(
      `<rect class="axis-break" x="${x - 6}" y="${plot.top - 8}" width="12" height="${plot.bottom - plot.top + 16}" fill="#ffffff"/>`,
      `<path d="M${x - 7} ${plot.bottom + 6} l6 -12 M${x + 1} ${plot.bottom + 6} l6 -12" stroke="${COLORS.muted}" stroke-width="1.5" fill="none"/>`,
    );
  }
  for (const bar of chart.bars) {
    const label = `${chart.lanes[bar.lane]!.label}: ${bar.kind}${bar.ongoing ? ' (ongoing)' : ''}`;
    parts.push(
      `<rect class="bar bar-${bar.kind}" x="${bar.x}" y="${bar.y}" width="${bar.width}" height="18" rx="3" fill="${COLORS[bar.kind]}"${bar.ongoing ? ' fill-opacity="0.8"' : ''}><title>${escapeXml(label)}</title></rect>`,
    );
  }
  for (const marker of chart.markers) {
    const y = plot.top - 12 - marker.row * 16;
    parts.push(
      `<line class="marker" x1="${marker.x}" y1="${y + 4}" x2="${marker.x}" y2="${plot.bottom}" stroke="${COLORS.marker}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      `<text x="${marker.x}" y="${y}" text-anchor="middle" fill="${COLORS.marker}" font-size="11">${escapeXml(marker.label)}</text>`,
    );
  }
  if (chart.empty)
    parts.push(
      `<text x="${(plot.left + plot.right) / 2}" y="${plot.top + 19}" text-anchor="middle" fill="${COLORS.muted}">No impact recorded (/incident impact &lt;service&gt; start)</text>`,
    );
  parts.push(
    `<g font-size="11" fill="${COLORS.muted}"><rect x="${plot.left}" y="8" width="12" height="10" fill="${COLORS.down}"/><text x="${plot.left + 16}" y="17">down</text>`,
    `<rect x="${plot.left + 62}" y="8" width="12" height="10" fill="${COLORS.degraded}"/><text x="${plot.left + 78}" y="17">degraded</text></g>`,
    '</svg>',
  );
  return parts.join('\n');
}
