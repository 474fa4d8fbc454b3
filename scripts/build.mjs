// `npm run build` (and before `npm start`): compiles the bot and the incident-gate CLI to plain
// JavaScript in dist/, so production starts node on one file instead of transpiling TypeScript at
// every start. Plain JavaScript itself, so it runs where only `dependencies` are installed.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
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
// The embedded database's thread is plain JavaScript already, loaded beside main.js by URL.
copyFileSync('src/store/pglite-thread.mjs', 'dist/pglite-thread.mjs');
if (process.env.npm_lifecycle_event === 'build') console.log(`built dist/ in ${Date.now() - started} ms`);

// An empty embedded database for this PGlite version (src/store/project-files.ts): made here once,
// so the bot's first start loads it instead of running initdb (about 800 MB for a few seconds).
const pgliteJson = path.join('node_modules', '@electric-sql', 'pglite', 'package.json');
const { version } = JSON.parse(readFileSync(pgliteJson, 'utf8'));
const template = path.join('dist', `pglite-empty-${version}.tar.gz`);
if (!existsSync(template)) {
  const db = new PGlite();
  await db.waitReady;
  const archive = await db.dumpDataDir('gzip');
  await db.close();
  mkdirSync('dist', { recursive: true });
  writeFileSync(`${template}.partial`, Buffer.from(await archive.arrayBuffer()));
  renameSync(`${template}.partial`, template);
  console.log(`made ${template}`);
}
