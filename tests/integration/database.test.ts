import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src/domain/errors.ts';
import { openDatabase, type Database } from '../../src/store/database.ts';
import { readMigrations } from '../../src/store/migrate.ts';
import { backend, createTestDatabase, type TestDatabaseLocation } from '../support/backend.ts';
import { runProcess } from '../support/processes.ts';

// Backend-specific cases are registered only on their backend, so no run reports skipped tests.
const onPostgres = backend === 'postgres' ? it : () => {};
const onPglite = backend === 'pglite' ? it : () => {};
const opened: Database[] = [];
const locations: TestDatabaseLocation[] = [];

// A new database: with every migration applied already (the run's copy), or empty.
async function fresh(options: { empty?: boolean } = {}) {
  const location = await createTestDatabase(backend, options);
  locations.push(location);
  return location;
}

async function open(location: TestDatabaseLocation) {
  const database = await openDatabase({ databaseUrl: location.databaseUrl, dataDir: location.dataDir });
  opened.push(database);
  return database;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((d) => d.close().catch(() => {})));
  await Promise.all(locations.splice(0).map((l) => l.drop()));
});

describe(`database (${backend})`, () => {
  it(`runs on ${backend}`, async () => {
    const database = await open(await fresh());
    expect(database.backend).toBe(backend);
    const version = await database.version();
    expect(version).toMatch(/PostgreSQL/);
    if (backend === 'pglite') expect(version).toContain('PGlite');
    else expect(version).not.toContain('PGlite');
  });

  it('applies every committed migration on a fresh database and records it as Prisma does', async () => {
    const location = await fresh({ empty: true });
    const database = await open(location);
    const migrations = await readMigrations();
    expect(database.appliedMigrations).toEqual(migrations.map((m) => m.name));
    const rows = await database.prisma.$queryRawUnsafe<
      { migration_name: string; checksum: string; finished_at: Date | null }[]
    >('SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name');
    expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(migrations.map((m) => [m.name, m.checksum]));
    expect(rows.every((r) => r.finished_at)).toBe(true);
    await database.close();
    opened.splice(opened.indexOf(database), 1);

    const again = await open(location);
    expect(again.appliedMigrations).toEqual([]);
    expect(await again.prisma.incident.count()).toBe(0);
  });

  onPostgres('applies migrations once when two processes start together', async () => {
    const location = await fresh();
    const script = path.resolve(import.meta.dirname, '../support/open-database.ts');
    const run = async () => {
      const { code, output } = await runProcess(process.execPath, ['--import', 'tsx', script], {
        env: { ...process.env, DATABASE_URL: location.databaseUrl },
      });
      if (code !== 0) throw new Error(`exit ${code}: ${output}`);
      return output.trim();
    };
    const outputs = await Promise.all([run(), run()]);
    const applied = outputs.map((o) => JSON.parse(o.split('\n').at(-1)!) as string[]);
    const migrations = (await readMigrations()).map((m) => m.name);
    expect(applied.flat().sort()).toEqual([...migrations].sort());
    const database = await open(location);
    const rows = await database.prisma.$queryRawUnsafe<{ n: bigint }[]>(
      'SELECT count(*) AS n FROM "_prisma_migrations"',
    );
    expect(Number(rows[0]!.n)).toBe(migrations.length);
  });

  onPglite('refuses a second process on the same data directory', async () => {
    const location = await fresh();
    await open(location);
    const script = path.resolve(import.meta.dirname, '../support/open-database.ts');
    const { code, output } = await runProcess(process.execPath, ['--import', 'tsx', script], {
      env: { ...process.env, DATA_DIR: location.dataDir, DATABASE_URL: '' },
    });
    const result = { code, out: output };
    expect(result.code).not.toBe(0);
    expect(result.out).toContain('in use by another incident-bot process');
    expect(result.out).not.toMatch(/\n\s+at /);
  });

  onPglite('takes over the lock of a process that died', async () => {
    const location = await fresh();
    const { writeFileSync, mkdirSync } = await import('node:fs');
    mkdirSync(location.dataDir, { recursive: true });
    writeFileSync(path.join(location.dataDir, 'incident-bot.pid'), '999999');
    const database = await open(location);
    expect(database.backend).toBe('pglite');
  });

  it('raises AppError codes the edge can show', () => {
    expect(new AppError('DATABASE_LOCKED', 'x').httpStatus).toBe(503);
  });
});
