import { enqueue } from '../jobs/queue.ts';
import type { Prisma } from '../store/generated/client.ts';

// The incident ended in Slack: resolve its PagerDuty incidents. Marked resolved here, before the
// call, so PagerDuty's webhook echoing our own resolve is known as ours and does not ask again.
export async function resolveLinkedPages(tx: Prisma.TransactionClient, incidentId: string, now: Date) {
  const pages = await tx.page.findMany({ where: { incidentId, pdIncidentId: { not: null }, resolvedAt: null } });
  if (!pages.length) return;
  await tx.page.updateMany({ where: { id: { in: pages.map((p) => p.id) } }, data: { resolvedAt: now } });
  await enqueue(
    tx,
    now,
    pages.map((p) => ({ kind: 'pagerduty.resolve', incidentId, payload: { pageId: p.id } })),
  );
}
