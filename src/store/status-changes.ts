import { isOpenStatus } from '../domain/incident.ts';
import type { Prisma } from './generated/client.ts';

export type StatusTransition = {
  incident: { id: string; status: string };
  to: string;
  actorId: string;
  occurredAt: Date;
  recordedAt: Date;
  message: string;
};

// The incident's new status and the record of the change; ending statuses set endedAt.
export async function recordStatusChange(tx: Prisma.TransactionClient, t: StatusTransition) {
  await tx.incident.update({
    where: { id: t.incident.id },
    data: { status: t.to, endedAt: isOpenStatus(t.to) ? null : t.occurredAt },
  });
  await tx.statusChange.create({
    data: {
      incidentId: t.incident.id,
      fromStatus: t.incident.status,
      toStatus: t.to,
      changedBy: t.actorId,
      occurredAt: t.occurredAt,
      recordedAt: t.recordedAt,
      message: t.message,
    },
  });
}
