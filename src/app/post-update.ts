import { enqueue } from '../jobs/queue.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { announce, postInRoom } from './effects.ts';
import { scheduleNudge } from './prompt-schedule.ts';
import type { IncidentAction } from './use-case.ts';

export type PostUpdateOptions = IncidentAction & { text: string };

// A comms update: on the timeline, in the room, and (unless private) in the announcements channel.
export async function postUpdate({ tx, clock, config, incident, actorId, text, occurredAt }: PostUpdateOptions) {
  const now = clock.now();
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'update',
    text,
    actorId,
    occurredAt,
    recordedAt: now,
  });
  const event = {
    type: 'update_posted',
    actorId,
    text,
    severity: incident.severity,
    status: incident.status,
  } as const;
  const jobs = [postInRoom(incident, event)];
  if (!incident.isPrivate) jobs.push(announce(incident, event));
  // An update is what the comms nudge asks for: it answers any open nudge and resets the timer.
  await tx.prompt.updateMany({
    where: { incidentId: incident.id, kind: 'nudge', answeredAt: null },
    data: { answeredAt: now, answeredBy: actorId, answer: 'update' },
  });
  await scheduleNudge(tx, config, incident, now);
  await enqueue(tx, now, jobs);
}
