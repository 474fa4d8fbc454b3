import type { BotContext } from '../context.ts';

export type SlackProfile = { id: string; email: string | null; tz: string | null; name: string | null };

// A day-old profile is fresh enough for time zones and policy emails.
const MAX_AGE_MS = 24 * 3_600_000;

// A user's email and time zone from users.info, cached in the database across restarts.
export async function slackProfile(ctx: BotContext, userId: string): Promise<SlackProfile> {
  const now = ctx.clock.now();
  const cached = await ctx.db.slackUser.findUnique({ where: { id: userId } });
  if (cached && now.getTime() - cached.fetchedAt.getTime() < MAX_AGE_MS) return cached;
  const { user } = await ctx.slack.users.info({ user: userId });
  const profile = { id: userId, email: user?.profile?.email ?? null, tz: user?.tz ?? null, name: user?.name ?? null };
  await ctx.db.slackUser.upsert({ where: { id: userId }, create: { ...profile, fetchedAt: now }, update: { ...profile, fetchedAt: now } });
  return profile;
}
