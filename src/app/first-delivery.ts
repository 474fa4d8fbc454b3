import type { Db } from '../store/database.ts';

// Senders deliver at least once (retries, replays): true the first time an id is seen, whichever
// replica or restart saw it first. Kept as long as the housekeeping timer says (prune-records.ts).
export async function isFirstDelivery(db: Db, eventId: string, source = 'slack'): Promise<boolean> {
  const inserted = await db.processedEvent.createMany({ data: [{ eventId, source }], skipDuplicates: true });
  return inserted.count > 0;
}

export async function wasDelivered(db: Db, eventId: string): Promise<boolean> {
  return (await db.processedEvent.count({ where: { eventId } })) > 0;
}
