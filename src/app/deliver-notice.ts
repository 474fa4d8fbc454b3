import { createHmac } from 'node:crypto';
import type { Clock } from '../domain/clock.ts';
import type { Mailer } from '../integrations/mailer.ts';
import type { WebhookSender } from '../integrations/webhook-sender.ts';
import { RetryLater } from '../jobs/errors.ts';
import { subscriberQueue } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import { linkPath, linkToken } from './subscription-links.ts';

export type DeliveryPorts = { db: Db; clock: Clock; mailer: Mailer | null; webhooks: WebhookSender; baseUrl: string };
export type Delivery = { noticeId: string; subscriberId: string; part: number };
export type DeliveryOutcome =
  | { kind: 'sent' | 'skipped' }
  // A webhook that failed for a day: no longer sent anything; who added it is told.
  | { kind: 'disabled'; createdBy: string | null; host: string };

// A webhook failing for this long is disabled.
export const DISABLE_AFTER_MS = 24 * 3_600_000;

// The signature receivers check (README "Status page webhooks"): HMAC-SHA256 of "<timestamp>.<body>".
export const webhookSignature = (secret: string, timestamp: number, body: string) =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

export async function deliverNotice(ports: DeliveryPorts, delivery: Delivery): Promise<DeliveryOutcome> {
  const { db, clock } = ports;
  const [subscriber, notice] = await Promise.all([
    db.subscriber.findUnique({ where: { id: delivery.subscriberId } }),
    db.subscriberNotice.findUnique({ where: { id: delivery.noticeId } }),
  ]);
  // Unsubscribed, forgotten or disabled since it was queued: nothing more goes out.
  if (!subscriber || !notice || subscriber.disabledAt) return { kind: 'skipped' };
  if (subscriber.kind === 'email') {
    if (!ports.mailer || !subscriber.confirmedAt) return { kind: 'skipped' };
    const unsubscribeUrl = `${ports.baseUrl}${linkPath('unsubscribe', await linkToken(db, 'unsubscribe', subscriber.id))}`;
    await ports.mailer.send({
      to: subscriber.address,
      subject: notice.subject,
      text: `${notice.text}\n\n--\nYou subscribed to these updates. Unsubscribe: ${unsubscribeUrl}`,
      messageId: `<${notice.id}.${subscriber.id}@${new URL(ports.baseUrl).hostname}>`,
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
    return { kind: 'sent' };
  }
  const payload = (notice.webhooks as Record<string, unknown>[])[delivery.part];
  if (!payload) return { kind: 'skipped' };
  const body = JSON.stringify(payload);
  const timestamp = Math.floor(clock.now().getTime() / 1000);
  const answer = await ports.webhooks.post({
    url: subscriber.address,
    body,
    headers: {
      'x-incident-timestamp': String(timestamp),
      'x-incident-signature': webhookSignature(subscriber.secret ?? '', timestamp, body),
      'x-incident-delivery': `${notice.id}.${delivery.part}`,
    },
  });
  const now = clock.now();
  if (answer.ok) {
    if (subscriber.failingSince)
      await db.subscriber.update({ where: { id: subscriber.id }, data: { failingSince: null } });
    return { kind: 'sent' };
  }
  const since = subscriber.failingSince ?? now;
  if (now.getTime() - since.getTime() < DISABLE_AFTER_MS) {
    if (!subscriber.failingSince)
      await db.subscriber.update({ where: { id: subscriber.id }, data: { failingSince: now } });
    throw new RetryLater(`the webhook answered ${answer.reason}`);
  }
  await db.$transaction([
    db.subscriber.update({ where: { id: subscriber.id }, data: { disabledAt: now } }),
    db.job.updateMany({
      where: { queueKey: subscriberQueue(subscriber.id), status: 'pending' },
      data: { status: 'cancelled', queueKey: null, dedupeKey: null },
    }),
  ]);
  return { kind: 'disabled', createdBy: subscriber.createdBy, host: new URL(subscriber.address).host };
}
