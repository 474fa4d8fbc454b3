import type { Clock } from '../domain/clock.ts';
import { itemStateOf, type LinearIssueUpdate } from '../domain/linear-webhook.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import { postInRoom } from './effects.ts';

export type LinearApplied = 'applied' | 'stale' | 'unknown';

// A Linear issue changed (webhook): its action item follows its state, assignee (when the email is
// a Slack user the bot knows) and due date, unless what it holds is newer (a late retry, or a poll
// that got there first). When the incident's last open item is done, its room is told once.
export async function applyLinearIssue(db: Db, clock: Clock, update: LinearIssueUpdate): Promise<LinearApplied> {
  return db.$transaction(async (tx) => {
    const item = await tx.actionItem.findUnique({ where: { linearIssueId: update.issueId } });
    if (!item || item.state === 'removed') return 'unknown';
    if (item.linearUpdatedAt && item.linearUpdatedAt.getTime() >= update.updatedAt.getTime()) return 'stale';
    const state = itemStateOf(update);
    const owner = update.assigneeEmail
      ? await tx.slackUser.findFirst({ where: { email: { equals: update.assigneeEmail, mode: 'insensitive' } } })
      : null;
    await tx.actionItem.update({
      where: { id: item.id },
      data: {
        linearUpdatedAt: update.updatedAt,
        ...(state ? { linearState: state.label, state: state.state } : {}),
        ...(owner ? { ownerId: owner.id } : {}),
        ...(update.removed ? {} : { dueDate: update.dueDate ? new Date(`${update.dueDate}T00:00:00Z`) : null }),
      },
    });
    const lastDone =
      state?.state === 'done' &&
      !(await tx.actionItem.count({ where: { incidentId: item.incidentId, state: 'open' } }));
    if (lastDone) {
      const told = await tx.incident.updateMany({
        where: { id: item.incidentId, actionItemsDoneAt: null },
        data: { actionItemsDoneAt: clock.now() },
      });
      if (told.count) {
        const incident = await tx.incident.findUniqueOrThrow({ where: { id: item.incidentId } });
        await enqueue(tx, clock.now(), [postInRoom(incident, { type: 'action_items_done' })]);
      }
    }
    return 'applied';
  });
}
