import type { BotContext } from '../context.ts';
import { LATE, withinDeadline } from '../deadline.ts';

// Who is in a channel now, from Slack (conversations.members), kept for half a minute: private
// incidents are visible on the web only to their channel's members, so someone who left loses
// access within that time. When Slack cannot say, nobody is a member (fail closed).
const CACHE_MS = 30_000;
const LOOKUP_MS = 2_000;
const MAX_PAGES = 20;
const caches = new WeakMap<object, Map<string, { members: Set<string>; at: number }>>();

export async function isChannelMember(ctx: BotContext, channelId: string | null, userId: string): Promise<boolean> {
  if (!channelId) return false;
  const cache = caches.get(ctx.slack) ?? new Map();
  caches.set(ctx.slack, cache);
  const cached = cache.get(channelId);
  if (cached && ctx.clock.now().getTime() - cached.at < CACHE_MS) return cached.members.has(userId);
  const members: Set<string> | typeof LATE = await withinDeadline(listMembers(ctx, channelId), LOOKUP_MS).catch(
    () => LATE,
  );
  if (typeof members === 'symbol') {
    ctx.logger.warn({ channelId }, 'web view: could not list channel members; access refused');
    return false;
  }
  cache.set(channelId, { members, at: ctx.clock.now().getTime() });
  return members.has(userId);
}

async function listMembers(ctx: BotContext, channel: string): Promise<Set<string>> {
  const members = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await ctx.slack.conversations.members({ channel, limit: 1000, cursor });
    for (const id of answer.members ?? []) members.add(id);
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return members;
}
