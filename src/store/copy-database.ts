// Copies every row of the bot's tables from one database to another through the schema, not a dump:
// the embedded PGlite is PostgreSQL 18 and the target server may be older. Values travel as their
// text form, which every PostgreSQL version reads back into the same column type (timestamps, JSON,
// arrays, BIGINTs), so ids and times are kept exactly.
import { AppError } from '../domain/errors.ts';
import { applyMigrations, type Migration, type SqlSession } from './migrate.ts';

export type CopyReport = { tables: { table: string; rows: number }[]; emptied: string[] };

export type CopyOptions = {
  source: SqlSession;
  target: SqlSession;
  migrations: Migration[];
  force?: boolean;
  // Rows per INSERT; PostgreSQL allows 65,535 parameters a statement.
  batchRows?: number;
};

const HISTORY_TABLE = '_prisma_migrations';
const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function copyDatabase(options: CopyOptions): Promise<CopyReport> {
  const { source, target, migrations } = options;
  await checkSourceSchema(source, migrations);
  await applyMigrations(target, migrations);

  const tables = inDependencyOrder(await listTables(source), await listForeignKeys(source));
  const targetTables = new Set(await listTables(target));
  const missing = tables.filter((t) => !targetTables.has(t));
  if (missing.length) throw new AppError('CONFLICT', `the target database has no table ${missing.join(', ')}`);

  const occupied = await nonEmptyTables(target, [...targetTables]);
  if (occupied.length && !options.force) {
    throw new AppError(
      'CONFLICT',
      `the target database already holds data (${occupied.join(', ')}); nothing was copied. ` +
        'Use an empty database, or add --force to empty these tables first.',
    );
  }

  // One snapshot of the source, one transaction on the target: the copy lands whole or not at all.
  await source.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  await target.exec('BEGIN');
  try {
    if (occupied.length) await target.exec(`TRUNCATE ${occupied.map(ident).join(', ')} RESTART IDENTITY CASCADE`);
    const report: CopyReport = { tables: [], emptied: occupied };
    for (const table of tables) {
      const rows = await copyTable(source, target, table, options.batchRows ?? 500);
      const [counted] = await target.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${ident(table)}`);
      if (Number(counted!.n) !== rows) {
        throw new Error(`${table}: copied ${rows} rows but the target holds ${counted!.n}`);
      }
      report.tables.push({ table, rows });
    }
    await continueSequences(source, target);
    await target.exec('COMMIT');
    return report;
  } catch (error) {
    await target.exec('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    await source.exec('ROLLBACK').catch(() => {});
  }
}

async function checkSourceSchema(source: SqlSession, migrations: Migration[]) {
  const rows = await source.query<{ migration_name: string }>(
    `SELECT migration_name FROM ${ident(HISTORY_TABLE)} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  const known = new Set(migrations.map((m) => m.name));
  const pending = migrations.filter((m) => !applied.has(m.name)).map((m) => m.name);
  const unknown = [...applied].filter((name) => !known.has(name));
  if (unknown.length) {
    throw new AppError(
      'CONFLICT',
      `the embedded database was written by a newer version of the bot (migrations ${unknown.join(', ')}); copy it with that version`,
    );
  }
  if (pending.length) {
    throw new AppError(
      'CONFLICT',
      `the embedded database is not up to date (${pending.length} migration(s) pending); run \`npm run db:migrate\` on it first, then copy`,
    );
  }
}

async function listTables(db: SqlSession): Promise<string[]> {
  const rows = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> $1 ORDER BY table_name`,
    [HISTORY_TABLE],
  );
  return rows.map((r) => r.table_name);
}

async function listForeignKeys(db: SqlSession): Promise<{ child: string; parent: string }[]> {
  return db.query<{ child: string; parent: string }>(
    `SELECT child.relname AS child, parent.relname AS parent
     FROM pg_constraint c
     JOIN pg_class child ON child.oid = c.conrelid
     JOIN pg_class parent ON parent.oid = c.confrelid
     WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
}

// Parents before children, so foreign keys hold at every insert.
export function inDependencyOrder(tables: string[], keys: { child: string; parent: string }[]): string[] {
  const ordered: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (table: string) => {
    if (state.get(table) === 'done') return;
    if (state.get(table) === 'visiting') throw new Error(`foreign keys form a cycle through ${table}`);
    state.set(table, 'visiting');
    for (const key of keys) if (key.child === table && key.parent !== table) visit(key.parent);
    state.set(table, 'done');
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered.filter((t) => tables.includes(t));
}

async function nonEmptyTables(db: SqlSession, tables: string[]): Promise<string[]> {
  const occupied: string[] = [];
  for (const table of tables) {
    const [row] = await db.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${ident(table)}) AS any`);
    if (row?.any) occupied.push(table);
  }
  return occupied;
}

async function columnsOf(db: SqlSession, table: string): Promise<string[]> {
  const rows = await db.query<{ column_name: string }>(
    `SELECT column_name FROM information_schema.columns
     WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'
     ORDER BY ordinal_position`,
    [table],
  );
  return rows.map((r) => r.column_name);
}

async function copyTable(source: SqlSession, target: SqlSession, table: string, batchRows: number): Promise<number> {
  const columns = await columnsOf(source, table);
  const list = columns.map(ident).join(', ');
  const asText = columns.map((c) => `${ident(c)}::text AS ${ident(c)}`).join(', ');
  const rowsPerInsert = Math.max(1, Math.min(batchRows, Math.floor(60_000 / columns.length)));
  let copied = 0;
  // A cursor in the copy's snapshot reads the table once, in whatever order it lies (paging with
  // OFFSET sorted and rescanned it for every batch: a year's 200,000 timeline entries took minutes).
  await source.exec(`DECLARE copy_rows NO SCROLL CURSOR FOR SELECT ${asText} FROM ${ident(table)}`);
  try {
    for (;;) {
      const rows = await source.query<Record<string, string | null>>(`FETCH ${rowsPerInsert} FROM copy_rows`);
      if (rows.length === 0) return copied;
      copied += await insertRows(target, table, columns, list, rows);
      if (rows.length < rowsPerInsert) return copied;
    }
  } finally {
    await source.exec('CLOSE copy_rows');
  }
}

async function insertRows(
  target: SqlSession,
  table: string,
  columns: string[],
  list: string,
  rows: Record<string, string | null>[],
): Promise<number> {
  const params: (string | null)[] = [];
  const tuples = rows.map((row) => {
    const slots = columns.map((column) => {
      params.push(row[column] ?? null);
      return `$${params.length}`;
    });
    return `(${slots.join(', ')})`;
  });
  await target.query(`INSERT INTO ${ident(table)} (${list}) VALUES ${tuples.join(', ')}`, params);
  return rows.length;
}

// Sequences continue where the source left off (the job order's BIGSERIAL, the ids), so new rows
// never reuse an id the copied ones hold.
async function continueSequences(source: SqlSession, target: SqlSession) {
  const sequences = await source.query<{ name: string }>(
    `SELECT sequence_name AS name FROM information_schema.sequences WHERE sequence_schema = 'public'`,
  );
  for (const { name } of sequences) {
    const [state] = await source.query<{ last_value: string; is_called: boolean }>(
      `SELECT last_value::text AS last_value, is_called FROM ${ident(name)}`,
    );
    await target.query('SELECT setval($1::regclass, $2::bigint, $3)', [
      ident(name),
      state!.last_value,
      state!.is_called,
    ]);
  }
}
