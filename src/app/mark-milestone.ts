import type { MilestoneKind } from '../domain/milestones.ts';
import { enqueue } from '../jobs/queue.ts';
import { currentMilestone, setMilestone } from '../store/milestones.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom } from './effects.ts';
import type { IncidentAction } from './use-case.ts';

export type MarkMilestoneOptions = IncidentAction & { milestone: MilestoneKind; text: string };

// `mark` always sets the milestone, correcting an earlier value; the old one stays as history.
export async function markMilestone({
  tx,
  clock,
  incident,
  actorId,
  occurredAt,
  milestone,
  text,
}: MarkMilestoneOptions) {
  const now = clock.now();
  const previous = await currentMilestone(tx, incident.id, milestone);
  await setMilestone(tx, { incidentId: incident.id, kind: milestone, occurredAt, setBy: actorId, source: 'mark', now });
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'milestone',
    text: `Milestone ${milestone}${previous ? ' (corrected)' : ''}${text ? `: ${text}` : ''}`,
    actorId,
    occurredAt,
    recordedAt: now,
    // `was`: the time it corrects, written by each surface in its own way (domain/timeline.ts).
    data: {
      milestone,
      previous: previous?.occurredAt.toISOString() ?? null,
      was: previous?.occurredAt.toISOString(),
      text,
    },
  });
  await enqueue(tx, now, [
    postInRoom(incident, {
      type: 'milestone_marked',
      actorId,
      milestone,
      at: occurredAt.toISOString(),
      corrected: !!previous,
    }),
  ]);
}
