import type { Clock } from '../domain/clock.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import { uncaptureMessage } from './capture-message.ts';

// What the capture job needs to fetch the message and record it (jobs/handlers/capture-message.ts).
export type CapturePayload = {
  incidentId: string;
  channel: string;
  ts: string;
  addedBy: string;
  source: 'reaction' | 'shortcut';
  note?: string;
};

export type AddMessageToTimelineOptions = Omit<CapturePayload, 'incidentId'> & { db: Db; clock: Clock };

const incidentOf = (db: Db, channelId: string) =>
  db.incident.findUnique({ where: { channelId }, select: { id: true } });

export async function isIncidentChannel(db: Db, channelId: string): Promise<boolean> {
  return (await incidentOf(db, channelId)) !== null;
}

// The reaction or the shortcut on a message in an incident channel: the request is recorded now
// (an accepted request is never lost), the message is fetched and added by a job. Returns false
// when the channel is not an incident's.
export async function addMessageToTimeline({ db, clock, ...request }: AddMessageToTimelineOptions) {
  const incident = await incidentOf(db, request.channel);
  if (!incident) return false;
  const payload: CapturePayload = { incidentId: incident.id, ...request };
  await db.$transaction((tx) =>
    enqueue(tx, clock.now(), [{ kind: 'timeline.capture_message', incidentId: incident.id, payload }]),
  );
  return true;
}

export type RemoveReactionMessageOptions = { db: Db; clock: Clock; channel: string; ts: string };

// Taking the reaction off takes the message off the timeline (what the shortcut added stays).
export async function removeReactionMessage({ db, clock, channel, ts }: RemoveReactionMessageOptions) {
  const incident = await incidentOf(db, channel);
  if (!incident) return;
  await db.$transaction((tx) => uncaptureMessage(tx, incident.id, ts, clock.now()));
}
