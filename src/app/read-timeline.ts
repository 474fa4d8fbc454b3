import { TIMELINE_ORDER } from '../domain/timeline.ts';
import type { Db } from '../store/database.ts';
import { incidentInChannel } from './incident-in-channel.ts';

const timelineOf = (db: Db, incidentId: string) =>
  db.timelineEntry.findMany({ where: { incidentId, removedAt: null }, orderBy: [...TIMELINE_ORDER] });

const LATEST_ORDER = [{ occurredAt: 'desc' }, { recordedAt: 'desc' }, { id: 'desc' }] as const;

// For `/incident timeline`, run in the incident's channel. `latest`: read only that many of the
// newest entries when there are more (the private answer shows the newest page of them; a year's
// largest incident has 10,000), with `total` the count of all.
export async function readTimeline(db: Db, channelId: string, latest?: number) {
  const incident = await incidentInChannel(db, channelId);
  if (latest === undefined) {
    const entries = await timelineOf(db, incident.id);
    return { incident, entries, total: entries.length };
  }
  const where = { incidentId: incident.id, removedAt: null };
  const [newest, total] = await Promise.all([
    db.timelineEntry.findMany({ where, orderBy: [...LATEST_ORDER], take: latest }),
    db.timelineEntry.count({ where }),
  ]);
  return { incident, entries: newest.reverse(), total };
}

// By incident number, for the API; null when there is no such incident.
export async function readIncidentTimeline(db: Db, number: number) {
  const incident = await db.incident.findUnique({ where: { number } });
  if (!incident) return null;
  return { incident, entries: await timelineOf(db, incident.id) };
}
