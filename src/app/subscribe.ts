import { createHash } from 'node:crypto';
import type { Config } from '../config/index.ts';
import type { Clock } from '../domain/clock.ts';
import { emailKey, FORM_LIMITS, isEmailAddress } from '../domain/status-page/subscriptions.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Db } from '../store/database.ts';
import { countHit } from '../store/rate-limits.ts';
import { newPublicId } from '../store/status-page.ts';
import { visibleComponents } from './publish-status-update.ts';

export type SubscribeInput = { email: string; components: string[]; client: string };
// `accepted` whether or not the address was new or already confirmed: the page says the same, so it
// tells nobody who is subscribed.
export type SubscribeOutcome = { kind: 'accepted' } | { kind: 'invalid'; problem: string } | { kind: 'limited' };

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const windowOf = (now: Date, ms: number) => new Date(Math.floor(now.getTime() / ms) * ms);
// Counts are kept under a digest: the form's limits never store an address in the clear.
const digest = (text: string) => createHash('sha256').update(text).digest('base64url');

// `POST /status/subscribe`: a confirmation mail (double opt-in) for a new or unconfirmed address.
export async function subscribeByEmail(
  { db, clock, config }: { db: Db; clock: Clock; config: Config },
  input: SubscribeInput,
): Promise<SubscribeOutcome> {
  const email = input.email.trim();
  if (!isEmailAddress(email)) return { kind: 'invalid', problem: 'That is not an email address.' };
  const offered = visibleComponents(config);
  const components = [...new Set(input.components)];
  if (components.some((c) => !offered.includes(c))) return { kind: 'invalid', problem: 'Unknown component.' };
  const now = clock.now();
  const key = emailKey(email);
  const [byClient, byAddress] = await Promise.all([
    countHit(db, `subscribe:client:${digest(input.client)}`, windowOf(now, HOUR_MS)),
    countHit(db, `subscribe:address:${digest(key)}`, windowOf(now, DAY_MS)),
  ]);
  if (byClient > FORM_LIMITS.perClientPerHour || byAddress > FORM_LIMITS.perAddressPerDay) return { kind: 'limited' };

  await db.$transaction(async (tx) => {
    const existing = await tx.subscriber.findUnique({ where: { addressKey: key } });
    if (existing?.confirmedAt) return;
    const subscriber =
      existing ??
      (await tx.subscriber.create({
        data: { id: newPublicId(), kind: 'email', address: email, addressKey: key, components, createdAt: now },
      }));
    const mailedAt = subscriber.confirmMailedAt?.getTime() ?? 0;
    if (now.getTime() - mailedAt < FORM_LIMITS.confirmationEveryMs) return;
    const claimed = await tx.subscriber.updateMany({
      where: { id: subscriber.id, confirmMailedAt: subscriber.confirmMailedAt },
      data: { confirmMailedAt: now, components },
    });
    if (claimed.count === 1)
      await enqueue(tx, now, [{ kind: 'subscribers.confirm_mail', payload: { subscriberId: subscriber.id } }]);
  });
  return { kind: 'accepted' };
}
