import type { ReplyTarget } from '../jobs/handlers/room-setup-jobs.ts';
import type { Clock } from '../domain/clock.ts';
import { incidentRef } from '../domain/incident.ts';
import { enqueue } from '../jobs/queue.ts';
import { showSuspects } from './suspects.ts';
import type { Config } from '../config/index.ts';
import { nextValue } from '../store/counters.ts';
import { askSeverityNow, scheduleAllPrompts } from './prompt-schedule.ts';
import { enterSeverity } from './severity-effects.ts';
import type { Prisma } from '../store/generated/client.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { rememberServices } from './service-names.ts';

export type DeclareIncidentOptions = {
  title: string;
  summary?: string;
  severity: string | null;
  services: string[];
  isPrivate: boolean;
  isDrill: boolean;
  declaredBy: string;
  // Declared after the fact (`--at`): when it really was declared.
  declaredAt?: Date;
  // Default the declarer; null for none (a room opened by a PagerDuty webhook).
  commander?: string | null;
  // Where to tell the declarer which channel was opened.
  reply?: ReplyTarget;
  // Opened from a PagerDuty incident: linked before the level's pages, so it is not paged twice.
  linkedPage?: { service: string; incidentKey: string; pdIncidentId: string; pdUrl: string };
};

// Records a new incident and queues the opening of its room. Runs inside the caller's transaction.
export async function declareIncident(
  tx: Prisma.TransactionClient,
  clock: Clock,
  config: Config,
  options: DeclareIncidentOptions,
) {
  const recordedAt = clock.now();
  const now = options.declaredAt ?? recordedAt;
  const number = await nextValue(tx, 'incident');
  await rememberServices(tx, config, options.services, recordedAt);
  const commander = options.commander === null ? null : (options.commander ?? options.declaredBy);
  const incident = await tx.incident.create({
    data: {
      number,
      title: options.title,
      summary: options.summary ?? '',
      severity: options.severity,
      status: 'investigating',
      isPrivate: options.isPrivate,
      isDrill: options.isDrill,
      services: options.services,
      declaredBy: options.declaredBy,
      declaredAt: now,
      participants: {
        create: [...new Set([options.declaredBy, ...(commander ? [commander] : [])])].map((userId) => ({ userId })),
      },
      ...(commander
        ? {
            roles: {
              create: { role: 'commander', userId: commander, assignedBy: options.declaredBy, assignedAt: now },
            },
          }
        : {}),
      statusChanges: {
        create: { toStatus: 'investigating', changedBy: options.declaredBy, occurredAt: now, recordedAt },
      },
      milestones: {
        create: { kind: 'declared', occurredAt: now, setBy: options.declaredBy, setAt: recordedAt, source: 'declare' },
      },
      ...(options.severity
        ? {
            severityChanges: {
              create: { toLevel: options.severity, changedBy: options.declaredBy, occurredAt: now, recordedAt },
            },
          }
        : {}),
    },
  });
  const label = [
    options.isDrill ? 'DRILL ' : '',
    incidentRef(number),
    options.severity ? ` (${options.severity})` : '',
  ].join('');
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'declared',
    text: `${label} declared: ${options.title}`,
    actorId: options.declaredBy,
    occurredAt: now,
    recordedAt,
    data: { severity: options.severity, services: options.services, commander },
  });
  const linked = options.linkedPage;
  if (linked) {
    await tx.page.create({
      data: { incidentId: incident.id, target: linked.service, ...linked, status: 'triggered', createdAt: recordedAt },
    });
  }
  // Without a severity the room asks for one at once; with one, the level's cadences start.
  if (options.severity) {
    await enterSeverity(tx, config, incident, options.severity, options.declaredBy, now);
    await scheduleAllPrompts(tx, config, incident, recordedAt);
  } else await askSeverityNow(tx, incident, 'declared_without_severity', recordedAt);
  await enqueue(tx, recordedAt, [
    {
      kind: 'slack.create_channel',
      incidentId: incident.id,
      payload: { incidentId: incident.id, reply: options.reply ?? null },
    },
    ...(options.services.length ? [showSuspects(incident.id, options.services)] : []),
  ]);
  return incident;
}
