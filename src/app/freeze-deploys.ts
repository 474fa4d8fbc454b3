import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import { AppError } from '../domain/errors.ts';
import type { IncidentEvent } from '../domain/events.ts';
import { describeScope } from '../domain/freeze.ts';
import { incidentRef, isOpenStatus } from '../domain/incident.ts';
import { enqueue, type JobSpec } from '../jobs/queue.ts';
import type { Prisma } from '../store/generated/client.ts';
import { announce, postInChannel, postInRoom, updateHeader } from './effects.ts';
import { alreadyFrozen, createFreeze } from './freeze-records.ts';
import type { IncidentWithRoles } from './incident-in-channel.ts';
import { rememberServices } from './service-names.ts';

export type FreezeTarget = {
  tx: Prisma.TransactionClient;
  clock: Clock;
  config: Config;
  // The incident whose room the command ran in; null for a freeze outside any incident (--global).
  incident: IncidentWithRoles | null;
  channelId: string;
  actorId: string;
  actorEmail: string | null;
};

export type FreezeDeploysOptions = FreezeTarget & {
  occurredAt: Date;
  // null: the incident's services (all services when it names none, or outside an incident).
  services: string[] | null;
  environments: string[];
  forMs: number | null;
  reason: string;
};

// Where a freeze's messages go: its incident's room, or the channel a freeze outside one was set in.
export const postAboutFreeze = (
  incident: IncidentWithRoles | null,
  channelId: string,
  event: IncidentEvent,
): JobSpec => (incident ? postInRoom(incident, event) : postInChannel(channelId, event));

export async function freezeDeploys(options: FreezeDeploysOptions) {
  const { tx, clock, config, incident, actorId, occurredAt } = options;
  const now = clock.now();
  const ref = incident ? incidentRef(incident.number) : null;
  if (incident?.isDrill)
    throw new AppError(
      'CONFLICT',
      `${ref} is a drill, and drills freeze nothing. For a real freeze use \`/incident freeze --global\`.`,
    );
  if (incident && !isOpenStatus(incident.status))
    throw new AppError(
      'CONFLICT',
      `${ref} is ${incident.status}. Reopen it first, or use \`--global\` for a freeze outside it.`,
    );

  const scope = { services: options.services ?? incident?.services ?? [], environments: options.environments };
  if (await alreadyFrozen(tx, incident?.id ?? null, scope, now)) {
    throw new AppError(
      'CONFLICT',
      `Deploys of ${describeScope(scope)} are already frozen${ref ? ` by ${ref}` : ''}. Nothing changed.`,
    );
  }
  const expiresAt = options.forMs ? new Date(now.getTime() + options.forMs) : null;
  await rememberServices(tx, config, options.services ?? [], now);
  await createFreeze(tx, config, {
    incidentId: incident?.id ?? null,
    channelId: incident ? null : options.channelId,
    ...scope,
    reason: options.reason,
    createdBy: actorId,
    startedAt: occurredAt,
    expiresAt,
    now,
  });

  const event = {
    type: 'deploys_frozen',
    actorId,
    scope,
    until: expiresAt?.toISOString() ?? null,
    reason: options.reason,
  } as const;
  const jobs: JobSpec[] = [postAboutFreeze(incident, options.channelId, event)];
  if (incident) jobs.push(updateHeader(incident.id));
  if (!incident?.isPrivate) jobs.push(announce(incident, event));
  await enqueue(tx, now, jobs);
}
