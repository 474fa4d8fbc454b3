// Global setup of the browser project: says once, loudly, at the end of the run (where people read),
// when the page tests could not run here.
import { CHROMIUM, hasChromium } from './browser.ts';

export default function setup() {
  if (hasChromium()) return;
  return () => warn();
}

function warn() {
  const lines = [
    `No Chromium at ${CHROMIUM}: the browser tests (tests/browser/) are SKIPPED.`,
    'To run them: apt-get install chromium (or set CHROMIUM_PATH to a Chromium binary).',
    'CI (.ci/run) installs it and fails when they did not run.',
  ];
  const width = Math.max(...lines.map((l) => l.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  process.stdout.write(`\n${rule}\n${lines.map((l) => `| ${l.padEnd(width)} |`).join('\n')}\n${rule}\n\n`);
}
