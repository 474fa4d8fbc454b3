import type { Clock } from '../domain/clock.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Prisma } from '../store/generated/client.ts';
import { postInRoom } from './effects.ts';

// Called after an item of the incident was closed (a command, a button, Linear): when none is left
// open, the room is told, once in the incident's life (reopening an item does not arm it again).
export async function tellRoomIfAllDone(tx: Prisma.TransactionClient, clock: Clock, incidentId: string) {
  if (await tx.actionItem.count({ where: { incidentId, state: 'open' } })) return;
  const told = await tx.incident.updateMany({
    where: { id: incidentId, actionItemsDoneAt: null },
    data: { actionItemsDoneAt: clock.now() },
  });
  if (!told.count) return;
  const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
  await enqueue(tx, clock.now(), [postInRoom(incident, { type: 'action_items_done' })]);
}
