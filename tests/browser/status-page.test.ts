// The status page in a real browser: it renders with its title, components and updates, the
// stylesheet is allowed by the page's own Content-Security-Policy (a blocked style is a console
// error), nothing fails to load, and it fits a phone's width.
import { statSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, openPage, screenshot } from '../support/browser.ts';
import { declare, runIn, startTestBot, type TestBot } from '../support/test-bot.ts';

const FILE = {
  status_page: { title: 'Acme Status' },
  services: [
    { id: 'api', name: 'Public API', group: 'Core' },
    { id: 'web', name: 'Web app', group: 'Core' },
    { id: 'db', name: 'Database' },
  ],
};

describe.skipIf(!hasChromium())('status page in Chromium', () => {
  let t: TestBot;
  let browser: Browser;
  beforeAll(async () => {
    t = await startTestBot({ file: FILE });
    browser = await launchBrowser();
    const { channelId } = await declare(t, 'Replica lag on primary --sev SEV1 --services api');
    await runIn(
      t,
      channelId,
      'statuspage --title "Elevated API errors" --components api=major_outage,web=degraded_performance We are investigating elevated error rates on the API.',
    );
    await runIn(t, channelId, 'statuspage --status identified We found a bad index and are rolling it back.');
    // One maintenance ahead, one under way (started by hand).
    await runIn(
      t,
      'C0GENERAL',
      'maintenance schedule --services web --from +3h --to +2h --title "Web app upgrade" The web app will be read-only.',
    );
    await runIn(
      t,
      'C0GENERAL',
      'maintenance schedule --services db --from +1h --to +2h --title "Database failover test" Brief pauses in writes.',
    );
    await runIn(t, 'C0GENERAL', 'maintenance update 2 --status in_progress Started early.');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('shows the title, the banner, components with uptime bars, and the updates; no console errors', async () => {
    const { page, problems } = await openPage(browser, `${t.bot.url}/status`);
    expect(await page.title()).toBe('Acme Status');
    const text = await page.locator('body').innerText();
    expect(text).toContain('Major System Outage');
    expect(text).toContain('Elevated API errors');
    expect(text).toContain('We found a bad index and are rolling it back.');
    expect(text).toContain('Public API');
    expect(text).toContain('Major Outage');
    expect(text).not.toContain('Replica lag');
    expect(await page.locator('.component').count()).toBe(3);
    const upcoming = await page.locator('.upcoming-maintenance').innerText();
    expect(upcoming).toContain('Web app upgrade');
    expect(upcoming).toContain('Scheduled');
    const underWay = await page.locator('.active-maintenance').innerText();
    expect(underWay).toContain('Database failover test');
    expect(underWay).toContain('Started early.');
    expect(text).toContain('Under Maintenance');
    expect(await page.locator('.component').first().locator('.bar').count()).toBe(90);
    // The inline stylesheet applied: the banner has its colour (a CSP-blocked style would leave none).
    const banner = await page.evaluate<string>("getComputedStyle(document.querySelector('.banner')).backgroundColor");
    expect(banner).toBe('rgb(207, 34, 46)');
    expect(problems).toEqual([]);
    const file = await screenshot(page, 'status-page');
    expect(statSync(file).size).toBeGreaterThan(10_000);

    const incident = await openPage(
      browser,
      `${t.bot.url}${await page.locator('.incident h3 a').getAttribute('href')}`,
    );
    expect(await incident.page.locator('h2').innerText()).toBe('Elevated API errors');
    expect(incident.problems).toEqual([]);
  });

  it('fits a phone: no horizontal scrolling', async () => {
    const { page, problems } = await openPage(browser, `${t.bot.url}/status`, { width: 375, height: 740 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await screenshot(page, 'status-page-phone');
  });
});
