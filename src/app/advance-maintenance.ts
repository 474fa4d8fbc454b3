import type { Clock } from '../domain/clock.ts';
import type { MaintenanceNotice } from '../domain/events.ts';
import { type MaintenanceStep, timerTransition } from '../domain/status-page/maintenance.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import { newPublicId } from '../store/status-page.ts';
import { maintenanceNotices, noticeOf } from './maintenance-records.ts';

// What customers read when a timer moves a maintenance (Statuspage's own wording).
const TIMER_BODY = {
  in_progress: 'Scheduled maintenance is currently in progress. We will provide updates as necessary.',
  completed: 'The scheduled maintenance has been completed.',
} as const;

// A maintenance timer fired: an hour before, it is told; at its start it goes in progress; at its
// end it is completed. Under a row lock and conditional on its status, so a timer run twice (two
// replicas, a retry after a crash) moves it once, and a status set by hand meanwhile is kept.
export async function advanceMaintenance(
  db: Db,
  clock: Clock,
  job: { maintenanceId: string; step: MaintenanceStep },
): Promise<MaintenanceNotice | null> {
  return db.$transaction(async (tx) => {
    await tx.$queryRawUnsafe('SELECT id FROM "Maintenance" WHERE id = $1 FOR UPDATE', job.maintenanceId);
    const m = await tx.maintenance.findUnique({ where: { id: job.maintenanceId } });
    if (!m) return null;
    const now = clock.now();
    if (job.step === 'reminder') {
      if (m.status !== 'scheduled') return null;
      const notice = noticeOf(m, { step: 'reminder', status: m.status, body: null, actorId: null });
      await enqueue(tx, now, maintenanceNotices(notice));
      return notice;
    }
    const status = timerTransition(job.step, m.status);
    if (!status) return null;
    const body = TIMER_BODY[status];
    const moved = await tx.maintenance.update({
      where: { id: m.id },
      data: {
        status,
        updatedAt: now,
        startedAt: m.startedAt ?? now,
        completedAt: status === 'completed' ? now : null,
        updates: { create: { id: newPublicId(), status, body, actorId: null, createdAt: now } },
      },
    });
    const notice = noticeOf(moved, {
      step: status === 'completed' ? 'completed' : 'started',
      status,
      body,
      actorId: null,
    });
    await enqueue(tx, now, maintenanceNotices(notice));
    return notice;
  });
}
