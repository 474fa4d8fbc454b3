// What the maintenance use cases share: who may act, finding one by its number, its timers, and
// the notice each step sends (to the announcements channel; subscribers hang off the same job).
import type { Config } from '../config/index.ts';
import { AppError } from '../domain/errors.ts';
import type { MaintenanceNotice } from '../domain/events.ts';
import { describePrincipalsOutsideIncidents, isAllowedOutsideIncidents } from '../domain/policy.ts';
import { type MaintenanceStep, stepsFor } from '../domain/status-page/maintenance.ts';
import type { JobSpec } from '../jobs/queue.ts';
import type { Maintenance, Prisma } from '../store/generated/client.ts';
import type { SlackProfile } from './slack-profile.ts';
import type { ReplyTarget } from '../jobs/handlers/room-setup-jobs.ts';
import { replyTo } from './effects.ts';
import { notifySubscribers } from './notify-subscribers.ts';

type Tx = Prisma.TransactionClient;

export type MaintenanceActor = { actorId: string; actorEmail: string | null; profile: SlackProfile | null };

// Maintenance and subscribers belong to no incident: `publish_status` by ids and emails, or any
// member who is not a guest when it names only roles. `doing` ends "Only … may <doing>".
export function checkPublisherOutsideIncidents(
  config: Config,
  actor: MaintenanceActor,
  doing = 'schedule or change maintenance',
) {
  if (!config.file.status_page)
    throw new AppError(
      'NOT_CONFIGURED',
      'There is no status page: add `status_page: { title: "Acme Status" }` to the configuration file.',
    );
  const allowed = config.file.policy.publish_status;
  const who = { id: actor.actorId, email: actor.actorEmail ?? actor.profile?.email ?? null };
  if (!isAllowedOutsideIncidents(allowed, who, actor.profile?.isGuest ?? true))
    throw new AppError('FORBIDDEN', `Only ${describePrincipalsOutsideIncidents(allowed ?? [])} may ${doing}.`);
}

export async function maintenanceByNumber(tx: Tx, number: number): Promise<Maintenance> {
  // Locked, so an update and a timer firing at the same moment take turns.
  const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
    'SELECT id FROM "Maintenance" WHERE number = $1 FOR UPDATE',
    number,
  );
  if (!rows[0])
    throw new AppError('NOT_FOUND', `There is no maintenance ${number}: \`/incident maintenance list\` shows them.`);
  return tx.maintenance.findUniqueOrThrow({ where: { id: rows[0].id } });
}

// The durable timers of one maintenance: each fires once, whichever replica runs it.
export const maintenanceTimers = (m: Maintenance, now: Date): JobSpec[] =>
  stepsFor(m, now).map(({ step, at }) => maintenanceTimer(m.id, step, at));

const maintenanceTimer = (maintenanceId: string, step: MaintenanceStep, runAt: Date): JobSpec => ({
  kind: 'maintenance.step',
  payload: { maintenanceId, step },
  runAt,
  dedupeKey: `maintenance:${maintenanceId}:${step}`,
});

// What is told of one step of a maintenance, as it stands after that step.
export function noticeOf(
  m: Maintenance,
  step: Pick<MaintenanceNotice, 'step' | 'status' | 'body' | 'actorId'>,
): MaintenanceNotice {
  return {
    number: m.number,
    publicId: m.id,
    title: m.title,
    services: m.services,
    scheduledFor: m.scheduledFor.toISOString(),
    scheduledUntil: m.scheduledUntil.toISOString(),
    ...step,
  };
}

// The notice for the channel, and the answer to the person who acted.
export const noticeAndReply = (config: Config, target: ReplyTarget, notice: MaintenanceNotice): JobSpec[] => [
  ...maintenanceNotices(notice),
  replyTo(target, { type: 'maintenance_done', notice, url: config.file.status_page?.url ?? null }),
];

// Each step is told to the announcements channel and to the status page's subscribers.
export const maintenanceNotices = (notice: MaintenanceNotice): JobSpec[] => [
  { kind: 'maintenance.notice', payload: { notice } },
  notifySubscribers({ kind: 'maintenance', notice }),
];
