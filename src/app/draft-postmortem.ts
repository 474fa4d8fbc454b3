import { resolveDue, type DueDate } from '../domain/commands/postmortem-commands.ts';
import { enqueue, type JobSpec } from '../jobs/queue.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { calendarDate } from './add-action-item.ts';
import { postInRoom } from './effects.ts';
import type { IncidentAction } from './use-case.ts';

export type DraftPostmortemOptions = IncidentAction & { ownerId: string | null; due: DueDate | null };

// Records the postmortem's owner and due date when given, then drafts it from the record as it is
// when the job runs and posts it in the room (regenerate any time by running it again).
export async function draftPostmortem({
  tx,
  clock,
  incident,
  actorId,
  occurredAt,
  ownerId,
  due,
}: DraftPostmortemOptions) {
  const now = clock.now();
  const jobs: JobSpec[] = [];
  if (ownerId || due) {
    const dueDate = due ? resolveDue(due, now) : null;
    await tx.incident.update({
      where: { id: incident.id },
      data: {
        ...(ownerId ? { postmortemOwner: ownerId } : {}),
        ...(dueDate ? { postmortemDue: calendarDate(dueDate) } : {}),
      },
    });
    const what = [ownerId ? `owner <@${ownerId}>` : null, dueDate ? `due ${dueDate}` : null].filter(Boolean).join(', ');
    await insertTimelineEntry(tx, {
      incidentId: incident.id,
      kind: 'postmortem',
      text: `Postmortem ${what}`,
      actorId,
      occurredAt,
      recordedAt: now,
      data: { ownerId, dueDate },
    });
    jobs.push(postInRoom(incident, { type: 'postmortem_details_set', actorId, ownerId, due: dueDate }));
  }
  jobs.push({
    kind: 'postmortem.post',
    incidentId: incident.id,
    payload: { incidentId: incident.id, requestedBy: actorId },
  });
  await enqueue(tx, now, jobs);
}
