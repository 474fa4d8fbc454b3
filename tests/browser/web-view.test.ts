// The web view in a real browser: signed in through a link from `/incident web`, the incident page
// shows its timeline and a chart with its bars, the postmortem page every section, no console
// errors (scripts are forbidden by the page's own CSP, and none is needed).
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, screenshot } from '../support/browser.ts';
import { declare, runIn, startTestBot, type TestBot } from '../support/test-bot.ts';

describe.skipIf(!hasChromium())('web view in Chromium', () => {
  let t: TestBot;
  let browser: Browser;
  let context: BrowserContext;
  let number: number;
  const problems: string[] = [];

  beforeAll(async () => {
    t = await startTestBot({
      file: { services: [{ id: 'api' }, { id: 'web' }], status_page: { title: 'Acme Status' } },
    });
    const { incident, channelId } = await declare(t, 'Checkout 500s after config push --sev SEV1 --services api,web');
    number = incident.number;
    for (const text of [
      'mark triggered -3h',
      'impact api start -40m',
      'impact web start -35m --degraded',
      'mark detected -30m',
      'note Rolled back the config push',
      'impact api end -10m',
      'impact web end -5m',
      'action Add a canary stage for config pushes --priority high',
      'statuspage --title "Checkout errors" --components api=major_outage We are investigating.',
      'status resolved Config rolled back',
    ])
      await runIn(t, channelId, text);
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const { ack } = await t.driver.command('web');
    const link = /<(http[^|>]+)\|/.exec(String(ack.json?.text))![1]!;
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    // The link names localhost; the bot listens on 127.0.0.1: same port, same cookie host rules.
    await page.goto(link.replace('localhost', '127.0.0.1'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/incidents');
    expect(new URL(page.url()).pathname).toBe('/incidents');
    await page.close();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('the list links to the incident, whose page shows the timeline and the chart with its bars', async () => {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${t.bot.url}/incidents`);
    await page.getByRole('link', { name: `INC-${number}` }).click();
    expect(new URL(page.url()).pathname).toBe(`/incidents/${number}`);
    expect(await page.locator('h2').first().innerText()).toContain('Checkout 500s after config push');
    const timeline = page.locator('section', { has: page.locator('h2', { hasText: 'Timeline' }) });
    expect(await timeline.innerText()).toContain('Rolled back the config push');
    const chart = page.locator('.chart svg');
    expect(await chart.count()).toBe(1);
    expect(await chart.locator('rect.bar').count()).toBe(2);
    expect(await chart.locator('rect.bar-degraded').count()).toBe(1);
    expect(await chart.locator('.axis-break').count()).toBe(1);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(600);
    expect(problems).toEqual([]);
    await screenshot(page, 'incident-page');
    await page.close();
  });

  it('the postmortem page renders every section of the draft', async () => {
    const page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    await page.goto(`${t.bot.url}/incidents/${number}/postmortem`);
    const headings = await page.locator('article h2').allInnerTexts();
    for (const section of [
      'Summary',
      'Impact',
      'Key figures',
      'Severity history',
      'Status history',
      'Timeline',
      'Deploy freezes',
      'Public updates',
      'Root cause',
      'Action items',
    ])
      expect(headings).toContain(section);
    expect(await page.locator('article table').count()).toBeGreaterThan(3);
    expect(problems).toEqual([]);
    await screenshot(page, 'postmortem-page');
    await page.close();
  });

  it('the incident page fits a phone: wide tables and the chart scroll inside their boxes', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${t.bot.url}/incidents/${number}`);
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await screenshot(page, 'incident-page-phone');
    await page.close();
  });
});
