import type { Db } from './database.ts';

// One more hit on a key in a window; the count after it. One statement, so replicas share it.
export async function countHit(db: Db, key: string, windowStart: Date): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ count: number }[]>(
    `INSERT INTO "RateLimitCount" (key, "windowStart", count) VALUES ($1, $2::timestamptz, 1)
     ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateLimitCount".count + 1
     RETURNING count`,
    key,
    windowStart,
  );
  return rows[0]!.count;
}
