// The links in subscribers' mail: `<id>.<signature>`, signed with the page's own key, so a link
// names one subscriber and one purpose and cannot be made up. Nothing of it is stored.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../store/database.ts';
import { linkKey } from '../store/status-page.ts';

export type LinkPurpose = 'confirm' | 'unsubscribe';

const keys = new WeakMap<Db, Promise<string>>();
const keyOf = (db: Db) => {
  let key = keys.get(db);
  if (!key) {
    key = linkKey(db);
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
};

const signature = (key: string, purpose: LinkPurpose, id: string) =>
  createHmac('sha256', key).update(`${purpose}:${id}`).digest('base64url').slice(0, 32);

export async function linkToken(db: Db, purpose: LinkPurpose, subscriberId: string): Promise<string> {
  return `${subscriberId}.${signature(await keyOf(db), purpose, subscriberId)}`;
}

// The subscriber id the token names, or null when it was not made by us for that purpose.
export async function subscriberOfToken(db: Db, purpose: LinkPurpose, token: string): Promise<string | null> {
  const match = /^([A-Za-z0-9_-]{12})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match) return null;
  const expected = Buffer.from(signature(await keyOf(db), purpose, match[1]!));
  const given = Buffer.from(match[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1]! : null;
}

export const linkPath = (purpose: LinkPurpose, token: string) => `/status/subscriptions/${token}/${purpose}`;
