import { AppError } from '../domain/errors.ts';
import { TIMELINE_ORDER } from '../domain/timeline.ts';
import type { Db } from '../store/database.ts';

export async function readTimeline(db: Db, channelId: string) {
  const incident = await db.incident.findUnique({ where: { channelId } });
  if (!incident) throw new AppError('NOT_IN_INCIDENT', "This isn't an incident channel. Run the command in the incident's channel; `/incident list` shows the open ones.");
  const entries = await db.timelineEntry.findMany({ where: { incidentId: incident.id, removedAt: null }, orderBy: [...TIMELINE_ORDER] });
  return { incident, entries };
}

// By incident number, for the API; null when there is no such incident.
export async function readIncidentTimeline(db: Db, number: number) {
  const incident = await db.incident.findUnique({ where: { number } });
  if (!incident) return null;
  const entries = await db.timelineEntry.findMany({ where: { incidentId: incident.id, removedAt: null }, orderBy: [...TIMELINE_ORDER] });
  return { incident, entries };
}
