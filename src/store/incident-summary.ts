import type { IncidentSummary } from '../domain/incident.ts';
import type { Db } from './database.ts';

// Everything the header shows, read fresh so a delayed update never shows stale state.
export async function loadIncidentSummary(db: Db, incidentId: string, now: Date) {
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: { roles: { where: { endedAt: null } } },
  });
  const activeFreezes = await db.freeze.count({
    where: { incidentId, liftedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
  });
  const summary: IncidentSummary = { ...incident, roles: incident.roles, activeFreezes };
  return { ...summary, channelId: incident.channelId, headerTs: incident.headerTs, declaredBy: incident.declaredBy };
}
