import { incidentRef } from '../domain/incident.ts';
import type { Db } from '../store/database.ts';

const PRIVATE_TITLE = 'a private incident';

type Row = Awaited<ReturnType<typeof loadRows>>[number];

async function loadRows(db: Db, where: { number?: number; open?: boolean; drills?: boolean }) {
  return db.incident.findMany({
    where: {
      ...(where.number === undefined ? {} : { number: where.number }),
      ...(where.open ? { status: { notIn: ['resolved', 'cancelled'] } } : {}),
      ...(where.drills ? {} : { isDrill: false }),
    },
    include: { roles: { where: { endedAt: null } } },
    orderBy: { number: 'asc' },
  });
}

// The read API's view of an incident. A private incident shows only that it exists (its number):
// no title, severity, status, times, services, people or channel leave its channel.
export function publicIncident(row: Row) {
  if (row.isPrivate) return { number: row.number, ref: incidentRef(row.number), private: true, title: PRIVATE_TITLE };
  const base = {
    number: row.number,
    ref: incidentRef(row.number),
    severity: row.severity,
    status: row.status,
    private: row.isPrivate,
    drill: row.isDrill,
    declaredAt: row.declaredAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
  };
  return {
    ...base,
    title: row.title,
    summary: row.summary,
    services: row.services,
    channelId: row.channelId,
    roles: Object.fromEntries(row.roles.map((r) => [r.role, r.userId])),
  };
}

export async function listIncidents(db: Db, options: { open: boolean; drills: boolean }) {
  return (await loadRows(db, options)).map(publicIncident);
}

export async function getIncident(db: Db, number: number) {
  const [row] = await loadRows(db, { number, drills: true });
  return row ? publicIncident(row) : null;
}
