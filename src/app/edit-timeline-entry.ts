import { AppError } from '../domain/errors.ts';
import { enqueue } from '../jobs/queue.ts';
import { replyTo } from './effects.ts';
import type { IncidentAction } from './use-case.ts';

// Entries people wrote; what the bot recorded from a command is corrected with that command.
const EDITABLE = new Set(['note', 'message']);

export type EditTimelineEntryOptions = IncidentAction & { seq: number; text: string };

// Corrects an entry's time or text; the version it replaces is kept in its edit history.
export async function editTimelineEntry({
  tx,
  clock,
  incident,
  actorId,
  occurredAt,
  replyTarget,
  seq,
  text,
  timeGiven,
}: EditTimelineEntryOptions) {
  const entry = await tx.timelineEntry.findUnique({ where: { incidentId_seq: { incidentId: incident.id, seq } } });
  if (!entry || entry.removedAt)
    throw new AppError(
      'NOT_FOUND',
      `There is no entry #${seq} on this timeline. \`/incident timeline\` shows the numbers.`,
    );
  if (!EDITABLE.has(entry.kind)) {
    throw new AppError(
      'CONFLICT',
      `Entry #${seq} was recorded by the bot (${entry.kind}); correct it with the command that made it, e.g. \`/incident mark\` or \`/incident impact\`.`,
    );
  }
  const now = clock.now();
  await tx.timelineEdit.create({
    data: {
      entryId: entry.id,
      previousText: entry.text,
      previousOccurredAt: entry.occurredAt,
      editedBy: actorId,
      editedAt: now,
    },
  });
  await tx.timelineEntry.update({
    where: { id: entry.id },
    data: { ...(text ? { text } : {}), ...(timeGiven ? { occurredAt } : {}) },
  });
  await enqueue(tx, now, [replyTo(replyTarget, { type: 'entry_corrected', seq })]);
}
