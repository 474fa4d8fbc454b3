// /changes and an incident's Changes in a real browser: no console errors, and it fits a phone.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchBrowser, screenshot } from '../support/browser.ts';
import { declare, runIn, settle, startTestBot, TEST_CONFIG_FILE, type TestBot } from '../support/test-bot.ts';
import { webSession } from '../support/web-session.ts';

describe.skipIf(!hasChromium())('changes on the web view in Chromium', () => {
  let t: TestBot;
  let browser: Browser;
  let number = 0;
  beforeAll(async () => {
    t = await startTestBot({ file: TEST_CONFIG_FILE, env: { DEPLOY_GATE_TOKENS: 'github-actions:ci' } });
    browser = await launchBrowser();
    const report = (body: Record<string, unknown>) =>
      fetch(`${t.bot.url}/api/v1/deploys`, {
        method: 'POST',
        headers: { authorization: 'Bearer ci', 'content-type': 'application/json' },
        body: JSON.stringify({ environment: 'production', ...body }),
      });
    await report({
      service: 'api',
      version: '4f2a9c1d5e6f708192a3b4c5d6e7f8091a2b3c4d',
      status: 'succeeded',
      url: 'https://ci.example.com/runs/2',
    });
    const { incident, channelId } = await declare(t, 'API returns 500s --sev SEV2 --services api');
    number = incident.number;
    await runIn(t, channelId, 'cause api@4f2a9c1');
    await report({ service: 'api', version: '1b2c3d4e5f60718293a4b5c6d7e8f9011a2b3c4e', status: 'failed' });
    await report({ service: 'web', version: 'v2.14.0', status: 'rolled_back' });
    await settle(t);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('lists changes with filters, and shows them on the incident page; fits a phone', async () => {
    const [name, ...value] = (await webSession(t)).split('=');
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    await context.addCookies([{ name: name!, value: value.join('='), url: t.bot.url }]);
    try {
      for (const [path, shot] of [
        ['/changes', 'changes'],
        [`/incidents/${number}`, 'incident-changes'],
      ] as const) {
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        const response = await page.goto(`${t.bot.url}${path}`);
        expect(response?.status(), path).toBe(200);
        const text = await page.locator('main').innerText();
        if (shot === 'changes') {
          expect(text).toContain('web@v2.14.0');
          expect(text).toContain(`trigger of INC-${number}`);
        } else {
          expect(text).toContain('(trigger)');
          expect(text).toContain('Deploy of api@1b2c3d4 to production: failed');
        }
        const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
        expect(overflow, path).toBeLessThanOrEqual(0);
        await screenshot(page, shot);
        expect(problems, path).toEqual([]);
      }
    } finally {
      await context.close();
    }
  });
});
