import type { BotContext } from '../context.ts';
import { LATE, withinDeadline } from '../deadline.ts';

// isGuest: a multi- or single-channel guest (Slack's is_restricted, is_ultra_restricted).
export type SlackProfile = {
  id: string;
  email: string | null;
  tz: string | null;
  name: string | null;
  isGuest: boolean;
};

// A day-old profile is fresh enough for time zones and policy emails.
const MAX_AGE_MS = 24 * 3_600_000;
// Commands wait for this lookup, and the commands after them wait for those: a slow Slack must not
// hold an incident up for the WebClient's whole timeout.
const LOOKUP_TIMEOUT_MS = 3_000;

// A user's email and time zone from users.info, cached in the database across restarts. When Slack
// does not answer, a cached profile of any age is better than none (time zones rarely change).
export async function slackProfile(ctx: BotContext, userId: string): Promise<SlackProfile> {
  const now = ctx.clock.now();
  const cached = await ctx.db.slackUser.findUnique({ where: { id: userId } });
  if (cached && now.getTime() - cached.fetchedAt.getTime() < MAX_AGE_MS) return cached;
  let answer: Awaited<ReturnType<BotContext['slack']['users']['info']>> | typeof LATE;
  try {
    answer = await withinDeadline(ctx.slack.users.info({ user: userId }), LOOKUP_TIMEOUT_MS);
    if (answer === LATE) throw new Error(`Slack did not answer users.info within ${LOOKUP_TIMEOUT_MS / 1000} s`);
  } catch (error) {
    if (cached) return cached;
    throw error;
  }
  const { user } = answer;
  const profile = {
    id: userId,
    email: user?.profile?.email ?? null,
    tz: user?.tz ?? null,
    name: user?.name ?? null,
    isGuest: !!(user?.is_restricted || user?.is_ultra_restricted),
  };
  // Two commands from one person may fetch at once: last write wins, never a unique violation.
  await ctx.db.$executeRawUnsafe(
    `INSERT INTO "SlackUser" (id, email, tz, name, "isGuest", "fetchedAt") VALUES ($1, $2, $3, $4, $5, $6::timestamptz)
     ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, tz = EXCLUDED.tz, name = EXCLUDED.name,
       "isGuest" = EXCLUDED."isGuest", "fetchedAt" = EXCLUDED."fetchedAt"`,
    profile.id,
    profile.email,
    profile.tz,
    profile.name,
    profile.isGuest,
    now,
  );
  return profile;
}
