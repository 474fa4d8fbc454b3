import type { Prisma } from '../store/generated/client.ts';

export type JobSpec = {
  kind: string;
  payload: Record<string, unknown>;
  incidentId?: string;
  runAt?: Date;
  // While a job with this key is pending, enqueueing another one with the same key is a no-op.
  dedupeKey?: string;
};

type Tx = Pick<Prisma.TransactionClient, 'job'>;

// Called inside the transaction that records what the jobs are about, so both commit or neither.
export async function enqueue(tx: Tx, now: Date, specs: JobSpec[]): Promise<void> {
  if (!specs.length) return;
  await tx.job.createMany({
    data: specs.map((spec) => ({
      kind: spec.kind,
      payload: spec.payload as Prisma.InputJsonValue,
      incidentId: spec.incidentId,
      runAt: spec.runAt ?? now,
      dedupeKey: spec.dedupeKey,
    })),
    skipDuplicates: true,
  });
}
