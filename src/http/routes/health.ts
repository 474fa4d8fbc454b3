import { Hono } from 'hono';
import type { Db } from '../../store/database.ts';

// Liveness, database reachability, and how much side-effect work is waiting (a growing number
// means Slack or another service is failing and the queue is retrying).
export function healthRoutes(db: Db): Hono {
  const routes = new Hono();
  routes.get('/healthz', async (c) => {
    try {
      // Due work (waiting to run now, or being retried) apart from timers set for later.
      const rows = await db.$queryRawUnsafe<{ state: string; n: bigint }[]>(
        `SELECT CASE WHEN status = 'pending' AND "runAt" > now() THEN 'scheduled' ELSE status END AS state, count(*) AS n
         FROM "Job" WHERE status IN ('pending', 'running', 'failed') GROUP BY 1`,
      );
      const count = (state: string) => Number(rows.find((r) => r.state === state)?.n ?? 0);
      return c.json({
        ok: true,
        database: 'reachable',
        jobs: {
          due: count('pending'),
          running: count('running'),
          scheduled: count('scheduled'),
          failed: count('failed'),
        },
      });
    } catch {
      return c.json({ ok: false, database: 'unreachable' }, 503);
    }
  });
  return routes;
}
