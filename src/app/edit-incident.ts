import { enqueue } from '../jobs/queue.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom, refreshChannel, updateHeader } from './effects.ts';
import type { IncidentAction } from './use-case.ts';

export type EditIncidentOptions = IncidentAction & { field: 'title' | 'summary'; text: string };

export async function editIncident({ tx, clock, incident, actorId, field, text, occurredAt }: EditIncidentOptions) {
  const now = clock.now();
  const previous = incident[field];
  await tx.incident.update({ where: { id: incident.id }, data: { [field]: text } });
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'edited',
    text: `${field === 'title' ? 'Title' : 'Summary'} changed to: ${text}`,
    actorId,
    occurredAt,
    recordedAt: now,
    data: { field, previous, next: text },
  });
  const jobs = [updateHeader(incident.id), postInRoom(incident, { type: 'incident_edited', actorId, field, text })];
  // The channel's purpose repeats the title.
  if (field === 'title') jobs.push(refreshChannel(incident.id));
  await enqueue(tx, now, jobs);
}
