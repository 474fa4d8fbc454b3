import { AppError } from '../domain/errors.ts';
import { incidentRef } from '../domain/incident.ts';
import { enqueue } from '../jobs/queue.ts';
import { resolveQuestion } from '../slack/blocks/resolve-prompt.ts';
import { setStatus } from './set-status.ts';
import type { IncidentAction } from './use-case.ts';

export type AnswerResolvePromptOptions = IncidentAction & { promptId: string; resolve: boolean };

// [Resolve] sets the status like `/incident status resolved`; [Keep it open] is recorded.
export async function answerResolvePrompt(action: AnswerResolvePromptOptions) {
  const { tx, clock, incident, actorId, promptId } = action;
  const prompt = await tx.prompt.findUnique({ where: { id: promptId } });
  if (!prompt || prompt.incidentId !== incident.id || prompt.kind !== 'resolve') throw new AppError('NOT_FOUND', 'That question is not from this incident.');
  if (prompt.answeredAt) throw new AppError('CONFLICT', `<@${prompt.answeredBy}> already answered that (${prompt.answer}).`);
  const now = clock.now();
  await tx.prompt.update({ where: { id: promptId }, data: { answeredAt: now, answeredBy: actorId, answer: action.resolve ? 'resolved' : 'kept open' } });
  if (action.resolve) await setStatus({ ...action, status: 'resolved', message: 'resolved in PagerDuty' });
  const question = resolveQuestion(incidentRef(incident.number));
  await enqueue(tx, now, [{ kind: 'prompt.update_message', incidentId: incident.id, payload: { promptId, question, outcome: action.resolve ? 'resolved' : 'kept open' } }]);
}
