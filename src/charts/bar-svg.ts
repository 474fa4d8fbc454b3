// Draws the insights' bar charts (domain/chart/bar-charts.ts) as SVG, in the same font and colours
// as the impact chart, so the page, the PNG in Slack and the digest look alike.
import type { BarChart } from '../domain/chart/bar-charts.ts';
import { escapeXml } from './impact-svg.ts';

const FONT = 'DejaVu Sans, Verdana, sans-serif';
// Worst severity first: red to grey; more series than colours reuse the last.
const SERIES = ['#a40e26', '#cf222e', '#e16f24', '#d4a72c', '#8c959f', '#6e7781', '#57606a'];
const colour = (i: number) => SERIES[Math.min(i, SERIES.length - 1)]!;

export function barSvg(chart: BarChart, title: string, palette: 'severity' | 'pair' = 'severity'): string {
  const fill = (i: number) => (palette === 'pair' ? ['#0969da', '#8250df'][i % 2]! : colour(i));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${chart.width}" height="${chart.height}" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-label="${escapeXml(title)}" font-family="${FONT}" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ];
  for (const g of chart.grid)
    parts.push(`<line x1="${g.x1}" y1="${g.y1}" x2="${g.x2}" y2="${g.y2}" stroke="#d1d9e0" stroke-width="1"/>`);
  for (const r of chart.rects)
    parts.push(`<rect x="${r.x}" y="${r.y}" width="${r.width}" height="${r.height}" fill="${fill(r.series)}"/>`);
  for (const l of chart.labels)
    parts.push(`<text x="${l.x}" y="${l.y}" text-anchor="${l.anchor}" fill="#1f2328">${escapeXml(l.text)}</text>`);
  for (const item of chart.legend)
    parts.push(
      `<rect x="${item.x}" y="${item.y - 9}" width="12" height="12" fill="${fill(item.series)}"/>`,
      `<text x="${item.x + 16}" y="${item.y + 1}" fill="#1f2328">${escapeXml(item.text)}</text>`,
    );
  if (chart.empty)
    parts.push(
      `<text x="${chart.width / 2}" y="${chart.height / 2}" text-anchor="middle" fill="#59636e" font-size="13">Nothing in this period</text>`,
    );
  parts.push('</svg>');
  return parts.join('');
}
