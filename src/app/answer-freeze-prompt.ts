import { enqueue } from '../jobs/queue.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { showPromptAnswer } from './effects.ts';
import { openPrompt } from './open-prompt.ts';
import { unfreezeDeploys } from './unfreeze-deploys.ts';
import type { IncidentAction } from './use-case.ts';

export type AnswerFreezePromptOptions = IncidentAction & { promptId: string; lift: boolean };

// [Lift the freeze] is `/incident unfreeze` (same policy); [Keep it frozen] is recorded, and the
// reminders carry on.
export async function answerFreezePrompt(action: AnswerFreezePromptOptions) {
  const { tx, clock, incident, actorId, promptId } = action;
  await openPrompt(tx, incident.id, promptId, 'freeze');
  if (action.lift) return unfreezeDeploys({ ...action, channelId: action.replyTarget.channelId, services: null });
  const now = clock.now();
  await tx.prompt.update({ where: { id: promptId }, data: { answeredAt: now, answeredBy: actorId, answer: 'kept' } });
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'freeze_kept',
    text: 'Freeze kept',
    actorId,
    occurredAt: now,
    recordedAt: now,
    data: { promptId },
  });
  const question = { kind: 'freeze', number: incident.number } as const;
  await enqueue(tx, now, [showPromptAnswer(incident.id, promptId, question, 'kept frozen')]);
}
