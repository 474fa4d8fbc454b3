// The subscribe form in a real browser: the page's CSP lets it post to the page itself (a blocked
// form-action is a console error), the confirmation mail's link opens a page whose button confirms.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSmtp } from '../fakes/smtp.ts';
import { hasChromium, launchBrowser, openPage, screenshot } from '../support/browser.ts';
import { settle, startTestBot, type TestBot, waitFor } from '../support/test-bot.ts';

describe.skipIf(!hasChromium())('status page subscriptions in Chromium', () => {
  let t: TestBot;
  let smtp: FakeSmtp;
  let browser: Browser;
  beforeAll(async () => {
    smtp = await new FakeSmtp().start();
    t = await startTestBot({
      file: { status_page: { title: 'Acme Status' }, services: [{ id: 'api', name: 'Public API' }] },
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'status@acme.test' },
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await smtp?.stop();
  });

  it('subscribes from the form and confirms from the mail’s page, with no console errors', async () => {
    const { page, problems } = await openPage(browser, `${t.bot.url}/status`, { width: 375, height: 740 });
    await page.fill('input[name=email]', 'dana@example.org');
    await page.check('input[name=components][value=api]');
    await screenshot(page, 'status-subscribe-form');
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await page.locator('h2').innerText()).toBe('Check your inbox');
    await settle(t);
    const mail = await waitFor(async () => smtp.to('dana@example.org')[0], 'the confirmation mail');
    const link = /(http\S+\/confirm)/.exec(mail.mail.text!)![1]!;
    await page.goto(`${t.bot.url}${new URL(link).pathname}`);
    await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
    expect(await page.locator('h2').innerText()).toBe('Subscribed');
    expect((await t.bot.ctx.db.subscriber.findFirstOrThrow()).confirmedAt).not.toBeNull();
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
  });
});
