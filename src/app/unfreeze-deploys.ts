import { AppError } from '../domain/errors.ts';
import { describeScope } from '../domain/freeze.ts';
import { incidentRef } from '../domain/incident.ts';
import { describePrincipals, isAllowed } from '../domain/policy.ts';
import { enqueue, type JobSpec } from '../jobs/queue.ts';
import { activeFreezeWhere } from '../store/freezes.ts';
import type { Freeze } from '../store/generated/client.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { announce, updateHeader } from './effects.ts';
import { postAboutFreeze, type FreezeTarget } from './freeze-deploys.ts';
import { settleFreezePrompts } from './freeze-prompts.ts';
import { rolesHeldBy } from './incident-in-channel.ts';

export type UnfreezeDeploysOptions = FreezeTarget & { occurredAt: Date; services: string[] | null };

// Who may lift or except a freeze: the policy (roles of the incident, people), and for a freeze
// outside any incident also whoever set it.
export function checkFreezePolicy(
  target: FreezeTarget,
  principals: readonly string[],
  freezes: Pick<Freeze, 'createdBy'>[],
  what: string,
) {
  const actor = { id: target.actorId, email: target.actorEmail };
  const roles = target.incident ? rolesHeldBy(target.incident, target.actorId) : [];
  const ownsThem = !target.incident && freezes.every((f) => f.createdBy === target.actorId);
  if (ownsThem || isAllowed(principals, actor, roles)) return;
  const who = `${describePrincipals(principals)}${target.incident ? '' : ' or whoever set the freeze'}`;
  throw new AppError('FORBIDDEN', `Only ${who} may ${what}.`);
}

// Lifts the freezes of the incident (or outside any incident); with services named, only those
// services are taken out of the freezes' scope.
export async function unfreezeDeploys(options: UnfreezeDeploysOptions) {
  const { tx, clock, config, incident, actorId, occurredAt, services } = options;
  const now = clock.now();
  const ref = incident ? incidentRef(incident.number) : null;
  const active = await tx.freeze.findMany({
    where: { incidentId: incident?.id ?? null, ...activeFreezeWhere(now) },
    orderBy: { startedAt: 'asc' },
  });
  if (!active.length)
    throw new AppError(
      'CONFLICT',
      ref
        ? `${ref} has no active freeze. Nothing changed.`
        : 'No freeze outside an incident is active. Nothing changed.',
    );
  checkFreezePolicy(options, config.file.policy.lift_freeze, active, 'lift the freeze');

  const changes: string[] = [];
  for (const freeze of active) {
    if (services && !freeze.services.length) {
      throw new AppError(
        'CONFLICT',
        `The freeze of ${describeScope(freeze)} covers every service. Lift it with \`/incident unfreeze${incident ? '' : ' --global'}\`, then freeze the services that must stay frozen.`,
      );
    }
    const remaining = services ? freeze.services.filter((s) => !services.includes(s)) : [];
    if (services && remaining.length === freeze.services.length) continue;
    if (remaining.length) {
      await tx.freeze.update({ where: { id: freeze.id }, data: { services: remaining } });
      changes.push(
        `${freeze.services.filter((s) => !remaining.includes(s)).join(', ')} unfrozen (still frozen: ${describeScope({ ...freeze, services: remaining })})`,
      );
    } else {
      await tx.freeze.update({ where: { id: freeze.id }, data: { liftedAt: occurredAt, liftedBy: actorId } });
      changes.push(`freeze of ${describeScope(freeze)} lifted`);
    }
  }
  if (!changes.length)
    throw new AppError(
      'CONFLICT',
      `None of ${services!.join(', ')} is frozen${ref ? ` by ${ref}` : ''}. Nothing changed.`,
    );

  const text = `Deploys unfrozen: ${changes.join('; ')}`;
  const event = { type: 'deploys_unfrozen', actorId, summary: text } as const;
  const jobs: JobSpec[] = [postAboutFreeze(incident, options.channelId, event)];
  if (incident) {
    await insertTimelineEntry(tx, {
      incidentId: incident.id,
      kind: 'unfreeze',
      text,
      actorId,
      occurredAt,
      recordedAt: now,
      data: { services },
    });
    jobs.push(updateHeader(incident.id));
    await settleFreezePrompts(tx, incident, actorId, 'lifted', now);
  }
  if (!incident?.isPrivate) jobs.push(announce(incident, event));
  await enqueue(tx, now, jobs);
}
