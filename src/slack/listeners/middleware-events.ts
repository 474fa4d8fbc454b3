import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { isFirstDelivery } from '../../app/first-delivery.ts';
import type { Db } from '../../store/database.ts';

// An event id already in the database is dropped (Slack retries and replays deliveries).
export function dropDuplicateEvents(db: Db): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const eventId = (args.body as { event_id?: unknown }).event_id;
    if (typeof eventId !== 'string') return args.next();
    if (!(await isFirstDelivery(db, eventId))) return;
    await args.next();
  };
}
