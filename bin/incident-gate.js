#!/usr/bin/env node
// `incident-gate check --service S --env E --version V`, run on every deploy: the compiled CLI
// (dist/, built by `npm run build`, `npm start` or the install), else the TypeScript through tsx.
import { existsSync } from 'node:fs';

const built = new URL('../dist/incident-gate.js', import.meta.url);
let main;
if (existsSync(built)) ({ main } = await import(built.href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../src/cli/incident-gate.ts'));
}
process.exitCode = await main(process.argv.slice(2), process.env, (line) => console.log(line));
