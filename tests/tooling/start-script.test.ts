import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The benchmarks and the compiled-bot test start dist/main.js with the flags `npm start` uses; if
// one changes, the figures quoted for `npm start` would silently be about something else.
describe('npm start', () => {
  it('runs dist/main.js with the flags the tests and benchmarks use', () => {
    const pkg = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8'));
    const helper = readFileSync(path.resolve(import.meta.dirname, '../support/bot-process.ts'), 'utf8');
    const flags = /const START_FLAGS = \[([^\]]*)\]/
      .exec(helper)![1]!
      .match(/'([^']+)'/g)!
      .map((f) => f.slice(1, -1));
    expect(pkg.scripts.start).toBe(`node ${flags.join(' ')} dist/main.js`);
    expect(pkg.scripts.prestart).toBe('node scripts/build.mjs --if-stale');
  });
});
