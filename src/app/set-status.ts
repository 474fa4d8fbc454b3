import { askToPublishResolved } from './answer-statuspage-prompt.ts';
import { AppError } from '../domain/errors.ts';
import { incidentRef, isOpenStatus, type STATUSES } from '../domain/incident.ts';
import { MILESTONE_FOR_STATUS, statusSetsMilestone } from '../domain/milestones.ts';
import { enqueue } from '../jobs/queue.ts';
import { currentMilestone, setMilestone } from '../store/milestones.ts';
import { recordStatusChange } from '../store/status-changes.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { announce, postInRoom, updateHeader } from './effects.ts';
import { askToLiftFreezes } from './freeze-prompts.ts';
import { resolveLinkedPages } from './resolve-linked-pages.ts';
import { askSeverityNow, scheduleAllPrompts, stopPrompts } from './prompt-schedule.ts';
import type { IncidentAction } from './use-case.ts';

export type SetStatusOptions = IncidentAction & { status: (typeof STATUSES)[number]; message: string };

// Any status may follow any other; setting one on a resolved incident reopens it.
export async function setStatus({
  tx,
  clock,
  config,
  incident,
  actorId,
  status,
  message,
  occurredAt,
}: SetStatusOptions) {
  const ref = incidentRef(incident.number);
  if (incident.status === 'cancelled')
    throw new AppError('CONFLICT', `${ref} was cancelled. Use \`/incident reopen\` first.`);
  if (incident.status === status) throw new AppError('CONFLICT', `${ref} is already ${status}. Nothing changed.`);
  const now = clock.now();
  await recordStatusChange(tx, { incident, to: status, actorId, occurredAt, recordedAt: now, message });

  const milestone = MILESTONE_FOR_STATUS[status];
  if (milestone) {
    const existing = await currentMilestone(tx, incident.id, milestone);
    const lastReopen = await tx.statusChange.findFirst({
      where: { incidentId: incident.id, fromStatus: { in: ['resolved', 'cancelled'] } },
      orderBy: { occurredAt: 'desc' },
    });
    if (statusSetsMilestone(milestone, existing, lastReopen?.occurredAt ?? null, occurredAt)) {
      await setMilestone(tx, {
        incidentId: incident.id,
        kind: milestone,
        occurredAt,
        setBy: actorId,
        source: 'status',
        now,
      });
    }
  }

  const suffix = message ? `: ${message}` : '';
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'status',
    text: `Status ${incident.status} → ${status}${suffix}`,
    actorId,
    occurredAt,
    recordedAt: now,
    data: { from: incident.status, to: status, message },
  });
  const event = { type: 'status_changed', actorId, from: incident.status, to: status, message } as const;
  const jobs = [updateHeader(incident.id), postInRoom(incident, event)];
  const ended = !isOpenStatus(status);
  const reopened = !isOpenStatus(incident.status);
  if (!incident.isPrivate && (ended || reopened)) jobs.push(announce(incident, event));
  if (ended) {
    await stopPrompts(tx, incident.id);
    await askToLiftFreezes(tx, config, incident, 'resolved', now);
    await resolveLinkedPages(tx, incident.id, now);
    await askToPublishResolved(tx, incident.id, now);
  } else if (reopened) await scheduleAllPrompts(tx, config, incident, now);
  // Going back to investigating suggests the severity may be wrong.
  if (status === 'investigating' && !reopened) await askSeverityNow(tx, incident, 'status_investigating', now);
  await enqueue(tx, now, jobs);
}
