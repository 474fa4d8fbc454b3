import type { Db } from '../store/database.ts';

// Open, real incidents for `/incident list`: drills are left out, private ones shown only to
// people in them.
export async function listOpenIncidents(db: Db, viewerId: string) {
  return db.incident.findMany({
    where: {
      status: { notIn: ['resolved', 'cancelled'] },
      isDrill: false,
      OR: [{ isPrivate: false }, { participants: { some: { userId: viewerId } } }],
    },
    orderBy: { number: 'asc' },
    select: {
      number: true,
      title: true,
      severity: true,
      status: true,
      declaredAt: true,
      channelId: true,
      isDrill: true,
    },
  });
}
