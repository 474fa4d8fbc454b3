import type { Db } from '../store/database.ts';

// Slack delivers events at least once (retries, replays): true the first time an event id is
// seen, whichever replica or restart saw it first.
export async function isFirstDelivery(db: Db, eventId: string): Promise<boolean> {
  const inserted = await db.processedEvent.createMany({ data: [{ eventId, source: 'slack' }], skipDuplicates: true });
  return inserted.count > 0;
}
