import type { MaintenanceNotice } from '../domain/events.ts';
import { follows } from '../domain/status-page/subscriptions.ts';
import { enqueue, FAN_OUT_QUEUE, type JobSpec, subscriberQueue } from '../jobs/queue.ts';
import type { Prisma } from '../store/generated/client.ts';
import { newPublicId } from '../store/status-page.ts';

// What was published, for the fan-out job to read back and tell subscribers.
export type NoticeSource =
  | { kind: 'incident'; publicId: string; updateId: string }
  | { kind: 'maintenance'; notice: MaintenanceNotice };

// Queued with the publication itself: subscribers are told from the durable queue.
export const notifySubscribers = (source: NoticeSource): JobSpec => ({
  kind: 'subscribers.fan_out',
  payload: { source },
  queueKey: FAN_OUT_QUEUE,
});

export type NoticeContent = {
  subject: string;
  text: string;
  components: string[];
  webhooks: Record<string, unknown>[];
};

// One delivery job per subscriber who follows what the notice is about (and one per webhook
// payload), in each subscriber's own queue: in order per subscriber, once each (they are written in
// the transaction that marks the fan-out done).
export async function queueDeliveries(
  tx: Prisma.TransactionClient,
  now: Date,
  content: NoticeContent,
  options: { email: boolean },
): Promise<number> {
  const subscribers = await tx.subscriber.findMany({
    where: {
      disabledAt: null,
      OR: [{ kind: 'webhook' }, ...(options.email ? [{ kind: 'email', confirmedAt: { not: null } }] : [])],
    },
    select: { id: true, kind: true, components: true },
    orderBy: { createdAt: 'asc' },
  });
  const told = subscribers.filter((s) => follows(s.components, content.components));
  if (!told.length) return 0;
  const notice = await tx.subscriberNotice.create({
    data: {
      id: newPublicId(),
      createdAt: now,
      subject: content.subject,
      text: content.text,
      components: content.components,
      webhooks: content.webhooks as Prisma.InputJsonValue,
    },
  });
  const jobs: JobSpec[] = told.flatMap((s) =>
    (s.kind === 'email' ? [0] : content.webhooks.map((_, part) => part)).map((part) => ({
      kind: 'subscribers.deliver',
      payload: { noticeId: notice.id, subscriberId: s.id, part },
      queueKey: subscriberQueue(s.id),
    })),
  );
  await enqueue(tx, now, jobs);
  return told.length;
}
