import { storableJson, storableText } from '../domain/text.ts';
import type { Prisma } from './generated/client.ts';
import { nextValue } from './counters.ts';

export type NewTimelineEntry = {
  incidentId: string;
  kind: string;
  text: string;
  actorId: string | null;
  occurredAt: Date;
  recordedAt: Date;
  source?: string;
  data?: Record<string, unknown>;
  dedupeKey?: string;
  count?: number;
};

export async function insertTimelineEntry(tx: Prisma.TransactionClient, entry: NewTimelineEntry) {
  const seq = await nextValue(tx, `timeline:${entry.incidentId}`);
  // Text from Slack (a captured message, a note) may hold what PostgreSQL refuses.
  const text = storableText(entry.text);
  return tx.timelineEntry.create({
    data: { ...entry, text, seq, data: storableJson(entry.data) as Prisma.InputJsonValue },
  });
}
