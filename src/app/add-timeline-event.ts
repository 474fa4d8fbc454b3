import { isBackdated } from '../domain/timeline.ts';
import { enqueue } from '../jobs/queue.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { replyTo } from './effects.ts';
import type { IncidentAction } from './use-case.ts';

export type AddTimelineEventOptions = IncidentAction & {
  text: string;
  source: 'command' | 'reaction' | 'shortcut';
  permalink?: string;
  messageTs?: string;
  authorId?: string;
};

// A note on the timeline at the time it happened; the person who added it gets a private confirmation.
export async function addTimelineEvent({
  tx,
  clock,
  incident,
  actorId,
  occurredAt,
  replyTarget,
  text,
  source,
  permalink,
  messageTs,
}: AddTimelineEventOptions) {
  const now = clock.now();
  const entry = await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'note',
    text,
    actorId,
    occurredAt,
    recordedAt: now,
    source,
    data: permalink ? { permalink } : undefined,
  });
  if (permalink || messageTs)
    await tx.timelineEntry.update({ where: { id: entry.id }, data: { permalink, messageTs } });
  const added = {
    type: 'note_added',
    seq: entry.seq,
    at: occurredAt.toISOString(),
    backdated: isBackdated(entry),
  } as const;
  await enqueue(tx, now, [replyTo(replyTarget, added)]);
  return entry;
}
