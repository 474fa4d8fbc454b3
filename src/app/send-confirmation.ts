import type { Db } from '../store/database.ts';
import type { Mailer } from '../integrations/mailer.ts';
import { linkPath, linkToken } from './subscription-links.ts';

// The confirmation mail of an unconfirmed subscriber; nothing when it was confirmed or removed
// meanwhile, or when email is not configured.
export async function sendConfirmation(
  ports: { db: Db; mailer: Mailer | null; baseUrl: string },
  subscriberId: string,
  words: (confirmUrl: string) => { subject: string; text: string },
): Promise<boolean> {
  const subscriber = await ports.db.subscriber.findUnique({ where: { id: subscriberId } });
  if (!subscriber || subscriber.confirmedAt || subscriber.kind !== 'email' || !ports.mailer) return false;
  const url = `${ports.baseUrl}${linkPath('confirm', await linkToken(ports.db, 'confirm', subscriber.id))}`;
  const { subject, text } = words(url);
  await ports.mailer.send({
    to: subscriber.address,
    subject,
    text,
    messageId: `<confirm.${subscriber.id}.${subscriber.confirmMailedAt?.getTime() ?? 0}@${new URL(ports.baseUrl).hostname}>`,
  });
  return true;
}
