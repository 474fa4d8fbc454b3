import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { Db } from '../../store/database.ts';

// Slack delivers events at least once (retries, replays): an event id already in the database is
// dropped, whichever replica or restart saw it first.
export function dropDuplicateEvents(db: Db): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const eventId = (args.body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return args.next();
    const inserted = await db.processedEvent.createMany({ data: [{ eventId, source: 'slack' }], skipDuplicates: true });
    if (inserted.count === 0) return;
    await args.next();
  };
}
