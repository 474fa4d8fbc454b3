import { AppError } from '../domain/errors.ts';
import { isOpenStatus } from '../domain/incident.ts';
import { enqueue } from '../jobs/queue.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom } from './effects.ts';
import type { IncidentAction } from './use-case.ts';

// `/incident postmortem done`: the postmortem is finished (on the timeline); its owner is no
// longer reminded of it.
export async function finishPostmortem({ tx, clock, incident, actorId, occurredAt }: IncidentAction) {
  if (isOpenStatus(incident.status))
    throw new AppError('CONFLICT', 'The incident is still open: resolve it before finishing its postmortem.');
  if (incident.postmortemDoneAt)
    throw new AppError(
      'CONFLICT',
      `The postmortem was already marked done by <@${incident.postmortemDoneBy}> on ${incident.postmortemDoneAt.toISOString().slice(0, 10)}.`,
    );
  const now = clock.now();
  await tx.incident.update({ where: { id: incident.id }, data: { postmortemDoneAt: now, postmortemDoneBy: actorId } });
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'postmortem',
    text: 'Postmortem finished',
    actorId,
    occurredAt,
    recordedAt: now,
    data: { done: true },
  });
  await enqueue(tx, now, [postInRoom(incident, { type: 'postmortem_done', actorId })]);
}
