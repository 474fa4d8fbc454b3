import { enqueue } from '../jobs/queue.ts';
import type { Prisma } from '../store/generated/client.ts';
import { showPromptAnswer } from './effects.ts';
import { openPrompt } from './open-prompt.ts';
import { publishStatusUpdate } from './publish-status-update.ts';
import type { IncidentAction } from './use-case.ts';

export type AnswerStatuspagePromptOptions = IncidentAction & { promptId: string; publish: boolean };

const RESOLVED_MESSAGE = 'This incident has been resolved.';

// The incident ended while its public incident is open: ask whether to tell customers.
export async function askToPublishResolved(tx: Prisma.TransactionClient, incidentId: string, now: Date) {
  const open = await tx.publicIncident.findFirst({ where: { incidentId, resolvedAt: null } });
  if (!open) return;
  await enqueue(tx, now, [{ kind: 'statuspage.ask_resolve', incidentId, payload: { incidentId } }]);
}

// [Post "resolved"] publishes like `/incident statuspage --status resolved` (same rules, same
// policy); [Not now] is recorded and the status page is left as it is.
export async function answerStatuspagePrompt(action: AnswerStatuspagePromptOptions) {
  const { tx, clock, incident, actorId, promptId } = action;
  await openPrompt(tx, incident.id, promptId, 'statuspage');
  const now = clock.now();
  const answer = action.publish ? 'posted "resolved"' : 'not now';
  if (action.publish)
    await publishStatusUpdate({
      ...action,
      timeGiven: false,
      title: null,
      status: 'resolved',
      components: [],
      impact: null,
      message: RESOLVED_MESSAGE,
    });
  await tx.prompt.update({ where: { id: promptId }, data: { answeredAt: now, answeredBy: actorId, answer } });
  await enqueue(tx, now, [
    showPromptAnswer(incident.id, promptId, { kind: 'statuspage', number: incident.number }, answer),
  ]);
}
