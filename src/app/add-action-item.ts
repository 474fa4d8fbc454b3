import { resolveDue, type ItemFields } from '../domain/commands/postmortem-commands.ts';
import { escapeText } from '../domain/text.ts';
import { enqueue } from '../jobs/queue.ts';
import { nextValue } from '../store/counters.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom } from './effects.ts';
import type { IncidentAction } from './use-case.ts';

export type AddActionItemOptions = IncidentAction & ItemFields & { text: string; permalink?: string | null };

export const calendarDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

export function describeItem(item: {
  ownerId: string | null;
  priority: string;
  dueDate: Date | string | null;
  theme: string | null;
}) {
  const due = item.dueDate instanceof Date ? item.dueDate.toISOString().slice(0, 10) : item.dueDate;
  return [
    item.ownerId ? `owner <@${item.ownerId}>` : 'no owner yet',
    item.priority,
    due ? `due ${due}` : null,
    item.theme ? `theme ${item.theme}` : null,
  ]
    .filter(Boolean)
    .join(', ');
}

// During or after the incident; numbered per incident (#1, #2…) for `/incident actions`.
export async function addActionItem(options: AddActionItemOptions) {
  const { tx, clock, incident, actorId, occurredAt, text } = options;
  const now = clock.now();
  const seq = await nextValue(tx, `action:${incident.id}`);
  const item = await tx.actionItem.create({
    data: {
      incidentId: incident.id,
      seq,
      text,
      ownerId: options.ownerId,
      priority: options.priority ?? 'medium',
      dueDate: calendarDate(options.due ? resolveDue(options.due, now) : null),
      theme: options.theme,
      permalink: options.permalink ?? null,
      createdBy: actorId,
      createdAt: occurredAt,
    },
  });
  const details = describeItem(item);
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'action_item',
    text: `Action item #${seq}: ${text}`,
    actorId,
    occurredAt,
    recordedAt: now,
    data: { seq },
  });
  await enqueue(tx, now, [
    postInRoom(incident.id, `:memo: <@${actorId}> added action item *#${seq}*: ${escapeText(text)} (${details})`),
  ]);
}
