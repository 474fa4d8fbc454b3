import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import type { MaintenanceNotice } from '../domain/events.ts';
import { publicText } from '../domain/status-page/public-text.ts';
import { parseFutureTime } from '../domain/time/parse-time.ts';
import type { ReplyTarget } from '../jobs/handlers/room-setup-jobs.ts';
import { enqueue } from '../jobs/queue.ts';
import { nextValue } from '../store/counters.ts';
import type { Prisma } from '../store/generated/client.ts';
import { markComponentsPublished, newPublicId } from '../store/status-page.ts';
import {
  checkPublisherOutsideIncidents,
  type MaintenanceActor,
  maintenanceTimers,
  noticeAndReply,
  noticeOf,
} from './maintenance-records.ts';
import { visibleComponents } from './publish-status-update.ts';

export type ScheduleMaintenanceOptions = MaintenanceActor & {
  tx: Prisma.TransactionClient;
  clock: Clock;
  config: Config;
  // When the command was typed: "02:00" is the next 02:00 after this.
  typedAt: Date;
  replyTarget: ReplyTarget;
  title: string;
  services: string[];
  from: string;
  to: string;
  message: string;
};

// `/incident maintenance schedule`: public at once as upcoming, with durable timers for an hour
// before (when more than an hour ahead), its start and its end.
export async function scheduleMaintenance(options: ScheduleMaintenanceOptions): Promise<MaintenanceNotice> {
  const { tx, clock, config, typedAt } = options;
  checkPublisherOutsideIncidents(config, options);
  const timeZone = options.profile?.tz ?? 'UTC';
  const from = parseFutureTime(options.from, { now: typedAt, timeZone });
  if (!from.ok) throw new AppError('BAD_INPUT', `--from: ${from.message}`);
  const to = parseFutureTime(options.to, { now: typedAt, after: from.at, timeZone });
  if (!to.ok) throw new AppError('BAD_INPUT', `--to: ${to.message}`);
  const body = publicText(options.message);
  if (!body) throw new AppError('BAD_INPUT', 'Nothing would be left to publish once mentions are taken out.');
  const title = publicText(options.title);
  if (!title) throw new AppError('BAD_INPUT', 'The title would be empty once mentions are taken out.');

  const now = clock.now();
  const maintenance = await tx.maintenance.create({
    data: {
      id: newPublicId(),
      number: await nextValue(tx, 'maintenance'),
      title,
      services: options.services,
      status: 'scheduled',
      scheduledFor: from.at,
      scheduledUntil: to.at,
      createdBy: options.actorId,
      createdAt: now,
      updatedAt: now,
      updates: { create: { id: newPublicId(), status: 'scheduled', body, actorId: options.actorId, createdAt: now } },
    },
  });
  await markComponentsPublished(tx, visibleComponents(config), now);
  const notice = noticeOf(maintenance, { step: 'scheduled', status: 'scheduled', body, actorId: options.actorId });
  await enqueue(tx, now, [
    ...maintenanceTimers(maintenance, now),
    ...noticeAndReply(config, options.replyTarget, notice),
  ]);
  return notice;
}
