import { AppError } from '../domain/errors.ts';
import type { Prisma } from '../store/generated/client.ts';

// Commands other than declare, list and help act on the incident whose channel they run in.
export async function incidentInChannel(tx: Prisma.TransactionClient, channelId: string) {
  const incident = await tx.incident.findUnique({ where: { channelId }, include: { roles: { where: { endedAt: null } } } });
  if (!incident) {
    throw new AppError('NOT_IN_INCIDENT', "This isn't an incident channel. Run the command in the incident's channel; `/incident list` shows the open ones.");
  }
  return incident;
}

export type IncidentWithRoles = Awaited<ReturnType<typeof incidentInChannel>>;

export function rolesHeldBy(incident: IncidentWithRoles, userId: string): string[] {
  return incident.roles.filter((r) => r.userId === userId).map((r) => r.role);
}
