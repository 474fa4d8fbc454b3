// Files that ship with the bot, found from wherever this code runs: src/store/ under tsx, dist/
// once built.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function findUp(relative: string, from = import.meta.dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, relative))) return path.join(dir, relative);
    if (path.dirname(dir) === dir) throw new Error(`cannot find ${relative} above ${from}`);
  }
}

export const PROJECT_ROOT = path.dirname(findUp('package.json'));
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma', 'migrations');

export function pgliteVersion(): string {
  const file = findUp(path.join('node_modules', '@electric-sql', 'pglite', 'package.json'));
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

// An empty embedded database made once by `npm run build` (scripts/build.mjs) for this version of
// PGlite: a first start loads it instead of running initdb in WebAssembly, which takes a second
// PostgreSQL instance and about 800 MB for a few seconds. Null when it was not built.
export function pgliteTemplate(): string | null {
  const file = path.join(PROJECT_ROOT, 'dist', `pglite-empty-${pgliteVersion()}.tar.gz`);
  return existsSync(file) ? file : null;
}
