// Developer-time access to Prisma's schema engine, compiled to WebAssembly, because the 7.x CLI's
// `migrate` commands always download a native engine, which this project must not need
// (see ../shared/PRISMA-OFFLINE.md). The package is internal to Prisma: its version is pinned exactly.
import { readFile, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';

const require = createRequire(import.meta.url);
export const prismaDir = path.resolve(import.meta.dirname, '../prisma');
export const schemaPath = path.join(prismaDir, 'schema.prisma');
export const migrationsDir = path.join(prismaDir, 'migrations');
const filters = { externalTables: [], externalEnums: [] };

// Node's WebAssembly global, typed just enough (the DOM lib that declares it is not loaded here).
const wasm = (
  globalThis as unknown as {
    WebAssembly: { instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: object } }> };
  }
).WebAssembly;

let engineModule: Promise<typeof import('@prisma/schema-engine-wasm/schema_engine_bg')> | undefined;

// The WASM module may be instantiated only once per process.
function loadEngineModule() {
  engineModule ??= (async () => {
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const pkgDir = path.dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
    const wasmPath = path.join(pkgDir, 'schema_engine_bg.wasm');
    const { instance } = await wasm.instantiate(await readFile(wasmPath), { './schema_engine_bg.js': bg });
    const exports = instance.exports as Record<string, unknown> & { __wbindgen_start?: () => void };
    (bg as unknown as { __wbg_set_wasm(w: unknown): void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start?.();
    return bg;
  })();
  return engineModule;
}

export async function readMigrationsList(): Promise<MigrationList> {
  const entries = await readdir(migrationsDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const lockContent = await readFile(lockPath, 'utf8').catch(() => null);
  return {
    baseDir: migrationsDir,
    lockfile: { path: 'migration_lock.toml', content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories: await Promise.all(
      dirs.map(async (dir) => ({
        path: dir,
        migrationFile: {
          path: 'migration.sql',
          content: {
            tag: 'ok' as const,
            value: await readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8'),
          },
        },
      })),
    ),
  };
}

export async function schemaFiles() {
  return { files: [{ path: schemaPath, content: await readFile(schemaPath, 'utf8') }] };
}

// Runs `use` with an engine bound to a throwaway in-memory PGlite database (and its shadow database).
export async function withScratchEngine<T>(use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const bg = await loadEngineModule();
  const db = new PGlite();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPGlite(db));
  const schema = await schemaFiles();
  const log = () => {};
  const engine = (await bg.SchemaEngine.new(
    { datamodels: schema.files.map((f) => [f.path, f.content]) },
    log,
    factory,
  )) as SchemaEngine;
  try {
    return await use(engine);
  } finally {
    engine.free();
    await db.close();
  }
}

// SQL that would bring a database built from the committed migrations to schema.prisma; '' when they agree.
export async function migrationDrift(): Promise<string> {
  const migrationsList = await readMigrationsList();
  return withScratchEngine(async (engine) => {
    const result = await engine.diff({
      from: { tag: 'migrations', ...migrationsList },
      to: { tag: 'schemaDatamodel', ...(await schemaFiles()) },
      script: true,
      exitCode: true,
      filters,
    });
    return result.exitCode === 0 ? '' : (result.stdout ?? 'schema and migrations differ');
  });
}

// Returns the new migration's directory name and SQL, or null when schema.prisma adds nothing.
export async function createMigration(name: string): Promise<{ dir: string; sql: string } | null> {
  const migrationsList = await readMigrationsList();
  return withScratchEngine(async (engine) => {
    await engine.applyMigrations({ migrationsList, filters });
    await engine.devDiagnostic({ migrationsList, filters });
    const out = await engine.createMigration({
      draft: false,
      migrationName: name,
      migrationsList,
      schema: await schemaFiles(),
      filters,
    });
    if (!out.migrationScript) return null;
    return { dir: out.generatedMigrationName, sql: out.migrationScript };
  });
}
