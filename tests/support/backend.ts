// Each test file gets its own empty database on the backend this vitest project runs against:
// a fresh PGlite directory, or a fresh PostgreSQL database on the local server.
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type TestBackend = 'pglite' | 'postgres';

export const backend: TestBackend = process.env.TEST_DB_BACKEND === 'postgres' ? 'postgres' : 'pglite';
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export type TestDatabaseLocation = { databaseUrl?: string; dataDir: string; drop(): Promise<void> };

// An embedded database with every migration applied, made once per run by global-setup.ts: a copy
// opens in 0.7 s where a first start takes 2.5 s (loading the empty template in WebAssembly, then
// the migrations). Tests of the first start itself ask for an empty directory ({ empty: true }).
export const migratedPgliteFixture = () =>
  path.join(tmpdir(), `incident-bot-migrated-${process.env.INCIDENT_BOT_TEST_RUN ?? 'none'}`);

export async function createTestDatabase(
  kind: TestBackend = backend,
  options: { empty?: boolean } = {},
): Promise<TestDatabaseLocation> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'incident-bot-test-'));
  if (kind === 'pglite') {
    const fixture = path.join(migratedPgliteFixture(), 'pglite');
    if (!options.empty && existsSync(fixture)) cpSync(fixture, path.join(dataDir, 'pglite'), { recursive: true });
    return { dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `incident_bot_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      rmSync(dataDir, { recursive: true, force: true });
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
