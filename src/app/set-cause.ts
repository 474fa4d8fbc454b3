import { type CauseTarget, pickCause } from '../domain/changes.ts';
import { AppError } from '../domain/errors.ts';
import { enqueue } from '../jobs/queue.ts';
import { currentMilestone, setMilestone } from '../store/milestones.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom, updateHeader } from './effects.ts';
import { changeFacts } from './record-deploy.ts';
import type { IncidentAction } from './use-case.ts';

// `/incident cause <service>@<version>`: the deploy that triggered the incident, on the timeline
// (earlier choices stay there), in the header and the postmortem; `triggered` is set to when it
// happened unless someone marked it. `cause none` clears it.
export async function setCause(options: IncidentAction & { target: CauseTarget }) {
  const { tx, clock, incident, actorId, target } = options;
  const now = clock.now();
  if (!target) {
    if (!incident.causeChangeId) throw new AppError('CONFLICT', 'No trigger is recorded.');
    await tx.incident.update({ where: { id: incident.id }, data: { causeChangeId: null } });
    await insertTimelineEntry(tx, {
      incidentId: incident.id,
      kind: 'cause',
      text: 'Trigger cleared',
      actorId,
      occurredAt: now,
      recordedAt: now,
      data: { cleared: true },
    });
    await enqueue(tx, now, [
      updateHeader(incident.id),
      postInRoom(incident, { type: 'cause_set', actorId, change: null }),
    ]);
    return null;
  }
  const candidates = await tx.change.findMany({
    where: { service: target.service, version: { startsWith: target.version } },
    orderBy: { occurredAt: 'desc' },
    take: 200,
  });
  const change = pickCause(candidates, target);
  if (!change)
    throw new AppError(
      'NOT_FOUND',
      `No deploy of \`${target.service}@${target.version}\`${target.environment ? ` to ${target.environment}` : ''} was reported. The room's list of changes (and /changes on the web) shows what was.`,
    );
  await tx.incident.update({ where: { id: incident.id }, data: { causeChangeId: change.id } });
  const facts = changeFacts(change);
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'cause',
    text: `Trigger: deploy of ${change.service}@${change.version} to ${change.environment} (${change.status})`,
    actorId,
    occurredAt: now,
    recordedAt: now,
    data: { changeId: change.id, ...facts },
  });
  if (!(await currentMilestone(tx, incident.id, 'triggered')))
    await setMilestone(tx, {
      incidentId: incident.id,
      kind: 'triggered',
      occurredAt: change.occurredAt,
      setBy: actorId,
      source: 'cause',
      now,
    });
  await enqueue(tx, now, [
    updateHeader(incident.id),
    postInRoom(incident, { type: 'cause_set', actorId, change: facts }),
  ]);
  return change;
}
