// The PNG is drawn with the font the project ships: text appears (a chart without its labels would
// silently lose them), and the image is a valid PNG of the chart's size.
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { impactChart } from '../../../src/domain/chart/impact-chart.ts';
import { escapeXml, impactSvg } from '../../../src/charts/impact-svg.ts';
import { PngCharts, svgToPng } from '../../../src/charts/png.ts';

const chart = impactChart({
  windows: [
    {
      service: 'checkout <api> & co',
      environment: 'production',
      degraded: false,
      startedAt: new Date('2026-11-20T14:02:00Z'),
      endedAt: new Date('2026-11-20T14:16:00Z'),
    },
  ],
  milestones: [{ kind: 'detected', occurredAt: new Date('2026-11-20T14:04:00Z') }],
  now: new Date('2026-11-20T15:00:00Z'),
});

function inkIn(png: Buffer, box: { x: number; y: number; w: number; h: number }, scale: number): number {
  // Decode by rendering the PNG inside an SVG with resvg, which gives raw RGBA pixels.
  const wrapper = `<svg xmlns="http://www.w3.org/2000/svg" width="${chart.width * scale}" height="${chart.height * scale}"><image href="data:image/png;base64,${png.toString('base64')}" width="${chart.width * scale}" height="${chart.height * scale}"/></svg>`;
  const image = new Resvg(wrapper).render();
  // `pixels` copies the whole image on each read: read it once.
  const pixels = image.pixels;
  let dark = 0;
  for (let y = box.y * scale; y < (box.y + box.h) * scale; y++) {
    for (let x = box.x * scale; x < (box.x + box.w) * scale; x++) {
      const i = (y * image.width + x) * 4;
      if (pixels[i]! < 128 && pixels[i + 1]! < 128 && pixels[i + 2]! < 128) dark++;
    }
  }
  return dark;
}

describe('impact chart PNG', () => {
  it('is a PNG of the chart at twice its size, with the lane label drawn', async () => {
    const svg = impactSvg(chart, 'Impact');
    expect(svg).toContain(escapeXml('checkout <api> & co · production'));
    expect(svg).not.toContain('<api>');
    const png = await svgToPng(svg);
    expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(png.readUInt32BE(16)).toBe(chart.width * 2);
    expect(png.readUInt32BE(20)).toBe(chart.height * 2);
    // The lane label sits left of the plot, on the first lane.
    const labelBox = { x: 10, y: chart.lanes[0]!.y + 5, w: chart.plot.left - 20, h: 20 };
    expect(inkIn(png, labelBox, 2)).toBeGreaterThan(100);
    // The same chart without text has no ink there: the check above is about the text.
    const withoutText = await svgToPng(svg.replace(/<text[^>]*>[^<]*<\/text>/g, ''));
    expect(inkIn(withoutText, labelBox, 2)).toBe(0);
  });

  it('draws the same chart once, and forgets the least recently used beyond what it keeps', async () => {
    const charts = new PngCharts(2);
    const svg = (label: string) => impactSvg(chart, label);
    const first = await charts.png(svg('A'));
    expect(await charts.png(svg('A'))).toBe(first);
    const b = await charts.png(svg('B'));
    await charts.png(svg('A'));
    await charts.png(svg('C'));
    // A was used after B, so B is the one dropped: drawn again, as a new image.
    expect(await charts.png(svg('A'))).toBe(first);
    const bAgain = await charts.png(svg('B'));
    expect(bAgain).not.toBe(b);
    expect(bAgain.equals(b)).toBe(true);
  });
});
