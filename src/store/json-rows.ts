import type { Db } from './database.ts';

// The rows of a SELECT as one JSON document built by the database, parsed here: the embedded
// database hands over one text several times faster than the thousands of rows a year can hold.
// Timestamps arrive as ISO strings (timestamptz keeps its offset) for the caller to turn into Dates.
export async function jsonRows<T>(db: Db, select: string, ...params: unknown[]): Promise<T[]> {
  const rows = await db.$queryRawUnsafe<{ rows: string | null }[]>(
    `SELECT json_agg(x)::text AS rows FROM (${select}) x`,
    ...params,
  );
  return JSON.parse(rows[0]?.rows ?? '[]') as T[];
}
