import { AppError } from '../domain/errors.ts';
import type { Prisma } from '../store/generated/client.ts';

export const NOT_AN_INCIDENT_CHANNEL =
  "This isn't an incident channel. Run the command in the incident's channel; `/incident list` shows the open ones.";

// Commands other than declare, list and help act on the incident whose channel they run in.
export async function incidentInChannel(
  tx: Prisma.TransactionClient,
  channelId: string,
  otherwise = NOT_AN_INCIDENT_CHANNEL,
) {
  const incident = await tx.incident.findUnique({
    where: { channelId },
    include: { roles: { where: { endedAt: null } } },
  });
  if (!incident) throw new AppError('NOT_IN_INCIDENT', otherwise);
  return incident;
}

export type IncidentWithRoles = Awaited<ReturnType<typeof incidentInChannel>>;

export function rolesHeldBy(incident: IncidentWithRoles, userId: string): string[] {
  return incident.roles.filter((r) => r.userId === userId).map((r) => r.role);
}
