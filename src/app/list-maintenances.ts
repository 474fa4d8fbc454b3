import type { Clock } from '../domain/clock.ts';
import type { MaintenanceStatus } from '../domain/status-page/maintenance.ts';
import type { Db } from '../store/database.ts';

export type MaintenanceListItem = {
  number: number;
  title: string;
  status: MaintenanceStatus;
  services: string[];
  scheduledFor: Date;
  scheduledUntil: Date;
};

const RECENT_MS = 7 * 86_400_000;
const LIST_MAX = 50;

// `/incident maintenance list`: what is under way and ahead, then what ended in the last week.
export async function listMaintenances(db: Db, clock: Clock): Promise<MaintenanceListItem[]> {
  const since = new Date(clock.now().getTime() - RECENT_MS);
  const rows = await db.maintenance.findMany({
    where: { OR: [{ status: { in: ['scheduled', 'in_progress', 'verifying'] } }, { updatedAt: { gte: since } }] },
    orderBy: { scheduledFor: 'asc' },
    take: LIST_MAX,
    select: { number: true, title: true, status: true, services: true, scheduledFor: true, scheduledUntil: true },
  });
  const rank = (s: string) => (s === 'in_progress' || s === 'verifying' ? 0 : s === 'scheduled' ? 1 : 2);
  return rows
    .map((r) => ({ ...r, status: r.status as MaintenanceStatus }))
    .sort((a, b) => rank(a.status) - rank(b.status));
}
