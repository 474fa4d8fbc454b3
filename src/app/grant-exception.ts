import { AppError } from '../domain/errors.ts';
import { DEFAULT_EXCEPTION_MS } from '../domain/freeze.ts';
import { incidentRef } from '../domain/incident.ts';
import { enqueue, type JobSpec } from '../jobs/queue.ts';
import { activeFreezeWhere } from '../store/freezes.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { updateHeader } from './effects.ts';
import { postAboutFreeze, type FreezeTarget } from './freeze-deploys.ts';
import { checkFreezePolicy } from './unfreeze-deploys.ts';
import { rememberServices } from './service-names.ts';

export type GrantExceptionOptions = FreezeTarget & {
  occurredAt: Date;
  service: string;
  version: string;
  reason: string;
  forMs: number | null;
};

// Break-glass: this version of this service passes the gate, however often CI asks, until the
// exception expires (default 1 hour) or the freeze ends. Recorded with who and why.
export async function grantException(options: GrantExceptionOptions) {
  const { tx, clock, config, incident, actorId, occurredAt, service, version, reason } = options;
  const now = clock.now();
  const ref = incident ? incidentRef(incident.number) : null;
  const freezes = await tx.freeze.findMany({
    where: {
      incidentId: incident?.id ?? null,
      AND: [activeFreezeWhere(now), { OR: [{ services: { isEmpty: true } }, { services: { has: service } }] }],
    },
  });
  if (!freezes.length) {
    const elsewhere = ref ? ` by ${ref}` : ' outside an incident';
    throw new AppError(
      'CONFLICT',
      `${service} is not frozen${elsewhere}, so the gate already lets it through. Nothing recorded.`,
    );
  }
  checkFreezePolicy(options, config.file.policy.grant_exception, freezes, 'grant exceptions to the freeze');
  const expiresAt = new Date(now.getTime() + (options.forMs ?? DEFAULT_EXCEPTION_MS));
  await rememberServices(tx, config, [service], now);
  await tx.freezeException.createMany({
    data: freezes.map((f) => ({
      freezeId: f.id,
      service,
      version,
      reason,
      grantedBy: actorId,
      grantedAt: occurredAt,
      expiresAt,
    })),
  });
  const target = `${service}@${version}`;
  const until = expiresAt.toISOString();
  const event = { type: 'exception_granted', actorId, service, version, until, reason } as const;
  const jobs: JobSpec[] = [postAboutFreeze(incident, options.channelId, event)];
  if (incident) {
    await insertTimelineEntry(tx, {
      incidentId: incident.id,
      kind: 'exception',
      text: `Exception: ${target} may deploy for a set time: ${reason}`,
      actorId,
      occurredAt,
      recordedAt: now,
      data: { service, version, reason, expiresAt: until, until, freezeIds: freezes.map((f) => f.id) },
    });
    jobs.push(updateHeader(incident.id));
  }
  await enqueue(tx, now, jobs);
}
