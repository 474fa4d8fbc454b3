import type { BotContext } from '../context.ts';
import { LATE, withinDeadline } from '../deadline.ts';

// The private channels a person is in, from Slack (users.conversations: Slack lists a private
// channel there only when the bot is in it too, as it is in every incident channel). One lookup
// per viewer, kept for half a minute, asked whatever the request matches: how long a page takes
// says nothing about which private incidents exist (never one call per matching incident). Someone
// who leaves a channel loses access within that time. When Slack cannot say: none (fail closed).
const CACHE_MS = 30_000;
const LOOKUP_MS = 2_000;
const MAX_PAGES = 20;
const caches = new WeakMap<object, Map<string, { channels: Set<string>; at: number }>>();

export async function privateChannelsOf(ctx: BotContext, userId: string): Promise<Set<string>> {
  const cache = caches.get(ctx.slack) ?? new Map();
  caches.set(ctx.slack, cache);
  const cached = cache.get(userId);
  if (cached && ctx.clock.now().getTime() - cached.at < CACHE_MS) return cached.channels;
  const channels = await withinDeadline(listPrivateChannels(ctx, userId), LOOKUP_MS).catch(() => LATE);
  if (typeof channels === 'symbol') {
    ctx.logger.warn({ userId }, 'web view: could not list the private channels of a viewer; private incidents hidden');
    return new Set();
  }
  cache.set(userId, { channels, at: ctx.clock.now().getTime() });
  return channels;
}

async function listPrivateChannels(ctx: BotContext, user: string): Promise<Set<string>> {
  const channels = new Set<string>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await ctx.slack.users.conversations({ user, types: 'private_channel', limit: 999, cursor });
    for (const channel of answer.channels ?? []) if (channel.id) channels.add(channel.id);
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) break;
  }
  return channels;
}
