// Signing in to the web view from Slack (SPEC.md "Web view"): `/incident web` hands out a link
// with a single-use token; opening it starts a session. Only hashes of tokens and session ids are
// stored, so a copy of the database signs nobody in.
import { createHash, randomBytes } from 'node:crypto';
import type { BotContext } from '../context.ts';
import { LATE, withinDeadline } from '../deadline.ts';
import { AppError } from '../domain/errors.ts';
import type { Db } from '../store/database.ts';

export const LOGIN_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;
const GUEST_CHECK_MS = 1_500;

const hashOf = (secret: string) => createHash('sha256').update(secret).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');
export const isWellFormedSecret = (s: string) => /^[A-Za-z0-9_-]{43}$/.test(s);

export type WebUser = { userId: string; teamId: string };
type SlackAccount = { is_restricted?: boolean; is_ultra_restricted?: boolean; deleted?: boolean };
// Guests and deactivated accounts have no web view.
const isBarred = (account: SlackAccount) => !!(account.is_restricted || account.is_ultra_restricted || account.deleted);

// What Slack says of this person's account, or undefined when it cannot say within a short wait.
async function slackAccount(ctx: BotContext, userId: string): Promise<SlackAccount | undefined> {
  const answer = await withinDeadline(ctx.slack.users.info({ user: userId }), GUEST_CHECK_MS).catch(() => LATE);
  return answer === LATE ? undefined : (answer as { user?: SlackAccount }).user;
}

// Answers `/incident web`: a sign-in link for this person, unless Slack says they are a guest.
export async function issueWebLogin(ctx: BotContext, user: WebUser): Promise<{ url: string; expiresAt: Date }> {
  const account = await slackAccount(ctx, user.userId);
  if (!account)
    throw new AppError('UNAVAILABLE', 'I could not check your account with Slack just now; try again in a moment.');
  if (isBarred(account)) throw new AppError('FORBIDDEN', 'Guest accounts cannot sign in to the web view.');
  const token = newSecret();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + LOGIN_TTL_MS);
  await ctx.db.webLoginToken.create({ data: { tokenHash: hashOf(token), ...user, createdAt: now, expiresAt } });
  return { url: `${ctx.publicUrl()}/login/${token}`, expiresAt };
}

// Opening the link (a GET, which link scanners and previews make too): whether it would sign in,
// without using it up.
export async function webLoginUsable(db: Db, now: Date, token: string): Promise<boolean> {
  if (!isWellFormedSecret(token)) return false;
  return (await db.webLoginToken.count({ where: usableToken(hashOf(token), now) })) === 1;
}

// A sign-in token not used yet and not expired.
const usableToken = (tokenHash: string, now: Date) => ({ tokenHash, usedAt: null, expiresAt: { gt: now } });

// Signing in with it (the page's POST): the token is used up in one statement, so two clicks (or two replicas) cannot
// both sign in with it. Null when it was already used, expired, or never issued.
export async function redeemWebLogin(
  db: Db,
  now: Date,
  token: string,
): Promise<{ sessionId: string; user: WebUser; expiresAt: Date } | null> {
  if (!isWellFormedSecret(token)) return null;
  const tokenHash = hashOf(token);
  const used = await db.webLoginToken.updateMany({ where: usableToken(tokenHash, now), data: { usedAt: now } });
  if (used.count !== 1) return null;
  const row = await db.webLoginToken.findUniqueOrThrow({ where: { tokenHash } });
  const sessionId = newSecret();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  const user = { userId: row.userId, teamId: row.teamId };
  await db.webSession.create({ data: { idHash: hashOf(sessionId), ...user, createdAt: now, expiresAt } });
  return { sessionId, user, expiresAt };
}

export async function sessionUser(db: Db, now: Date, sessionId: string): Promise<WebUser | null> {
  if (!isWellFormedSecret(sessionId)) return null;
  const session = await db.webSession.findUnique({ where: { idHash: hashOf(sessionId) } });
  if (!session || session.revokedAt || session.expiresAt <= now) return null;
  return { userId: session.userId, teamId: session.teamId };
}

// `/incident web logout`: every session of this person ends now (of any workspace when no team is given).
export async function endWebSessions(
  db: Db,
  now: Date,
  user: Pick<WebUser, 'userId'> & Partial<WebUser>,
): Promise<number> {
  const ended = await db.webSession.updateMany({
    where: { ...user, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  return ended.count;
}

// Slack said this person was deactivated or made a guest (`user_change`, or a re-check): every web
// session of theirs ends now. Only such a change writes anything: the event comes for every
// profile edit in the workspace.
export async function endSessionsIfBarred(
  db: Db,
  now: Date,
  userId: string,
  account: SlackAccount | undefined,
): Promise<boolean> {
  if (!account || !isBarred(account)) return false;
  await endWebSessions(db, now, { userId });
  return true;
}

// A signed-in person is checked with Slack again after this long of use, in case the event that
// should have ended their session was missed (a bot restarting, an event dropped).
export const RECHECK_MS = 10 * 60_000;

// Whether a session's user may keep it: asks Slack (within a short wait), and ends their sessions
// when Slack says they are barred. Slack unreachable: kept for now, asked again on the next request.
export async function recheckWebUser(ctx: BotContext, user: WebUser): Promise<'kept' | 'ended' | 'unknown'> {
  const account = await slackAccount(ctx, user.userId);
  if (!account) return 'unknown';
  return (await endSessionsIfBarred(ctx.db, ctx.clock.now(), user.userId, account)) ? 'ended' : 'kept';
}
