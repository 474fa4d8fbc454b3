import { askToPublishResolved } from './answer-statuspage-prompt.ts';
import { AppError } from '../domain/errors.ts';
import { incidentRef, isOpenStatus } from '../domain/incident.ts';
import { describePrincipals, isAllowed } from '../domain/policy.ts';
import { enqueue } from '../jobs/queue.ts';
import { recordStatusChange } from '../store/status-changes.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { announce, postInRoom, updateHeader } from './effects.ts';
import { askToLiftFreezes } from './freeze-prompts.ts';
import { resolveLinkedPages } from './resolve-linked-pages.ts';
import { scheduleAllPrompts, stopPrompts } from './prompt-schedule.ts';
import { rolesHeldBy } from './incident-in-channel.ts';
import type { IncidentAction } from './use-case.ts';

export type CancelIncidentOptions = IncidentAction & { reason: string };

// A false alarm or a declined incident: kept on record, left out of figures.
export async function cancelIncident({
  tx,
  clock,
  config,
  incident,
  actorId,
  reason,
  occurredAt,
}: CancelIncidentOptions) {
  const ref = incidentRef(incident.number);
  if (!isOpenStatus(incident.status)) throw new AppError('CONFLICT', `${ref} is already ${incident.status}.`);
  const now = clock.now();
  await recordStatusChange(tx, { incident, to: 'cancelled', actorId, occurredAt, recordedAt: now, message: reason });
  const why = reason ? `: ${reason}` : '';
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'cancelled',
    text: `Cancelled${why}`,
    actorId,
    occurredAt,
    recordedAt: now,
  });
  const event = { type: 'cancelled', actorId, reason } as const;
  const jobs = [updateHeader(incident.id), postInRoom(incident, event)];
  if (!incident.isPrivate) jobs.push(announce(incident, event));
  await stopPrompts(tx, incident.id);
  await askToLiftFreezes(tx, config, incident, 'cancelled', now);
  await resolveLinkedPages(tx, incident.id, now);
  await askToPublishResolved(tx, incident.id, now);
  await enqueue(tx, now, jobs);
}

export type ReopenIncidentOptions = IncidentAction & { reason: string };

export async function reopenIncident({
  tx,
  clock,
  config,
  incident,
  actorId,
  actorEmail,
  reason,
  occurredAt,
}: ReopenIncidentOptions) {
  const ref = incidentRef(incident.number);
  if (isOpenStatus(incident.status)) throw new AppError('CONFLICT', `${ref} is still open (${incident.status}).`);
  const allowed = config.file.policy.reopen;
  if (!isAllowed(allowed, { id: actorId, email: actorEmail }, rolesHeldBy(incident, actorId))) {
    throw new AppError('FORBIDDEN', `Only ${describePrincipals(allowed!)} may reopen ${ref}.`);
  }
  const now = clock.now();
  await recordStatusChange(tx, {
    incident,
    to: 'investigating',
    actorId,
    occurredAt,
    recordedAt: now,
    message: reason,
  });
  const why = reason ? `: ${reason}` : '';
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'reopened',
    text: `Reopened${why}`,
    actorId,
    occurredAt,
    recordedAt: now,
  });
  const event = { type: 'reopened', actorId, reason } as const;
  const jobs = [updateHeader(incident.id), postInRoom(incident, event)];
  if (!incident.isPrivate) jobs.push(announce(incident, event));
  await scheduleAllPrompts(tx, config, incident, now);
  await enqueue(tx, now, jobs);
}
