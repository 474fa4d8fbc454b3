// PNG from the chart's SVG with resvg, drawing text with the DejaVu Sans the project ships (the
// dejavu-fonts-ttf package), never the machine's fonts: the same image on every machine.
// Rendering takes tens to hundreds of milliseconds of CPU: it runs on libuv's thread pool
// (renderAsync), never on the thread that answers the deploy gate and Slack.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { Semaphore } from '../semaphore.ts';

const require = createRequire(import.meta.url);
const FONT_FILE = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');

const options = (scale: number): ResvgRenderOptions => ({
  font: { loadSystemFonts: false, fontFiles: [FONT_FILE], defaultFontFamily: 'DejaVu Sans' },
  fitTo: { mode: 'zoom', value: scale },
  background: '#ffffff',
});

export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  return Buffer.from((await renderAsync(svg, options(scale))).asPng());
}

// The web view's PNGs: the same chart (the same SVG) is drawn once and kept, and at most two are
// drawn at a time however many are asked for, so a burst of image requests neither fills the
// thread pool (the database driver and file reads share it) nor holds everyone else up.
export class PngCharts {
  private readonly drawing = new Semaphore(2);
  private readonly kept = new Map<string, Promise<Buffer>>();

  constructor(private readonly keep = 64) {}

  png(svg: string): Promise<Buffer> {
    const key = createHash('sha256').update(svg).digest('base64url');
    const found = this.kept.get(key);
    if (found) {
      // Most recently used last: the first key is the one to drop.
      this.kept.delete(key);
      this.kept.set(key, found);
      return found;
    }
    const drawn = this.drawing.run(() => svgToPng(svg));
    this.kept.set(key, drawn);
    drawn.catch(() => this.kept.delete(key));
    if (this.kept.size > this.keep) this.kept.delete(this.kept.keys().next().value!);
    return drawn;
  }
}
