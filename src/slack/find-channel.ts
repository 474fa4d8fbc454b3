import type { BotContext } from '../context.ts';

export type ChannelSummary = {
  id: string;
  name: string;
  creator?: string;
  created?: number;
  is_archived?: boolean;
  is_member?: boolean;
};

const CHANNEL_ID = /^[CG][A-Z0-9]{6,}$/;
export const isChannelId = (value: string) => CHANNEL_ID.test(value);

// Walks conversations.list (public and the private channels the bot is in) for a name.
export async function findChannelByName(ctx: BotContext, name: string): Promise<ChannelSummary | undefined> {
  let cursor: string | undefined;
  do {
    const page = await ctx.slack.conversations.list({ types: 'public_channel,private_channel', limit: 1000, cursor });
    const hit = page.channels?.find((c) => c.name === name);
    if (hit) return hit as ChannelSummary;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return undefined;
}
