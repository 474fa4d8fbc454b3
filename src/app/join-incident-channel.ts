import type { Clock } from '../domain/clock.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import { addParticipant } from '../store/participants.ts';

export type JoinIncidentChannelOptions = { db: Db; clock: Clock; channelId: string; userId: string };

// Someone who joins an incident channel is a participant (private incidents show to them) and is
// sent a private catch-up. Returns false when the channel is not an incident's.
export async function joinIncidentChannel({ db, clock, channelId, userId }: JoinIncidentChannelOptions) {
  const incident = await db.incident.findUnique({ where: { channelId }, select: { id: true } });
  if (!incident) return false;
  await db.$transaction(async (tx) => {
    await addParticipant(tx, incident.id, userId);
    const catchUp = { kind: 'slack.catch_up', incidentId: incident.id, payload: { incidentId: incident.id, userId } };
    await enqueue(tx, clock.now(), [catchUp]);
  });
  return true;
}
