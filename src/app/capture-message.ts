import type { Prisma } from '../store/generated/client.ts';
import { insertTimelineEntry } from '../store/timeline.ts';

export type CapturedMessage = {
  incidentId: string;
  ts: string;
  authorId: string | null;
  text: string;
  permalink: string | null;
  source: 'reaction' | 'shortcut';
  addedBy: string;
  note: string;
  recordedAt: Date;
};

const messageTime = (ts: string) => new Date(Math.floor(Number(ts)) * 1000);

// A Slack message on the timeline at the time it was posted, by its author, with a link back.
// Keyed by the message: adding it again (another reaction, the shortcut, a retried job) changes
// nothing, and a removed one comes back.
export async function captureMessage(tx: Prisma.TransactionClient, message: CapturedMessage) {
  const dedupeKey = `message:${message.ts}`;
  const existing = await tx.timelineEntry.findUnique({
    where: { incidentId_dedupeKey: { incidentId: message.incidentId, dedupeKey } },
  });
  if (existing) {
    if (existing.removedAt)
      await tx.timelineEntry.update({ where: { id: existing.id }, data: { removedAt: null, source: message.source } });
    return existing;
  }
  const text = message.note ? `${message.text}\n(${message.note})` : message.text;
  const entry = await insertTimelineEntry(tx, {
    incidentId: message.incidentId,
    kind: 'message',
    text: text || '(message without text)',
    actorId: message.authorId,
    occurredAt: messageTime(message.ts),
    recordedAt: message.recordedAt,
    source: message.source,
    data: { addedBy: message.addedBy },
  });
  return tx.timelineEntry.update({
    where: { id: entry.id },
    data: { dedupeKey, messageTs: message.ts, permalink: message.permalink },
  });
}

// Taking the reaction off takes off what the reaction added (not what the shortcut added).
export async function uncaptureMessage(tx: Prisma.TransactionClient, incidentId: string, ts: string, at: Date) {
  await tx.timelineEntry.updateMany({
    where: { incidentId, dedupeKey: `message:${ts}`, source: 'reaction', removedAt: null },
    data: { removedAt: at },
  });
}
