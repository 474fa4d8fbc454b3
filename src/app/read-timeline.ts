import { TIMELINE_ORDER } from '../domain/timeline.ts';
import type { Db } from '../store/database.ts';
import { incidentInChannel } from './incident-in-channel.ts';

const timelineOf = (db: Db, incidentId: string) =>
  db.timelineEntry.findMany({ where: { incidentId, removedAt: null }, orderBy: [...TIMELINE_ORDER] });

// For `/incident timeline`, run in the incident's channel.
export async function readTimeline(db: Db, channelId: string) {
  const incident = await incidentInChannel(db, channelId);
  return { incident, entries: await timelineOf(db, incident.id) };
}

// By incident number, for the API; null when there is no such incident.
export async function readIncidentTimeline(db: Db, number: number) {
  const incident = await db.incident.findUnique({ where: { number } });
  if (!incident) return null;
  return { incident, entries: await timelineOf(db, incident.id) };
}
