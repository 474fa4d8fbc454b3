import { isBackdated } from '../domain/timeline.ts';
import { enqueue } from '../jobs/queue.ts';
import { slackDate } from '../slack/blocks/format.ts';
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
  const when = isBackdated(entry) ? ` at ${slackDate(occurredAt)} (backdated)` : '';
  await enqueue(tx, now, [replyTo(replyTarget, `Added to the timeline as #${entry.seq}${when}.`)]);
  return entry;
}
