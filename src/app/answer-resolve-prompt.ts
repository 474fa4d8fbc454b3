import { incidentRef } from '../domain/incident.ts';
import { enqueue } from '../jobs/queue.ts';
import { resolveQuestion } from '../slack/blocks/resolve-prompt.ts';
import { openPrompt } from './open-prompt.ts';
import { setStatus } from './set-status.ts';
import type { IncidentAction } from './use-case.ts';

export type AnswerResolvePromptOptions = IncidentAction & { promptId: string; resolve: boolean };

// [Resolve] sets the status like `/incident status resolved`; [Keep it open] is recorded.
export async function answerResolvePrompt(action: AnswerResolvePromptOptions) {
  const { tx, clock, incident, actorId, promptId } = action;
  await openPrompt(tx, incident.id, promptId, 'resolve');
  const now = clock.now();
  await tx.prompt.update({
    where: { id: promptId },
    data: { answeredAt: now, answeredBy: actorId, answer: action.resolve ? 'resolved' : 'kept open' },
  });
  if (action.resolve) await setStatus({ ...action, status: 'resolved', message: 'resolved in PagerDuty' });
  const question = resolveQuestion(incidentRef(incident.number));
  await enqueue(tx, now, [
    {
      kind: 'prompt.update_message',
      incidentId: incident.id,
      payload: { promptId, question, outcome: action.resolve ? 'resolved' : 'kept open' },
    },
  ]);
}
