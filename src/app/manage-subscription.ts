import type { Clock } from '../domain/clock.ts';
import { subscriberQueue } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import { type LinkPurpose, subscriberOfToken } from './subscription-links.ts';

export type LinkState = 'valid' | 'gone';

// What a confirm or unsubscribe link names: `gone` when it names nobody (unsubscribed, forgotten,
// or never ours). Nothing of the subscriber is returned: the page shows no address.
export async function subscriptionLink(db: Db, purpose: LinkPurpose, token: string): Promise<LinkState> {
  const id = await subscriberOfToken(db, purpose, token);
  if (!id) return 'gone';
  return (await db.subscriber.count({ where: { id } })) ? 'valid' : 'gone';
}

// The confirm page's POST: from now on the address is told.
export async function confirmSubscription(db: Db, clock: Clock, token: string): Promise<LinkState> {
  const id = await subscriberOfToken(db, 'confirm', token);
  if (!id) return 'gone';
  await db.subscriber.updateMany({ where: { id, confirmedAt: null }, data: { confirmedAt: clock.now() } });
  return (await db.subscriber.count({ where: { id } })) ? 'valid' : 'gone';
}

// The unsubscribe page's POST, or a mail client's one-click POST (RFC 8058): the address is
// deleted, and nothing more is sent to it.
export async function unsubscribe(db: Db, token: string): Promise<LinkState> {
  const id = await subscriberOfToken(db, 'unsubscribe', token);
  if (!id) return 'gone';
  return (await removeSubscriber(db, id)) ? 'valid' : 'gone';
}

// Deletes a subscriber and cancels what was still to be delivered to it.
export async function removeSubscriber(db: Db, id: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await tx.job.updateMany({
      where: { queueKey: subscriberQueue(id), status: 'pending' },
      data: { status: 'cancelled', queueKey: null, dedupeKey: null },
    });
    const deleted = await tx.subscriber.deleteMany({ where: { id } });
    return deleted.count > 0;
  });
}
