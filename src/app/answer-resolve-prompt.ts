import { enqueue } from '../jobs/queue.ts';
import { showPromptAnswer } from './effects.ts';
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
  const question = { kind: 'resolve', number: incident.number } as const;
  await enqueue(tx, now, [
    showPromptAnswer(incident.id, promptId, question, action.resolve ? 'resolved' : 'kept open'),
  ]);
}
