import { resolveDue, type ItemFields } from '../domain/commands/postmortem-commands.ts';
import { AppError } from '../domain/errors.ts';
import { enqueue } from '../jobs/queue.ts';
import { postInRoom } from './effects.ts';
import { tellRoomIfAllDone } from './action-items-done.ts';
import { calendarDate, itemFacts } from './add-action-item.ts';
import type { IncidentAction } from './use-case.ts';

type ItemAction = IncidentAction & { seq: number };

async function itemOf({ tx, incident, seq }: ItemAction) {
  const item = await tx.actionItem.findUnique({ where: { incidentId_seq: { incidentId: incident.id, seq } } });
  if (!item || item.state === 'removed')
    throw new AppError('NOT_FOUND', `There is no action item #${seq} here. \`/incident actions\` lists them.`);
  return item;
}

const STATE = { done: 'done', reopen: 'open', remove: 'removed' } as const;

// done, reopen, remove. An item already filed in Linear keeps its issue there; Linear's own state
// flows back on its own.
export async function changeActionItemState(options: ItemAction & { op: 'done' | 'reopen' | 'remove' }) {
  const { tx, clock, incident, actorId, seq, op } = options;
  const item = await itemOf(options);
  if (item.state === STATE[op]) throw new AppError('CONFLICT', `Action item #${seq} is already ${item.state}.`);
  const now = clock.now();
  await tx.actionItem.update({ where: { id: item.id }, data: { state: STATE[op] } });
  await enqueue(tx, now, [postInRoom(incident, { type: 'action_item_state', actorId, op, seq, text: item.text })]);
  if (op !== 'reopen') await tellRoomIfAllDone(tx, clock, incident.id);
}

export async function editActionItem(options: ItemAction & ItemFields & { text: string | null }) {
  const { tx, clock, incident, actorId } = options;
  const item = await itemOf(options);
  const now = clock.now();
  const updated = await tx.actionItem.update({
    where: { id: item.id },
    data: {
      ...(options.text ? { text: options.text } : {}),
      ...(options.ownerId ? { ownerId: options.ownerId } : {}),
      ...(options.priority ? { priority: options.priority } : {}),
      ...(options.due ? { dueDate: calendarDate(resolveDue(options.due, now)) } : {}),
      ...(options.theme ? { theme: options.theme } : {}),
    },
  });
  await enqueue(tx, now, [
    postInRoom(incident, {
      type: 'action_item_edited',
      actorId,
      item: itemFacts(updated),
      alreadyFiled: item.filing === 'filed',
    }),
  ]);
}
