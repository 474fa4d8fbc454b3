import type { IncidentSummary } from '../domain/incident.ts';
import type { Db } from './database.ts';
import { activeFreezeWhere } from './freezes.ts';

// Everything the header shows, read fresh so a delayed update never shows stale state.
export async function loadIncidentSummary(db: Db, incidentId: string, now: Date) {
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: incidentId },
    include: {
      roles: { where: { endedAt: null } },
      freezes: {
        where: activeFreezeWhere(now),
        include: { exceptions: { where: { revokedAt: null, expiresAt: { gt: now } } } },
        orderBy: { startedAt: 'asc' },
      },
      pages: { orderBy: { createdAt: 'asc' } },
      causeChange: { select: { service: true, version: true, environment: true, url: true } },
    },
  });
  const { freezes, pages } = incident;
  const exceptions = freezes
    .flatMap((f) => f.exceptions)
    .filter((e, i, all) => all.findIndex((o) => o.service === e.service && o.version === e.version) === i);
  const summary: IncidentSummary = {
    ...incident,
    roles: incident.roles,
    freezes,
    exceptions,
    pages,
    cause: incident.causeChange,
  };
  return { ...summary, channelId: incident.channelId, headerTs: incident.headerTs, declaredBy: incident.declaredBy };
}
