import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { isFirstDelivery } from '../../app/first-delivery.ts';
import type { Db } from '../../store/database.ts';
import { withinDeadline } from '../../deadline.ts';

const CHECK_WITHIN_MS = 500;

// HTTP mode: a signed request accepted once and sent again within Slack's five-minute window (a
// replay by whoever saw it) is acknowledged and dropped, not carried out a second time. Slack
// itself never re-sends a command or an interaction, and re-sends events with a new signature.
// Runs after Bolt verified the signature, so only genuine requests are written down.
export function dropReplayedRequests(db: Db): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const signature = args.context.requestSignature;
    if (typeof signature !== 'string' || !signature) return args.next();
    // A database that fails or hangs is the listener's to answer (guard.ts): the check gives way.
    const first = await withinDeadline(
      isFirstDelivery(db, `request:${signature}`).catch(() => true),
      CHECK_WITHIN_MS,
    );
    if (first === false) {
      if ('ack' in args && typeof args.ack === 'function') await (args.ack as () => Promise<void>)();
      return;
    }
    await args.next();
  };
}
