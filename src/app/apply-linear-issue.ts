import type { Clock } from '../domain/clock.ts';
import { itemStateOf, type LinearIssueUpdate } from '../domain/linear-webhook.ts';
import { enqueue, type JobSpec } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import type { Prisma } from '../store/generated/client.ts';
import { tellRoomIfAllDone } from './action-items-done.ts';

export type LinearApplied = 'applied' | 'stale' | 'unknown';

// A Linear issue changed (webhook): see applyIssueIn.
export function applyLinearIssue(db: Db, clock: Clock, update: LinearIssueUpdate): Promise<LinearApplied> {
  return db.$transaction((tx) => applyIssueIn(tx, clock, update));
}

// An action item follows its issue (a webhook or the poll): state, owner (a Slack user with the
// assignee's email) and due date, unless what it holds is newer (a late retry, or a poll that got
// there first). When the incident's last open item is done, its room is told once.
export async function applyIssueIn(
  tx: Prisma.TransactionClient,
  clock: Clock,
  update: LinearIssueUpdate,
): Promise<LinearApplied> {
  const item = await tx.actionItem.findUnique({ where: { linearIssueId: update.issueId } });
  if (!item || item.state === 'removed') return 'unknown';
  if (item.linearUpdatedAt && item.linearUpdatedAt.getTime() >= update.updatedAt.getTime()) return 'stale';
  const state = itemStateOf(update, item.linearKey);
  const email = update.assigneeEmail;
  const owner = email
    ? await tx.slackUser.findFirst({ where: { email: { equals: email, mode: 'insensitive' } } })
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
  // An assignee the bot has not met yet: Slack is asked who has that email, outside the transaction.
  if (email && !owner) await enqueue(tx, clock.now(), [findOwner(item.id, email, update.updatedAt)]);
  if (state?.state === 'done') await tellRoomIfAllDone(tx, clock, item.incidentId);
  return 'applied';
}

export type FindOwnerPayload = { itemId: string; email: string; updatedAt: string };

const findOwner = (itemId: string, email: string, updatedAt: Date): JobSpec => ({
  kind: 'linear.find_owner',
  payload: { itemId, email, updatedAt: updatedAt.toISOString() } satisfies FindOwnerPayload,
});

// The Slack user found for an assignee's email: the item takes them as owner unless a newer
// Linear update has arrived since (it would have queued its own lookup).
export async function setOwnerFound(
  tx: Prisma.TransactionClient,
  payload: FindOwnerPayload,
  user: { id: string; email: string; tz: string | null; name: string | null; isGuest: boolean },
  now: Date,
) {
  await tx.slackUser.upsert({
    where: { id: user.id },
    create: { ...user, fetchedAt: now },
    update: { email: user.email, tz: user.tz, name: user.name, isGuest: user.isGuest, fetchedAt: now },
  });
  await tx.actionItem.updateMany({
    where: { id: payload.itemId, linearUpdatedAt: new Date(payload.updatedAt) },
    data: { ownerId: user.id },
  });
}
