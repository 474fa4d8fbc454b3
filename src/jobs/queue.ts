import { storableJson } from '../domain/text.ts';
import type { Prisma } from '../store/generated/client.ts';

export type JobSpec = {
  kind: string;
  payload: Record<string, unknown>;
  incidentId?: string;
  runAt?: Date;
  // While a job with this key is pending, enqueueing another one with the same key is a no-op.
  dedupeKey?: string;
  // Jobs with the same queue key run one at a time, in the order they were queued (worker.ts).
  queueKey?: string;
};

// The commands typed in one channel (and the buttons pressed in it) take effect in the order
// Slack acknowledged them.
export const channelQueue = (channelId: string) => `channel:${channelId}`;
// The posts and header edits of one incident appear in the order their records were made.
export const roomQueue = (incidentId: string) => `room:${incidentId}`;
// What one status page subscriber is sent, in the order it was published: a delivery that keeps
// failing holds the ones after it (they would be out of order), unlike a room's posts.
export const subscriberQueue = (subscriberId: string) => `subscriber:${subscriberId}`;
// Publications are fanned out to subscribers one at a time, in the order they were published, so
// each subscriber's queue receives them in that order whichever replica runs the fan-out.
export const FAN_OUT_QUEUE = 'subscribers:fan-out';
export const holdsOrderStrictly = (queueKey: string) =>
  queueKey.startsWith('subscriber:') || queueKey === FAN_OUT_QUEUE;

type Tx = Pick<Prisma.TransactionClient, 'job'>;

// Called inside the transaction that records what the jobs are about, so both commit or neither.
export async function enqueue(tx: Tx, now: Date, specs: JobSpec[]): Promise<void> {
  if (!specs.length) return;
  await tx.job.createMany({
    data: specs.map((spec) => ({
      kind: spec.kind,
      payload: storableJson(spec.payload) as Prisma.InputJsonValue,
      incidentId: spec.incidentId,
      runAt: spec.runAt ?? now,
      dedupeKey: spec.dedupeKey,
      queueKey: spec.queueKey,
    })),
    skipDuplicates: true,
  });
}

// Timers that should no longer fire (the incident ended, the severity changed): cancelled, kept.
export async function cancelJobs(
  tx: Pick<Prisma.TransactionClient, 'job'>,
  incidentId: string,
  kinds: string[],
): Promise<void> {
  await tx.job.updateMany({
    where: { incidentId, kind: { in: kinds }, status: 'pending' },
    data: { status: 'cancelled', dedupeKey: null, queueKey: null },
  });
}

// Jobs that should run now or are running: zero means every side effect asked for so far is done
// (timers set for later do not count).
export async function dueJobCount(
  db: { job: Pick<Prisma.TransactionClient['job'], 'count'> },
  now: Date,
): Promise<number> {
  return db.job.count({
    where: { status: { in: ['pending', 'running'] }, runAt: { lte: new Date(now.getTime() + 1_000) } },
  });
}
