// Job rows as one INSERT statement, for a write that goes around Prisma (the embedded database's
// writeBefore). Rows are written in the order given, so the `seq` the database assigns follows it.
// A row already there is skipped: a journaled write may be applied twice (store/write-journal.ts).
export type NewJobRow = { id: string; kind: string; payload: unknown; runAt: Date; queueKey: string | null };

export function insertJobsStatement(rows: NewJobRow[]): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const values = rows.map((row) => {
    const at = params.length;
    params.push(row.id, row.kind, JSON.stringify(row.payload), row.runAt, new Date(), row.queueKey);
    return `($${at + 1}::uuid, $${at + 2}, $${at + 3}::jsonb, $${at + 4}::timestamptz, $${at + 5}::timestamptz, $${at + 6})`;
  });
  return {
    sql: `INSERT INTO "Job" (id, kind, payload, "runAt", "createdAt", "queueKey") VALUES ${values.join(', ')} ON CONFLICT (id) DO NOTHING`,
    params,
  };
}
