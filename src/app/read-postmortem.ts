import { renderPostmortem } from '../domain/postmortem/render.ts';
import type { Db } from '../store/database.ts';
import { loadPostmortemRecord } from '../store/postmortem-record.ts';

// The draft as of now, by incident number; null when there is no such incident.
export async function readPostmortem(db: Db, number: number, lookbackMs?: number) {
  const incident = await db.incident.findUnique({ where: { number } });
  if (!incident) return null;
  return { incident, markdown: renderPostmortem(await loadPostmortemRecord(db, incident.id, { lookbackMs })) };
}
