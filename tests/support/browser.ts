// A real browser for page tests: Debian's Chromium (/usr/bin/chromium) driven by playwright-core,
// which never downloads one. Console errors and failed requests are collected for each page, and a
// screenshot of each checked page is kept under .test-results/ for people to look at.
import { accessSync, constants, mkdirSync } from 'node:fs';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RESULTS = path.resolve(import.meta.dirname, '../../.test-results');

// Without Chromium the browser tests are skipped, not failed: `npm test` must pass on a fresh machine.
// browser-setup.ts says so once for the run, and .ci/run counts a skipped test as a failure.
export function hasChromium(): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The machine's network is closed: Chromium's own background traffic would only fail.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type CheckedPage = { page: Page; problems: string[] };

export async function openPage(
  browser: Browser,
  url: string,
  viewport = { width: 1100, height: 900 },
): Promise<CheckedPage> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) problems.push(`HTTP ${response?.status()} for ${url}`);
  return { page, problems };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
