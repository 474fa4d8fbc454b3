import { resolveDue, type ItemFields } from '../domain/commands/postmortem-commands.ts';
import type { ActionItemFacts } from '../domain/events.ts';
import type { ActionItem } from '../store/generated/client.ts';
import { enqueue } from '../jobs/queue.ts';
import { nextValue } from '../store/counters.ts';
import { insertTimelineEntry } from '../store/timeline.ts';
import { postInRoom } from './effects.ts';
import type { IncidentAction } from './use-case.ts';

export type AddActionItemOptions = IncidentAction & ItemFields & { text: string; permalink?: string | null };

export const calendarDate = (day: string | null) => (day ? new Date(`${day}T00:00:00Z`) : null);

// What a message about the item shows.
export function itemFacts(item: ActionItem): ActionItemFacts {
  const { seq, text, ownerId, priority, theme } = item;
  return { seq, text, ownerId, priority, theme, due: item.dueDate?.toISOString().slice(0, 10) ?? null };
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
  await insertTimelineEntry(tx, {
    incidentId: incident.id,
    kind: 'action_item',
    text: `Action item #${seq}: ${text}`,
    actorId,
    occurredAt,
    recordedAt: now,
    data: { seq },
  });
  await enqueue(tx, now, [postInRoom(incident, { type: 'action_item_added', actorId, item: itemFacts(item) })]);
}
