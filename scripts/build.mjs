// `npm run build` (and before `npm start`): compiles the bot and the incident-gate CLI to plain
// JavaScript in dist/, so production starts node on one file instead of transpiling TypeScript at
// every start. Plain JavaScript itself, so it runs where only `dependencies` are installed.
// `--if-stale` (what `npm start` runs first) builds only when a source is newer than the build:
// install builds once (postinstall), and a start after it costs a directory walk, not a build.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

const ENTRY_OUTPUTS = ['dist/main.js', 'dist/incident-gate.js', 'dist/pglite-thread.mjs'];

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function buildIsCurrent() {
  if (!ENTRY_OUTPUTS.every((file) => existsSync(file))) return false;
  const built = Math.min(...ENTRY_OUTPUTS.map((file) => statSync(file).mtimeMs));
  return built >= Math.max(newestSource('src'), statSync('package-lock.json').mtimeMs);
}

const ifStale = process.argv.includes('--if-stale');
if (!(ifStale && buildIsCurrent())) await compile();
await makeEmptyDatabaseTemplate();

async function compile() {
  const started = Date.now();
  const { build } = await import('esbuild');
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
}

// An empty embedded database for this PGlite version (src/store/project-files.ts): made here once,
// so the bot's first start loads it instead of running initdb (about 800 MB for a few seconds).
async function makeEmptyDatabaseTemplate() {
  const pgliteJson = path.join('node_modules', '@electric-sql', 'pglite', 'package.json');
  const { version } = JSON.parse(readFileSync(pgliteJson, 'utf8'));
  const template = path.join('dist', `pglite-empty-${version}.tar.gz`);
  if (!existsSync(template)) {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = new PGlite();
    await db.waitReady;
    const archive = await db.dumpDataDir('gzip');
    await db.close();
    mkdirSync('dist', { recursive: true });
    writeFileSync(`${template}.partial`, Buffer.from(await archive.arrayBuffer()));
    renameSync(`${template}.partial`, template);
    console.log(`made ${template}`);
  }
}
