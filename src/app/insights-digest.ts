import type { Clock } from '../domain/clock.ts';
import { enqueue, type JobSpec } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';

// One digest timer for all replicas (while one is pending, another replica's start adds none);
// each digest sets the next.
export const nextDigest = (now: Date, everyMs: number): JobSpec => ({
  kind: 'insights.digest',
  payload: {},
  runAt: new Date(now.getTime() + everyMs),
  dedupeKey: 'insights:digest',
});

export async function scheduleDigest(db: Db, clock: Clock, config: { digest_channel?: string; every: number }) {
  if (!config.digest_channel) return;
  await db.$transaction((tx) => enqueue(tx, clock.now(), [nextDigest(clock.now(), config.every)]));
}
