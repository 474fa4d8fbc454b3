// /insights in a real browser: its charts drawn (inline SVG, allowed by the page's CSP), no console
// errors, and it fits a phone; the screenshot in the README comes from here.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../support/manual-clock.ts';
import { hasChromium, launchBrowser, screenshot } from '../support/browser.ts';
import { advanceClock, declare, runIn, startTestBot, TEST_CONFIG_FILE, type TestBot } from '../support/test-bot.ts';
import { webSession } from '../support/web-session.ts';

const DAY = 86_400_000;
const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

describe.skipIf(!hasChromium())('insights in Chromium', () => {
  const clock = new ManualClock();
  let t: TestBot;
  let browser: Browser;
  const start = Date.parse('2026-09-01T12:00:00Z');
  beforeAll(async () => {
    clock.advance(start - Date.now());
    t = await startTestBot({ clock, file: TEST_CONFIG_FILE, env: { DEPLOY_GATE_TOKENS: 'ci:deploy-token' } });
    browser = await launchBrowser();
    // Twelve incidents over six weeks, SEV1 to SEV3, on api and web; deploys of api.
    for (let n = 0; n < 12; n++) {
      const declared = start + n * 3.5 * DAY;
      const started = declared - 5 * MINUTE;
      const resolved = started + (15 + 25 * n) * MINUTE;
      await advanceClock(t, clock, resolved + MINUTE - clock.now().getTime());
      await fetch(`${t.bot.url}/api/v1/deploys`, {
        method: 'POST',
        headers: { authorization: 'Bearer deploy-token', 'content-type': 'application/json' },
        body: JSON.stringify({
          service: 'api',
          environment: 'production',
          version: `v${n}`,
          status: 'succeeded',
          at: iso(started - 30 * MINUTE),
        }),
      });
      const service = n % 3 === 0 ? 'web' : 'api';
      const { channelId } = await declare(
        t,
        `Outage ${n + 1} --sev SEV${(n % 3) + 1} --services ${service} --at ${iso(declared)}`,
      );
      await runIn(t, channelId, `mark started ${iso(started)}`);
      await runIn(t, channelId, `mark detected ${iso(started + (n + 1) * MINUTE)}`);
      await runIn(t, channelId, `impact ${service} start --at ${iso(started)}`);
      await runIn(t, channelId, `impact ${service} end --at ${iso(resolved - 5 * MINUTE)}`);
      await runIn(t, channelId, `status monitoring --at ${iso(resolved - 5 * MINUTE)}`);
      await runIn(t, channelId, `status resolved --at ${iso(resolved)}`);
      if (n % 4 === 1) await runIn(t, channelId, `cause api@v${n}`);
    }
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('draws the charts with tables beside them, with no console errors, on a phone', async () => {
    const [name, ...value] = (await webSession(t)).split('=');
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    await context.addCookies([{ name: name!, value: value.join('='), url: t.bot.url }]);
    try {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      const response = await page.goto(`${t.bot.url}/insights?from=2026-09-01&to=2026-10-31`);
      expect(response?.status()).toBe(200);
      const text = await page.locator('main').innerText();
      expect(text).toContain('12 incidents declared from 2026-09-01 to 2026-10-31');
      // Each chart is laid out by the browser with a real size, within the phone's width.
      const charts = await page.locator('.chart svg').evaluateAll((svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          return { width: box.width, height: box.height, bars: svg.querySelectorAll('rect').length };
        }),
      );
      expect(charts).toHaveLength(4);
      for (const chart of charts) {
        expect(chart.width).toBeGreaterThan(300);
        expect(chart.width).toBeLessThanOrEqual(375);
        expect(chart.height).toBeGreaterThan(50);
        expect(chart.bars).toBeGreaterThan(2);
      }
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(page, 'insights-phone');
      await page.setViewportSize({ width: 1100, height: 900 });
      await screenshot(page, 'insights');
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
