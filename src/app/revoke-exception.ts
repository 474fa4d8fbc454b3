import { AppError } from '../domain/errors.ts';
import { incidentRef } from '../domain/incident.ts';
import { enqueue, type JobSpec } from '../jobs/queue.ts';
import { activeFreezeWhere } from '../store/freezes.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { updateHeader } from './effects.ts';
import { postAboutFreeze, type FreezeTarget } from './freeze-deploys.ts';
import { checkFreezePolicy } from './unfreeze-deploys.ts';

export type RevokeExceptionOptions = FreezeTarget & { occurredAt: Date; service: string; version: string };

// Ends a break-glass exception before it expires (granted by mistake, or the fix is out).
export async function revokeException(options: RevokeExceptionOptions) {
  const { tx, clock, config, incident, actorId, occurredAt, service, version } = options;
  const now = clock.now();
  const freezes = await tx.freeze.findMany({
    where: { incidentId: incident?.id ?? null, ...activeFreezeWhere(now) },
    select: { id: true, createdBy: true },
  });
  const live = await tx.freezeException.findMany({
    where: { freezeId: { in: freezes.map((f) => f.id) }, service, version, revokedAt: null, expiresAt: { gt: now } },
  });
  const target = `${service}@${version}`;
  if (!live.length)
    throw new AppError(
      'NOT_FOUND',
      `No exception for ${target} is in force${incident ? ` in ${incidentRef(incident.number)}` : ''}. Nothing changed.`,
    );
  checkFreezePolicy(options, config.file.policy.grant_exception, freezes, 'revoke exceptions to the freeze');
  await tx.freezeException.updateMany({
    where: { id: { in: live.map((e) => e.id) } },
    data: { revokedAt: occurredAt },
  });
  const event = { type: 'exception_revoked', actorId, service, version } as const;
  const jobs: JobSpec[] = [postAboutFreeze(incident, options.channelId, event)];
  if (incident) {
    await insertTimelineEntry(tx, {
      incidentId: incident.id,
      kind: 'exception_revoked',
      text: `Exception revoked: ${target}`,
      actorId,
      occurredAt,
      recordedAt: now,
      data: { service, version },
    });
    jobs.push(updateHeader(incident.id));
  }
  await enqueue(tx, now, jobs);
}
