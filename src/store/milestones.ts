import type { MilestoneKind } from '../domain/milestones.ts';
import type { Prisma } from './generated/client.ts';

export async function currentMilestone(tx: Prisma.TransactionClient, incidentId: string, kind: MilestoneKind) {
  return tx.milestone.findFirst({ where: { incidentId, kind, supersededAt: null } });
}

// Sets a milestone; the value it replaces stays as history (supersededAt).
export async function setMilestone(
  tx: Prisma.TransactionClient,
  m: { incidentId: string; kind: MilestoneKind; occurredAt: Date; setBy: string; source: string; now: Date },
) {
  await tx.milestone.updateMany({
    where: { incidentId: m.incidentId, kind: m.kind, supersededAt: null },
    data: { supersededAt: m.now },
  });
  return tx.milestone.create({
    data: {
      incidentId: m.incidentId,
      kind: m.kind,
      occurredAt: m.occurredAt,
      setBy: m.setBy,
      setAt: m.now,
      source: m.source,
    },
  });
}
