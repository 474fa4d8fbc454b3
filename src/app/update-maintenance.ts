import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import type { MaintenanceNotice } from '../domain/events.ts';
import {
  MAINTENANCE_LABEL,
  type MaintenanceStatus,
  manualTransitionProblem,
  type SettableStatus,
} from '../domain/status-page/maintenance.ts';
import { publicText } from '../domain/status-page/public-text.ts';
import type { ReplyTarget } from '../jobs/handlers/room-setup-jobs.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Prisma } from '../store/generated/client.ts';
import { newPublicId } from '../store/status-page.ts';
import {
  checkPublisherOutsideIncidents,
  type MaintenanceActor,
  maintenanceByNumber,
  noticeAndReply,
  noticeOf,
} from './maintenance-records.ts';

type Options = MaintenanceActor & {
  tx: Prisma.TransactionClient;
  clock: Clock;
  config: Config;
  replyTarget: ReplyTarget;
  number: number;
};

// `/incident maintenance update <n> [--status in_progress|verifying|completed] <message>`: a status
// set by hand wins over the timers (they never move it back).
export async function updateMaintenance(
  options: Options & { status: SettableStatus | null; message: string },
): Promise<MaintenanceNotice> {
  const { tx, clock, config } = options;
  checkPublisherOutsideIncidents(config, options);
  const maintenance = await maintenanceByNumber(tx, options.number);
  const status = (options.status ?? maintenance.status) as MaintenanceStatus;
  const problem = options.status
    ? manualTransitionProblem(maintenance.status, options.status)
    : maintenance.status === 'completed' || maintenance.status === 'cancelled'
      ? `It is ${MAINTENANCE_LABEL[maintenance.status as MaintenanceStatus].toLowerCase()} already.`
      : null;
  if (problem) throw new AppError('CONFLICT', `Maintenance ${maintenance.number}: ${problem}`);
  const body = publicText(options.message);
  if (!body) throw new AppError('BAD_INPUT', 'Nothing would be left to publish once mentions are taken out.');

  const now = clock.now();
  const updated = await tx.maintenance.update({
    where: { id: maintenance.id },
    data: {
      status,
      updatedAt: now,
      startedAt: status !== 'scheduled' ? (maintenance.startedAt ?? now) : null,
      completedAt: status === 'completed' ? now : null,
      updates: { create: { id: newPublicId(), status, body, actorId: options.actorId, createdAt: now } },
    },
  });
  const step =
    status === maintenance.status
      ? 'updated'
      : status === 'completed'
        ? 'completed'
        : status === 'in_progress'
          ? 'started'
          : 'updated';
  const notice = noticeOf(updated, { step, status, body, actorId: options.actorId });
  await enqueue(tx, now, noticeAndReply(config, options.replyTarget, notice));
  return notice;
}

// `/incident maintenance cancel <n> [message]`: off the page; one under way is completed instead.
export async function cancelMaintenance(options: Options & { message: string | null }): Promise<MaintenanceNotice> {
  const { tx, clock, config } = options;
  checkPublisherOutsideIncidents(config, options);
  const maintenance = await maintenanceByNumber(tx, options.number);
  if (maintenance.status !== 'scheduled')
    throw new AppError(
      'CONFLICT',
      maintenance.status === 'in_progress' || maintenance.status === 'verifying'
        ? `Maintenance ${maintenance.number} has started: end it with \`/incident maintenance update ${maintenance.number} --status completed <message>\`.`
        : `Maintenance ${maintenance.number} is ${MAINTENANCE_LABEL[maintenance.status as MaintenanceStatus].toLowerCase()} already.`,
    );
  const body = options.message ? publicText(options.message) || null : null;
  const now = clock.now();
  const cancelled = await tx.maintenance.update({
    where: { id: maintenance.id },
    data: { status: 'cancelled', cancelledAt: now, updatedAt: now },
  });
  const notice = noticeOf(cancelled, { step: 'cancelled', status: 'cancelled', body, actorId: options.actorId });
  await enqueue(tx, now, noticeAndReply(config, options.replyTarget, notice));
  return notice;
}
