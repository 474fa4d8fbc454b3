// `npm run build` (and before `npm start`): compiles the bot and the incident-gate CLI to plain
// JavaScript in dist/, so production starts node on one file instead of transpiling TypeScript at
// every start. Plain JavaScript itself, so it runs where only `dependencies` are installed.
import { build } from 'esbuild';

const started = Date.now();
await build({
  entryPoints: { main: 'src/main.ts', 'incident-gate': 'src/cli/incident-gate.ts' },
  outdir: 'dist',
  bundle: true,
  // node_modules stay where they are: only our own code is bundled.
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
if (process.env.npm_lifecycle_event === 'build') console.log(`built dist/ in ${Date.now() - started} ms`);
